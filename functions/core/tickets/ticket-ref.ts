/**
 * Ticket references: short, human-friendly and deterministic (`MJ-4K7Q2X`). The ref is derived
 * from the ticket's idempotency key, so a retried escalation lands on the same ticket; `attempt`
 * moves to another ref only when a different key already owns the first one.
 */
import { createHash } from 'node:crypto';

/** Crockford base32: digits and capitals without I, L, O and U (nothing to misread). */
export const CROCKFORD_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Prefix of every ticket reference. */
export const TICKET_REF_PREFIX = 'MJ-';

/** Exactly what `ticketRefFor` produces. */
export const TICKET_REF_PATTERN = /^MJ-[0-9A-HJKMNP-TV-Z]{6}$/;

const REF_LENGTH = 6;

/**
 * The reference for a ticket created from `sourceKey`.
 *
 * @example
 * ticketRefFor('sms:+hash:SM123') // → 'MJ-…' (always the same for this key)
 */
export function ticketRefFor(sourceKey: string, attempt = 0): string {
  if (!Number.isInteger(attempt) || attempt < 0) {
    throw new RangeError(`attempt must be a non-negative integer, got ${attempt}`);
  }
  const digest = createHash('sha256').update(`${sourceKey}\u0000${attempt}`, 'utf8').digest();
  // 6 characters × 5 bits = 30 bits from the first 4 bytes of the digest.
  let bits = digest.readUInt32BE(0) >>> 2;
  let code = '';
  for (let i = 0; i < REF_LENGTH; i++) {
    code = CROCKFORD_ALPHABET[bits & 31] + code;
    bits >>>= 5;
  }
  return TICKET_REF_PREFIX + code;
}

/** True when `value` is a well-formed ticket reference (as stored, upper case). */
export function isTicketRef(value: string): boolean {
  return TICKET_REF_PATTERN.test(value);
}

/**
 * Reads a reference as a person typed it ("mj 4k7q2x", "MJ-4K7Q2O"): case and separators are
 * ignored and the Crockford look-alikes are decoded (O → 0, I/L → 1). Undefined when it cannot be
 * a reference.
 */
export function normalizeTicketRef(input: string): string | undefined {
  const compact = input
    .toUpperCase()
    .replace(/[\s_-]/g, '')
    .replace(/^MJ/, '');
  if (compact.length !== REF_LENGTH) return undefined;
  const code = compact.replace(/O/g, '0').replace(/[IL]/g, '1');
  const ref = TICKET_REF_PREFIX + code;
  return isTicketRef(ref) ? ref : undefined;
}
