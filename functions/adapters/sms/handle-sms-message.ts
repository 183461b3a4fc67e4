/**
 * One inbound SMS, whichever provider brought it (Twilio webhook, End User Messaging via SNS):
 * keywords first (STOP / START / HELP), nothing at all for a number that opted out, otherwise
 * the conversation core decides and the reply is rendered as SMS text. Returns the text to send,
 * or undefined when nothing is to be sent.
 */
import type { Conversation } from '#core/conversation/conversation.ts';
import { renderSms } from '#core/render/sms.ts';
import { smsMessage } from '#core/render/sms-messages.ts';
import { detectLang } from '#core/retrieval/detect-lang.ts';
import { smsKeyword } from './sms-keywords.ts';
import type { SmsOptOutStore } from './sms-opt-out-store.ts';
import { maskPhone, smsCustomerKey } from './sms-session.ts';
import { DEFAULT_SMS_IDLE_HOURS, smsSessionFor, type SmsSessionStore } from './sms-sessions.ts';

export interface SmsHandlerDeps {
  conversation: Conversation;
  optOut: SmsOptOutStore;
  /** Public base URL of the help centre (article links). */
  helpUrl: string;
  /** Secret for hashing phone numbers into session ids and customer keys. */
  secret: string;
  now: () => Date;
  /** Which conversation each message belongs to; exactly-once per provider message id. */
  sessions: SmsSessionStore;
  /** Hours of quiet after which a new conversation starts (default 24). */
  idleHours?: number;
  /** Days a message id is remembered against redelivery and replay (default 90). */
  retentionDays?: number;
  /** Most segments a reply may take (default 3). */
  maxSegments?: number;
  log?: (event: Record<string, unknown>) => void;
}

export interface InboundSms {
  /** The customer's number, E.164. */
  from: string;
  /** Our number. */
  to: string;
  body: string;
  /** Provider message id (Twilio MessageSid, EUM inboundMessageId): the idempotency key. */
  messageId: string;
  /** Which provider brought it, for logs: 'twilio' | 'eum' | 'local'. */
  channelTag: string;
}

/**
 * @example
 * const text = await handleSmsMessage(deps, { from, to, body, messageId: sid, channelTag: 'twilio' });
 * return twimlMessage(text);
 */
export async function handleSmsMessage(
  deps: SmsHandlerDeps,
  msg: InboundSms,
): Promise<string | undefined> {
  const log = deps.log ?? (() => undefined);
  const customerKey = smsCustomerKey(msg.from, deps.secret);
  const lang = detectLang(msg.body) ?? 'en';
  const base = { channelTag: msg.channelTag, messageId: msg.messageId, from: maskPhone(msg.from) };
  const keyword = smsKeyword(msg.body);

  if (keyword === 'stop') {
    await deps.optOut.optOut(customerKey, deps.now().toISOString());
    log({ event: 'sms.opted_out', ...base });
    return undefined;
  }
  if (keyword === 'start') {
    await deps.optOut.optIn(customerKey);
    log({ event: 'sms.opted_in', ...base });
    return smsMessage(lang, 'start');
  }
  if (await deps.optOut.isOptedOut(customerKey)) {
    log({ event: 'sms.ignored_opted_out', ...base });
    return undefined;
  }
  if (keyword === 'help') {
    log({ event: 'sms.help', ...base });
    return smsMessage(lang, 'help', { url: deps.helpUrl });
  }

  const sessionId = await smsSessionFor(
    deps.sessions,
    { phone: msg.from, secret: deps.secret, messageId: msg.messageId },
    {
      idleHours: deps.idleHours ?? DEFAULT_SMS_IDLE_HOURS,
      retentionDays: deps.retentionDays ?? 90,
      now: deps.now(),
    },
  );
  const handled = await deps.conversation.handle({
    sessionId,
    messageId: msg.messageId,
    channel: 'sms',
    text: msg.body,
    contact: { phone: msg.from },
    customerKey,
  });
  const text = renderSms(handled.reply, { helpUrl: deps.helpUrl, maxSegments: deps.maxSegments });
  log({
    event: 'sms.replied',
    ...base,
    sessionId,
    kind: handled.reply.kind,
    duplicate: handled.duplicate,
  });
  return text;
}
