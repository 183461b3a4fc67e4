/**
 * Which conversation an inbound SMS (or WhatsApp message: same shape, its own channel key)
 * belongs to, decided once per message:
 *  - exactly-once is keyed by channel + provider message id, not by time: the first time a
 *    message id is seen it is bound to a session (conditional write) and every redelivery — a
 *    second later across midnight, or a captured request replayed days later — lands on the same
 *    session, so on the same stored turn and the same ticket;
 *  - a number's conversation continues while it is active (a clarification answered after
 *    midnight still picks from its list) and a new one starts after `idleHours` of quiet.
 * Adapters: MemorySmsSessionStore (here) and DynamoSmsSessionStore (dynamodb/).
 */
import { phoneCustomerKey, type PhoneChannel } from './sms-session.ts';

/** A number's latest conversation: its session id and when it was last active (ISO-8601). */
export interface SmsConversation {
  sessionId: string;
  lastAt: string;
}

export abstract class SmsSessionStore {
  /** The session `messageId` was bound to, if it was seen before. */
  abstract boundSession(messageId: string): Promise<string | undefined>;
  /**
   * Binds `messageId` to `sessionId` unless it is bound already; returns the session it is bound
   * to (the earlier one, when another delivery got there first). `expiresAt`: epoch seconds.
   */
  abstract bindMessage(messageId: string, sessionId: string, expiresAt: number): Promise<string>;
  /** The latest conversation of `customerKey`. */
  abstract latest(customerKey: string): Promise<SmsConversation | undefined>;
  /**
   * Sets the latest conversation to `next` if it is still the one with session `expected`
   * (undefined: none yet); returns the latest conversation after the call.
   */
  abstract touch(
    customerKey: string,
    next: SmsConversation,
    expected: string | undefined,
  ): Promise<SmsConversation | undefined>;
}

export interface SmsSessionOptions {
  /** Hours of quiet after which a number's next message starts a new conversation. */
  idleHours: number;
  /** Days a message id stays bound (replays within this time are recognised). */
  retentionDays: number;
  now: Date;
}

/** Default hours of quiet that end an SMS conversation. */
export const DEFAULT_SMS_IDLE_HOURS = 24;

/**
 * The session an inbound SMS belongs to.
 *
 * @example
 * const sessionId = await smsSessionFor(store, { phone, secret, messageId: sid }, { idleHours: 24, retentionDays: 90, now });
 */
export async function smsSessionFor(
  store: SmsSessionStore,
  message: { phone: string; secret: string; messageId: string; channel?: PhoneChannel },
  options: SmsSessionOptions,
): Promise<string> {
  const bound = await store.boundSession(message.messageId);
  if (bound) return bound;

  if (!(options.idleHours > 0)) throw new RangeError('idleHours must be positive');
  const customerKey = phoneCustomerKey(message.channel ?? 'sms', message.phone, message.secret);
  const now = options.now;
  let latest = await store.latest(customerKey);
  let sessionId = '';
  // A concurrent message from the same number may move the conversation first: then join it.
  for (let attempt = 0; attempt < 3; attempt++) {
    const active =
      latest !== undefined &&
      now.getTime() - Date.parse(latest.lastAt) < options.idleHours * 3_600_000;
    sessionId = active && latest ? latest.sessionId : newSmsSessionId(customerKey, now);
    const after = await store.touch(
      customerKey,
      { sessionId, lastAt: now.toISOString() },
      latest?.sessionId,
    );
    if (!after || after.sessionId === sessionId) break;
    latest = after;
  }
  const expiresAt = Math.floor(now.getTime() / 1000) + options.retentionDays * 86_400;
  return store.bindMessage(message.messageId, sessionId, expiresAt);
}

/** `<channel>:<phone hash>:<start time, base 36 ms>`: a conversation's session id. */
export function newSmsSessionId(customerKey: string, startedAt: Date): string {
  return `${customerKey}:${startedAt.getTime().toString(36)}`;
}

/** In-memory SMS sessions (one process: memory mode and tests). */
export class MemorySmsSessionStore extends SmsSessionStore {
  private readonly messages = new Map<string, string>();
  private readonly conversations = new Map<string, SmsConversation>();

  override async boundSession(messageId: string): Promise<string | undefined> {
    return this.messages.get(messageId);
  }

  override async bindMessage(messageId: string, sessionId: string): Promise<string> {
    const bound = this.messages.get(messageId);
    if (bound) return bound;
    this.messages.set(messageId, sessionId);
    return sessionId;
  }

  override async latest(customerKey: string): Promise<SmsConversation | undefined> {
    const stored = this.conversations.get(customerKey);
    return stored ? { ...stored } : undefined;
  }

  override async touch(
    customerKey: string,
    next: SmsConversation,
    expected: string | undefined,
  ): Promise<SmsConversation | undefined> {
    const current = this.conversations.get(customerKey);
    if (current?.sessionId !== expected) return current ? { ...current } : undefined;
    this.conversations.set(customerKey, { ...next });
    return { ...next };
  }
}
