/**
 * Renders a Reply as one SMS text: plain (Markdown stripped), at most `maxSegments` segments
 * (3 by default, see sms-segments.ts for the arithmetic), trimmed at a sentence or word boundary
 * and always ending with the absolute link to the full article; an answer found only in the other
 * language opens with a line saying so in the customer's language. Clarifications are a numbered
 * list the customer answers with "1" or "2" (read back by conversation/choose-option.ts).
 */
import type { StaffReplyNotice } from '../conversation/conversation.ts';
import type { Reply } from '../conversation/reply.ts';
import type { Candidate, Lang } from '../types.ts';
import { handOffText } from './handoff-promise.ts';
import { markdownToText } from './markdown-to-text.ts';
import { message, otherLanguageNotice } from './messages.ts';
import { fitSms } from './sms-fit.ts';
import { smsMessage } from './sms-messages.ts';
import { smsSegments, toGsmFriendly } from './sms-segments.ts';

export { smsSegments, type SmsEncoding, type SmsSegments } from './sms-segments.ts';

export interface RenderSmsOptions {
  /** Public base URL of the help centre; article URLs are resolved against it. */
  helpUrl: string;
  /** Most segments one reply may take (default 3). */
  maxSegments?: number;
}

export const DEFAULT_MAX_SEGMENTS = 3;
/**
 * Staff replies are the answer itself, written by a person, so they are not cut to 3 segments;
 * they are only held to what Twilio and End User Messaging accept (1,600 characters ≈ 10).
 */
export const STAFF_REPLY_MAX_SEGMENTS = 10;
/** Clarification titles are shortened (by words) until the list fits. */
const MIN_TITLE_CHARS = 12;

/**
 * The SMS text for `reply`.
 *
 * @example renderSms(reply, { helpUrl: 'https://help.example.com' })
 * // → 'Tap "Forgot password?" … \nRead more: https://help.example.com/help/en/reset-password'
 */
export function renderSms(reply: Reply, options: RenderSmsOptions): string {
  const max = clampSegments(options.maxSegments ?? DEFAULT_MAX_SEGMENTS);
  switch (reply.kind) {
    case 'answer':
      return renderAnswer(reply.lang, reply.article, options.helpUrl, max);
    case 'clarify':
      return renderClarify(reply.lang, reply.options, max);
    case 'escalate': {
      const text =
        reply.ticketFailed || !reply.ticketRef
          ? message(reply.lang, 'escalateFailed')
          : handOffText(reply);
      return fitSms(text, '', max);
    }
    case 'smalltalk':
      return fitSms(message(reply.lang, reply.intent), '', max);
    case 'empty':
      return fitSms(message(reply.lang, 'empty'), '', max);
  }
}

/**
 * A staff reply as an SMS: "A reply from our support team about MJ-…:" and the text. When the
 * text is too long even for `STAFF_REPLY_MAX_SEGMENTS`, it is trimmed and the help centre link
 * is added.
 */
export function renderStaffReplySms(
  notice: StaffReplyNotice,
  helpUrl: string,
  options: { maxSegments?: number } = {},
): string {
  const max = clampSegments(options.maxSegments ?? STAFF_REPLY_MAX_SEGMENTS);
  const text = `${message(notice.lang, 'staffReplyIntro', { ref: notice.ticketRef })}\n${plain(notice.text)}`;
  const whole = toGsmFriendly(text);
  if (smsSegments(whole).segments <= max) return whole;
  return fitSms(text, message(notice.lang, 'readMore', { url: helpUrl }), max);
}

/** The absolute URL of an article: `helpUrl` joined with the article's relative URL. */
export function absoluteArticleUrl(helpUrl: string, url: string): string {
  if (/^https?:\/\//i.test(url)) return url;
  return `${helpUrl.replace(/\/+$/, '')}/${url.replace(/^\/+/, '')}`;
}

/**
 * The summary (or section text) and the link. An answer found only in the other language opens
 * with a line in the customer's language saying so; the line is kept when the body is trimmed.
 */
function renderAnswer(lang: Lang, article: Candidate, helpUrl: string, max: number): string {
  const body = plain(article.summary ?? article.snippet) || article.title;
  const link = message(lang, 'readMore', { url: absoluteArticleUrl(helpUrl, article.url) });
  const notice = otherLanguageNotice(lang, article.lang);
  return fitSms(notice ? `${notice}\n${body}` : body, link, max);
}

/**
 * "Reply 1, 2 or 3." for a numbered list of `count` options (SMS and WhatsApp), in `lang`.
 *
 * @example replyWithChoices('en', 2) // → 'Reply 1 or 2.'
 */
export function replyWithChoices(lang: Lang, count: number): string {
  const numbers = Array.from({ length: Math.max(1, count) }, (_, i) => String(i + 1));
  const choices =
    numbers.length <= 1
      ? (numbers[0] ?? '1')
      : `${numbers.slice(0, -1).join(smsMessage(lang, 'listSeparator'))} ${smsMessage(lang, 'or')} ${numbers.at(-1)}`;
  return smsMessage(lang, 'replyWith', { choices });
}

function renderClarify(lang: Lang, options: readonly Candidate[], max: number): string {
  const compose = (titleChars: number) =>
    toGsmFriendly(
      [
        smsMessage(lang, 'clarifyIntro'),
        ...options.map((o, i) => `${i + 1}) ${shorten(plain(o.title), titleChars)}`),
        replyWithChoices(lang, options.length),
      ].join('\n'),
    );
  const longest = Math.max(0, ...options.map((o) => o.title.length));
  for (let chars = longest; chars > MIN_TITLE_CHARS; chars -= 4) {
    const text = compose(chars);
    if (smsSegments(text).segments <= max) return text;
  }
  return compose(MIN_TITLE_CHARS);
}

/** `text` cut to at most `chars` characters at a word boundary, with an ellipsis. */
function shorten(text: string, chars: number): string {
  if (text.length <= chars) return text;
  const cut = text.slice(0, chars + 1).replace(/\s+\S*$/, '');
  return `${cut === '' ? text.slice(0, chars) : cut}…`;
}

/** Plain text of Markdown, one line per paragraph or list item. */
function plain(markdown: string): string {
  return markdownToText(markdown).trim();
}

function clampSegments(n: number): number {
  return Math.min(STAFF_REPLY_MAX_SEGMENTS, Math.max(1, Math.floor(n)));
}
