/**
 * Twilio request signatures (X-Twilio-Signature), without the 3.8 MB twilio library:
 * base64(HMAC-SHA1(authToken, url + each param name and value, names sorted)), compared in
 * constant time. Checked against the twilio library's own validateRequest in the tests.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export type TwilioParams = Record<string, string | readonly string[]>;

/** The signature Twilio sends for a request to `url` with form `params`. */
export function twilioSignature(authToken: string, url: string, params: TwilioParams): string {
  let data = url;
  for (const key of Object.keys(params).sort()) {
    const value = params[key] ?? '';
    // Repeated fields: each distinct value, sorted, as name+value (as Twilio signs them).
    const values = typeof value === 'string' ? [value] : [...new Set(value)].sort();
    for (const v of values) data += key + v;
  }
  return createHmac('sha1', authToken).update(Buffer.from(data, 'utf8')).digest('base64');
}

/**
 * Whether `signature` is Twilio's for this request. The URL is tried as given and with the
 * default port added or removed (Twilio signs the URL exactly as configured, which may or may
 * not name the port).
 */
export function verifyTwilioSignature(
  authToken: string,
  url: string,
  params: TwilioParams,
  signature: string | undefined,
): boolean {
  if (!authToken || !signature) return false;
  const given = Buffer.from(signature);
  return urlVariants(url).some((candidate) => {
    const expected = Buffer.from(twilioSignature(authToken, candidate, params));
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
}

function urlVariants(url: string): string[] {
  const match = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)(.*)$/i.exec(url);
  if (!match) return [url];
  const [, scheme = '', authority = '', rest = ''] = match;
  const portAt = authority.lastIndexOf(':');
  const hasPort = portAt > authority.lastIndexOf(']') && portAt !== -1;
  const host = hasPort ? authority.slice(0, portAt) : authority;
  const defaultPort = scheme.toLowerCase() === 'https://' ? ':443' : ':80';
  const withoutPort = scheme + host + rest;
  const withPort = hasPort ? url : scheme + host + defaultPort + rest;
  return [...new Set([url, withoutPort, withPort])];
}
