/**
 * SMS identities without phone numbers in the clear: a stable customer key (keyed hash: staff
 * replies and opt-outs follow the number) and a masked number for logs. Session ids (a
 * conversation of a number) come from sms-sessions.ts, by inactivity rather than by the clock.
 */
import { createHmac } from 'node:crypto';

/** Hex characters of the HMAC kept in ids: 80 bits, far beyond any collision risk here. */
const HASH_CHARS = 20;

/** `sms:<hash>`: stable for a number, for staff replies and opt-outs. */
export function smsCustomerKey(phone: string, secret: string): string {
  return `sms:${phoneHash(phone, secret)}`;
}

/** Keyed hash (HMAC-SHA256) of the normalised number, truncated. */
export function phoneHash(phone: string, secret: string): string {
  if (secret === '') throw new RangeError('the phone hashing secret must not be empty');
  return createHmac('sha256', secret)
    .update(normalizePhone(phone))
    .digest('hex')
    .slice(0, HASH_CHARS);
}

/** E.164 without spaces, dashes or brackets: "+971 50-123 4567" → "+971501234567". */
export function normalizePhone(phone: string): string {
  return phone.trim().replace(/[\s\-().]/g, '');
}

/** A number safe for logs: "+9715•••••67". */
export function maskPhone(phone: string): string {
  const p = normalizePhone(phone);
  if (p.length <= 6) return '•'.repeat(p.length);
  return `${p.slice(0, 5)}${'•'.repeat(p.length - 7)}${p.slice(-2)}`;
}
