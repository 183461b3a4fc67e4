/**
 * How long personal data is kept. Turns expire `retentionDays` after they happen (store-rules.ts);
 * a ticket, which holds the customer's words, phone and email, expires a set time after it is
 * closed (reopening it clears the expiry); a content-gap suggestion expires a set time after it
 * was made. The stores write `expiresAt` (epoch seconds) and DynamoDB's TTL deletes the item.
 */
import { ValidationError } from '../errors.ts';
import type { ContentGap, Ticket } from '../ports.ts';

/** Days a closed ticket is kept, unless configured otherwise. */
export const DEFAULT_TICKET_RETENTION_DAYS = 180;
/** Days a content-gap suggestion is kept, unless configured otherwise. */
export const DEFAULT_GAP_RETENTION_DAYS = 180;

const SECONDS_PER_DAY = 86_400;

/** `days`, or `fallback` when undefined; a ValidationError unless a positive number. */
export function checkDays(days: number | undefined, fallback: number, name: string): number {
  if (days === undefined) return fallback;
  if (typeof days !== 'number' || !Number.isFinite(days) || days <= 0) {
    throw new ValidationError(`${name} must be a positive number`, { [name]: days });
  }
  return days;
}

/**
 * The ticket as stored: a closed ticket expires `days` after it was closed; any other has no
 * expiry (an open ticket is never deleted under anyone's feet).
 *
 * @example ticketWithExpiry(closed, 180).expiresAt // closedAt + 180 days, in epoch seconds
 */
export function ticketWithExpiry(ticket: Ticket, days: number): Ticket {
  const { expiresAt: _previous, ...rest } = ticket;
  if (ticket.status !== 'closed') return rest;
  const closedMs = Date.parse(ticket.closedAt ?? ticket.updatedAt);
  if (Number.isNaN(closedMs)) return rest;
  return { ...rest, expiresAt: Math.floor(closedMs / 1000) + Math.round(days * SECONDS_PER_DAY) };
}

/** The content gap as stored: it expires `days` after it was made, unless it says otherwise. */
export function gapWithExpiry(gap: ContentGap, days: number): ContentGap {
  if (gap.expiresAt !== undefined) return gap;
  const atMs = Date.parse(gap.at);
  if (Number.isNaN(atMs)) return gap;
  return { ...gap, expiresAt: Math.floor(atMs / 1000) + Math.round(days * SECONDS_PER_DAY) };
}
