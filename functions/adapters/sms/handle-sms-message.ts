/**
 * One inbound SMS, whichever provider brought it (Twilio webhook, End User Messaging via SNS),
 * or one WhatsApp message (Twilio's WhatsApp webhook has the same shape; `channel: 'whatsapp'`
 * keys its opt-outs, sessions and tickets apart and `render` shapes its replies): keywords first
 * (STOP / START / HELP), nothing at all for a number that opted out, otherwise the conversation
 * core decides and the reply is rendered for the channel. Returns the text to send, or undefined
 * when nothing is to be sent.
 */
import type { Conversation } from '#core/conversation/conversation.ts';
import type { Reply } from '#core/conversation/reply.ts';
import { renderSms } from '#core/render/sms.ts';
import { smsMessage } from '#core/render/sms-messages.ts';
import { detectLang } from '#core/retrieval/detect-lang.ts';
import { parseRatingReply } from '#core/tickets/csat.ts';
import type { CsatService } from '#core/tickets/csat-service.ts';
import { smsKeyword } from './sms-keywords.ts';
import type { SmsOptOutStore } from './sms-opt-out-store.ts';
import { maskPhone, phoneCustomerKey, type PhoneChannel } from './sms-session.ts';
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
  /** The channel these messages come in on (default `sms`). */
  channel?: PhoneChannel;
  /** How a reply reads on the channel (default: SMS text of at most `maxSegments` segments). */
  render?: (reply: Reply) => string;
  log?: (event: Record<string, unknown>) => void;
  /**
   * Takes a bare 1–5 that answers the satisfaction question sent when the customer's ticket
   * closed (core/tickets/csat-service.ts); without it every message goes to the conversation.
   */
  csat?: Pick<CsatService, 'takeRatingReply'>;
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
  const channel = deps.channel ?? 'sms';
  const customerKey = phoneCustomerKey(channel, msg.from, deps.secret);
  const lang = detectLang(msg.body) ?? 'en';
  const base = { channelTag: msg.channelTag, messageId: msg.messageId, from: maskPhone(msg.from) };
  const keyword = smsKeyword(msg.body);

  if (keyword === 'stop') {
    await deps.optOut.optOut(customerKey, deps.now().toISOString());
    log({ event: `${channel}.opted_out`, ...base });
    return undefined;
  }
  if (keyword === 'start') {
    await deps.optOut.optIn(customerKey);
    log({ event: `${channel}.opted_in`, ...base });
    return smsMessage(lang, 'start');
  }
  if (await deps.optOut.isOptedOut(customerKey)) {
    log({ event: `${channel}.ignored_opted_out`, ...base });
    return undefined;
  }
  if (keyword === 'help') {
    log({ event: `${channel}.help`, ...base });
    return smsMessage(lang, 'help', { url: deps.helpUrl });
  }

  // Only a bare rating costs a look at whether this message id was delivered before (a retry).
  const rating = deps.csat ? parseRatingReply(msg.body) : undefined;
  const redelivery =
    rating !== undefined && (await deps.sessions.boundSession(msg.messageId)) !== undefined;
  const sessionId = await smsSessionFor(
    deps.sessions,
    { phone: msg.from, secret: deps.secret, messageId: msg.messageId, channel },
    {
      idleHours: deps.idleHours ?? DEFAULT_SMS_IDLE_HOURS,
      retentionDays: deps.retentionDays ?? 90,
      now: deps.now(),
    },
  );
  if (rating !== undefined && deps.csat) {
    const rated = await deps.csat.takeRatingReply({
      customerKey,
      sessionId,
      text: msg.body,
      redelivery,
    });
    if (rated) {
      log({ event: `${channel}.csat`, ...base, sessionId, outcome: rated.outcome });
      return rated.text;
    }
  }
  const handled = await deps.conversation.handle({
    sessionId,
    messageId: msg.messageId,
    channel,
    text: msg.body,
    contact: { phone: msg.from },
    customerKey,
  });
  const text = deps.render
    ? deps.render(handled.reply)
    : renderSms(handled.reply, { helpUrl: deps.helpUrl, maxSegments: deps.maxSegments });
  log({
    event: `${channel}.replied`,
    ...base,
    sessionId,
    kind: handled.reply.kind,
    duplicate: handled.duplicate,
  });
  return text;
}
