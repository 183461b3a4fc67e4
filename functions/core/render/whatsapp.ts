/**
 * Renders a Reply as one WhatsApp message. Unlike SMS there are no segments to save: Unicode
 * costs nothing extra and the answer is not cut to 3 segments, only held to what one message
 * through Twilio may carry (`WHATSAPP_MAX_CHARS`). WhatsApp shows *bold*, so titles are bold,
 * and links are tappable, so an answer ends with the article's absolute URL. "Did you mean" is a
 * numbered list the customer answers with "2" or "٢" (read back by conversation/choose-option.ts),
 * worded as on SMS. Hand-off, small talk and "empty" read as in replyText (one source of wording).
 */
import type { StaffReplyNotice } from '../conversation/conversation.ts';
import type { Reply } from '../conversation/reply.ts';
import type { Candidate, Lang } from '../types.ts';
import { fitText, type TextBudget } from './fit-text.ts';
import { markdownToText } from './markdown-to-text.ts';
import { message, otherLanguageNotice } from './messages.ts';
import { replyText } from './reply-text.ts';
import { absoluteArticleUrl, replyWithChoices } from './sms.ts';
import { smsMessage } from './sms-messages.ts';

/**
 * Characters one message may hold: Twilio's `Body` limit (error 21617), which WhatsApp messages
 * sent through Twilio share. WhatsApp itself would take 4,096 (`WHATSAPP_HARD_MAX_CHARS`).
 */
export const WHATSAPP_MAX_CHARS = 1600;
export const WHATSAPP_HARD_MAX_CHARS = 4096;

export interface RenderWhatsAppOptions {
  /** Public base URL of the help centre; article URLs are resolved against it. */
  helpUrl: string;
  /** Most characters one message may take (default `WHATSAPP_MAX_CHARS`, at most 4,096). */
  maxChars?: number;
}

/**
 * The WhatsApp text for `reply`.
 *
 * @example renderWhatsApp(reply, { helpUrl: 'https://help.example.com' })
 * // → '*Reset your password*\nTap "Forgot password?" …\nRead more: https://help.example.com/help/en/reset-password'
 */
export function renderWhatsApp(reply: Reply, options: RenderWhatsAppOptions): string {
  const budget = charBudget(options.maxChars);
  switch (reply.kind) {
    case 'answer':
      return renderAnswer(reply.lang, reply.article, options.helpUrl, budget);
    case 'clarify':
      return renderClarify(reply.lang, reply.options, budget);
    case 'escalate':
    case 'smalltalk':
    case 'empty':
      return fitText(replyText(reply), '', budget);
  }
}

/**
 * A staff reply on WhatsApp: "A reply from our support team about MJ-…:" and the text as the
 * agent wrote it (their *bold* shows as bold). Too long for one message: trimmed, with the help
 * centre link.
 */
export function renderStaffReplyWhatsApp(
  notice: StaffReplyNotice,
  helpUrl: string,
  options: { maxChars?: number } = {},
): string {
  const text = `${message(notice.lang, 'staffReplyIntro', { ref: notice.ticketRef })}\n${notice.text.trim()}`;
  const budget = charBudget(options.maxChars);
  if (budget.fits(text)) return text;
  return fitText(text, message(notice.lang, 'readMore', { url: helpUrl }), budget);
}

/** The bold title, the summary (or section text) and the link; a line first when it is in the other language. */
function renderAnswer(lang: Lang, article: Candidate, helpUrl: string, budget: TextBudget): string {
  const body = plain(article.summary ?? article.snippet);
  const notice = otherLanguageNotice(lang, article.lang);
  const lines = [notice, bold(article.title), body].filter((line) => line);
  const link = message(lang, 'readMore', { url: absoluteArticleUrl(helpUrl, article.url) });
  return fitText(lines.join('\n'), link, budget);
}

function renderClarify(lang: Lang, options: readonly Candidate[], budget: TextBudget): string {
  const text = [
    smsMessage(lang, 'clarifyIntro'),
    ...options.map((o, i) => `${i + 1}) ${bold(o.title)}`),
    replyWithChoices(lang, options.length),
  ].join('\n');
  return fitText(text, '', budget);
}

/**
 * `*title*` with WhatsApp's formatting marks taken out of the title (a stray `*` or `_` would
 * end the bold early or start italics).
 */
function bold(title: string): string {
  const clean = plain(title)
    .replace(/[*_~`]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return clean === '' ? '' : `*${clean}*`;
}

/** Plain text of Markdown, one line per paragraph or list item. */
function plain(markdown: string): string {
  return markdownToText(markdown).trim();
}

function charBudget(maxChars = WHATSAPP_MAX_CHARS): TextBudget {
  const max = Math.min(WHATSAPP_HARD_MAX_CHARS, Math.max(1, Math.floor(maxChars)));
  return { fits: (text) => text.length <= max, ellipsis: '…' };
}
