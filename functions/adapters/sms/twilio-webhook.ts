/**
 * Parses and authenticates a Twilio incoming-message webhook (application/x-www-form-urlencoded
 * POST), for SMS and for WhatsApp: Twilio signs both alike, and a WhatsApp message differs only
 * in its addresses (`From: whatsapp:+9665…`) and, for a tapped quick reply, `ButtonPayload` and
 * `ButtonText`. The signature covers the configured public URL and every form field, so it is
 * checked before anything in the body is trusted: missing or forged → InvalidSignatureError
 * (403); signed but malformed → ValidationError (400).
 */
import { InvalidSignatureError, ValidationError } from '#core/errors.ts';
import type { PhoneChannel } from './sms-session.ts';
import { verifyTwilioSignature, type TwilioParams } from './twilio-signature.ts';

export interface TwilioInboundSms {
  /** Sender, E.164 (without WhatsApp's `whatsapp:` prefix). */
  from: string;
  /** Our number, E.164 (without the prefix). */
  to: string;
  body: string;
  /** Twilio message SID (SM… / MM…): the idempotency key. */
  messageSid: string;
  /** A tapped WhatsApp quick-reply button: its payload and label. */
  button?: { payload: string; text: string };
  /** Every form field as received (for logging by name only; it holds the number). */
  params: Record<string, string>;
}

export interface TwilioWebhookOptions {
  authToken: string;
  /** The webhook URL exactly as configured in Twilio (it is part of the signature). */
  publicUrl: string;
  /** Which of Twilio's channels this webhook is for (default `sms`): it decides the addresses. */
  channel?: PhoneChannel;
}

/**
 * Longest body per channel: Twilio and End User Messaging carry at most 1,600 characters of SMS;
 * a WhatsApp text may hold 4,096.
 */
const MAX_BODY: Record<PhoneChannel, number> = { sms: 1600, whatsapp: 4096 };
/** A quick-reply payload or label longer than this is not one WhatsApp made. */
const MAX_BUTTON = 1024;
const MESSAGE_SID = /^(SM|MM|SMS)[0-9a-fA-F]{32}$/;
const E164 = /^\+[1-9]\d{6,14}$/;
/** Our side may be a short code. */
const OUR_NUMBER = /^\+?\d{3,15}$/;
const WHATSAPP = 'whatsapp:';

/**
 * @example
 * const sms = parseTwilioWebhook(event.body, event.headers, { authToken, publicUrl });
 * // → { from: '+9715…', to: '+1…', body: 'hi', messageSid: 'SM…', params }
 */
export function parseTwilioWebhook(
  rawBody: string | undefined | null,
  headers: Record<string, string | string[] | undefined>,
  options: TwilioWebhookOptions,
): TwilioInboundSms {
  const signature = header(headers, 'x-twilio-signature');
  if (!signature) throw new InvalidSignatureError('missing X-Twilio-Signature header');
  if (typeof rawBody !== 'string') throw new InvalidSignatureError('webhook body is missing');
  const params = formParams(rawBody);
  if (!verifyTwilioSignature(options.authToken, options.publicUrl, params.all, signature)) {
    throw new InvalidSignatureError('X-Twilio-Signature does not match', {
      url: options.publicUrl,
    });
  }
  const single = params.single;
  const channel = options.channel ?? 'sms';
  const from = address(single.From ?? '', channel, 'From');
  const to = address(single.To ?? '', channel, 'To');
  const messageSid = single.MessageSid ?? single.SmsSid ?? '';
  const body = single.Body ?? '';
  if (!MESSAGE_SID.test(messageSid))
    throw new ValidationError('MessageSid is missing or malformed');
  if (!E164.test(from)) throw new ValidationError('From is not an E.164 phone number');
  if (to !== '' && !OUR_NUMBER.test(to)) throw new ValidationError('To is not a phone number');
  const max = MAX_BODY[channel];
  if (body.length > max) {
    throw new ValidationError(`Body is longer than ${max} characters`, { length: body.length });
  }
  const button = quickReply(single);
  return { from, to, body, messageSid, ...(button ? { button } : {}), params: single };
}

/**
 * An address as the channel writes it, without WhatsApp's prefix: a WhatsApp webhook's `From`
 * and `To` are `whatsapp:<E.164>`; an SMS webhook's never are (a WhatsApp message posted to the
 * SMS webhook, or the other way round, is refused).
 */
function address(value: string, channel: PhoneChannel, field: 'From' | 'To'): string {
  const prefixed = value.toLowerCase().startsWith(WHATSAPP);
  if (channel === 'sms') return value;
  if (!prefixed && (field === 'From' || value !== '')) {
    throw new ValidationError(`${field} is not a WhatsApp address (whatsapp:+…)`);
  }
  return prefixed ? value.slice(WHATSAPP.length) : value;
}

/** `ButtonPayload` / `ButtonText` of a tapped quick-reply button, when there is one. */
function quickReply(single: Record<string, string>): TwilioInboundSms['button'] {
  const payload = single.ButtonPayload ?? '';
  const text = single.ButtonText ?? '';
  if (payload === '' && text === '') return undefined;
  if (payload.length > MAX_BUTTON || text.length > MAX_BUTTON) {
    throw new ValidationError(
      `ButtonPayload and ButtonText must be at most ${MAX_BUTTON} characters`,
    );
  }
  return { payload, text };
}

/**
 * Form fields: all values (for the signature) and the first value of each (for reading). Field
 * names are the sender's ("toString", "__proto__"): they key a Map and null-prototype objects.
 */
function formParams(rawBody: string): { all: TwilioParams; single: Record<string, string> } {
  const all = new Map<string, string[]>();
  for (const [key, value] of new URLSearchParams(rawBody)) {
    const values = all.get(key);
    if (values) values.push(value);
    else all.set(key, [value]);
  }
  const single = Object.create(null) as Record<string, string>;
  const signed = Object.create(null) as TwilioParams;
  for (const [key, values] of all) {
    single[key] = values[0] ?? '';
    signed[key] = values.length === 1 ? (values[0] ?? '') : values;
  }
  return { all: signed, single };
}

function header(headers: Record<string, string | string[] | undefined>, name: string): string {
  for (const [key, value] of Object.entries(headers ?? {})) {
    if (key.toLowerCase() === name) return (Array.isArray(value) ? value[0] : value) ?? '';
  }
  return '';
}
