/**
 * Phone-number identities (SMS, and WhatsApp, whose addresses are numbers too) without the number
 * in the clear: a stable customer key per channel (keyed hash: staff replies and opt-outs follow
 * the number on that channel) and a masked number for logs. Session ids (a conversation of a
 * number) come from sms-sessions.ts, by inactivity rather than by the clock.
 */
import { createHmac } from 'node:crypto';
import type { Channel } from '#core/types.ts';

/** Hex characters of the HMAC kept in ids: 80 bits, far beyond any collision risk here. */
const HASH_CHARS = 20;

/** The channels whose customers are phone numbers, handled by this folder's code. */
export type PhoneChannel = Extract<Channel, 'sms' | 'whatsapp'>;

/** `sms:<hash>`: stable for a number, for staff replies and opt-outs. */
export function smsCustomerKey(phone: string, secret: string): string {
  return phoneCustomerKey('sms', phone, secret);
}

/**
 * `<channel>:<hash>`: a number's key on one channel. A STOP on WhatsApp opts out of WhatsApp
 * only, and an SMS conversation never continues on WhatsApp.
 *
 * @example phoneCustomerKey('whatsapp', '+966501234567', secret) // → 'whatsapp:3f9a…'
 */
export function phoneCustomerKey(channel: PhoneChannel, phone: string, secret: string): string {
  return `${channel}:${phoneHash(phone, secret)}`;
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
