/**
 * Whether a ticket's customer can be sent a free-text WhatsApp message now, under WhatsApp's
 * rules — the step every outbound message on the channel (staff replies, the satisfaction
 * question) starts with: a phone number on the ticket, no STOP on WhatsApp, and the 24-hour
 * customer-service window opened by the customer's last message.
 */
import type { Clock, OutboundSmsResult, Ticket } from '#core/ports.ts';
import type { SmsOptOutStore } from '#adapters/sms/sms-opt-out-store.ts';
import { phoneCustomerKey } from '#adapters/sms/sms-session.ts';
import type { SmsSessionStore } from '#adapters/sms/sms-sessions.ts';

/** The delivery detail of a message refused because the window had closed (the desk explains it). */
export const OUTSIDE_WINDOW = 'outside-24h-window';
/** Hours a customer's message keeps WhatsApp's customer-service window open. */
export const WHATSAPP_WINDOW_HOURS = 24;

export interface WhatsAppReachDeps {
  /** Knows when each WhatsApp number last wrote (`latest(customerKey).lastAt`). */
  sessions: SmsSessionStore;
  optOut: SmsOptOutStore;
  /** Secret phone numbers are hashed with (as the inbound handling uses). */
  secret: string;
  clock: Clock;
}

/** The customer's number and whether the window is open; or why nothing may be sent at all. */
export type WhatsAppReach = { phone: string; windowOpen: boolean } | { refused: OutboundSmsResult };

export async function whatsAppReach(
  deps: WhatsAppReachDeps,
  ticket: Ticket,
): Promise<WhatsAppReach> {
  const phone = ticket.contact.phone;
  if (!phone)
    return { refused: { id: '', status: 'failed', detail: 'no phone number on the ticket' } };
  const customerKey = phoneCustomerKey('whatsapp', phone, deps.secret);
  if (await deps.optOut.isOptedOut(customerKey)) {
    return { refused: { id: '', status: 'failed', detail: 'opted-out' } };
  }
  const last = await deps.sessions.latest(customerKey);
  return { phone, windowOpen: withinWindow(last?.lastAt, deps.clock.now()) };
}

/**
 * Whether a message at `now` is inside the window opened by the customer's message at
 * `lastInbound` (ISO-8601; undefined: they never wrote).
 *
 * @example withinWindow('2026-11-23T10:00:00Z', new Date('2026-11-24T09:59:59Z')) // → true
 */
export function withinWindow(lastInbound: string | undefined, now: Date): boolean {
  if (!lastInbound) return false;
  // (A message stamped a moment after `now`, by another function's clock, is inside.)
  const elapsed = now.getTime() - Date.parse(lastInbound);
  return elapsed < WHATSAPP_WINDOW_HOURS * 3_600_000;
}
