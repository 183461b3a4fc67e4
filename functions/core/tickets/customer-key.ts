/**
 * Customer keys: the capability that reads a customer's staff replies. A channel adapter names
 * its customer as `<channel>:<id>` (web `web:<session id>`, SMS `sms:<phone hash>`, Alexa
 * `alexa:<user hash>`); a ticket never stores that name, only a keyed hash of it in the same
 * channel's namespace. So:
 *  - a key is channel-scoped: `web:…` can only ever find web tickets, whatever follows the prefix;
 *  - what the staff API shows and what logs carry cannot be replayed to read a reply: the stored
 *    key is an HMAC with the app's secret, and polling with it hashes it again.
 */
import { createHmac } from 'node:crypto';
import { ValidationError } from '../errors.ts';
import { CHANNELS, type Channel } from '../types.ts';

/** Hex characters of the HMAC kept (128 bits). */
const HASH_CHARS = 32;

export class CustomerKeys {
  /** @param secret the app's secret (the one phone numbers are hashed with). */
  constructor(private readonly secret: string) {
    if (typeof secret !== 'string' || secret === '') {
      throw new RangeError('the customer key secret must not be empty');
    }
  }

  /**
   * The key a ticket stores for the customer an adapter names `customerKey`.
   *
   * @example keys.stored('web:3f2a-…') // → 'web:9c1e…' (same input, same output)
   */
  stored(customerKey: string): string {
    const channel = channelOfCustomerKey(customerKey);
    const hash = createHmac('sha256', this.secret)
      .update(`customer-key\u0000${customerKey}`, 'utf8')
      .digest('hex')
      .slice(0, HASH_CHARS);
    return `${channel}:${hash}`;
  }
}

/** The channel a customer key belongs to; a ValidationError unless it starts with `<channel>:`. */
export function channelOfCustomerKey(customerKey: string): Channel {
  const prefix = typeof customerKey === 'string' ? customerKey.split(':', 1)[0] : undefined;
  const channel = CHANNELS.find((c) => c === prefix);
  if (!channel || customerKey.length <= channel.length + 1) {
    throw new ValidationError('a customer key must be "<channel>:<id>"', { field: 'customerKey' });
  }
  return channel;
}

/** The customer key of a session on a channel without its own customer identity (web chat). */
export function sessionCustomerKey(channel: Channel, sessionId: string): string {
  return `${channel}:${sessionId}`;
}
