/**
 * Parses and authenticates a Twilio incoming-message webhook (application/x-www-form-urlencoded
 * POST). The signature covers the configured public URL and every form field, so it is checked
 * before anything in the body is trusted: missing or forged → InvalidSignatureError (403);
 * signed but malformed → ValidationError (400).
 */
import { InvalidSignatureError, ValidationError } from '#core/errors.ts';
import { verifyTwilioSignature, type TwilioParams } from './twilio-signature.ts';

export interface TwilioInboundSms {
  /** Sender, E.164. */
  from: string;
  /** Our number, E.164. */
  to: string;
  body: string;
  /** Twilio message SID (SM… / MM…): the idempotency key. */
  messageSid: string;
  /** Every form field as received (for logging by name only; it holds the number). */
  params: Record<string, string>;
}

export interface TwilioWebhookOptions {
  authToken: string;
  /** The webhook URL exactly as configured in Twilio (it is part of the signature). */
  publicUrl: string;
}

/** Twilio and End User Messaging accept at most 1,600 characters; a longer body is not theirs. */
const MAX_BODY = 1600;
const MESSAGE_SID = /^(SM|MM|SMS)[0-9a-fA-F]{32}$/;
const E164 = /^\+[1-9]\d{6,14}$/;
/** Our side may be a short code. */
const OUR_NUMBER = /^\+?\d{3,15}$/;

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
  const from = single.From ?? '';
  const to = single.To ?? '';
  const messageSid = single.MessageSid ?? single.SmsSid ?? '';
  const body = single.Body ?? '';
  if (!MESSAGE_SID.test(messageSid))
    throw new ValidationError('MessageSid is missing or malformed');
  if (!E164.test(from)) throw new ValidationError('From is not an E.164 phone number');
  if (to !== '' && !OUR_NUMBER.test(to)) throw new ValidationError('To is not a phone number');
  if (body.length > MAX_BODY) {
    throw new ValidationError(`Body is longer than ${MAX_BODY} characters`, {
      length: body.length,
    });
  }
  return { from, to, body, messageSid, params: single };
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
