/**
 * The web chat shape of a Reply: Markdown text (the widget renders it safely), the article link,
 * "did you mean" options as buttons, and the ticket reference for an escalation.
 *
 * An answer shows the section that matched the question (its heading and Markdown) or, when no
 * titled section matched, the article's summary; never the article's intro teaser unless the
 * article has nothing else. An answer found only in the other language comes with a `notice`
 * in the customer's language.
 */
import type { Reply } from '../conversation/reply.ts';
import type { Candidate, Lang } from '../types.ts';
import { message, otherLanguageNotice } from './messages.ts';
import { replyText } from './reply-text.ts';

export interface WebReply {
  kind: Reply['kind'];
  /** The customer's language (of the bot's own words and `notice`). */
  lang: Lang;
  /**
   * Markdown; never raw HTML (the widget escapes everything it does not render itself). For an
   * answer it is in `article.lang`, which differs from `lang` when the answer exists only in the
   * other language.
   */
  text: string;
  /** For an answer in another language: "This answer is only available in Arabic:", in `lang`. */
  notice?: string;
  confidence?: number;
  /** The answering article; `lang` is the article's language. */
  article?: { id: string; title: string; url: string; lang: Lang; heading?: string };
  options?: { articleId: string; title: string }[];
  ticketRef?: string;
  /** The widget may offer to leave an email for the staff reply. */
  askEmail?: boolean;
}

export function renderWebReply(reply: Reply): WebReply {
  const base = { kind: reply.kind, lang: reply.lang };
  switch (reply.kind) {
    case 'answer': {
      const a = reply.article;
      const notice = otherLanguageNotice(reply.lang, a.lang);
      return {
        ...base,
        text: answerMarkdown(a),
        ...(notice ? { notice } : {}),
        confidence: a.confidence,
        article: {
          id: a.articleId,
          title: a.title,
          url: a.url,
          lang: a.lang,
          ...(a.heading ? { heading: a.heading } : {}),
        },
      };
    }
    case 'clarify':
      return {
        ...base,
        text: message(reply.lang, reply.options.length === 1 ? 'clarifyIntroOne' : 'clarifyIntro'),
        ...(reply.options[0] ? { confidence: reply.options[0].confidence } : {}),
        options: reply.options.map((o) => ({ articleId: o.articleId, title: o.title })),
      };
    case 'escalate':
      return {
        ...base,
        text: replyText(reply),
        ...(reply.decision ? { confidence: reply.decision.confidence } : {}),
        ...(reply.ticketRef ? { ticketRef: reply.ticketRef, askEmail: true } : {}),
      };
    default:
      return { ...base, text: replyText(reply) };
  }
}

/**
 * What an answer shows: the matched section (heading and Markdown) when the engine named one,
 * else the summary, else the first section (articles without a summary).
 */
export function answerMarkdown(candidate: Candidate): string {
  const section = (candidate.markdown ?? candidate.snippet).trim();
  if (candidate.sectionId && section !== '') {
    const heading = candidate.heading?.trim();
    return heading ? `### ${heading}\n\n${section}` : section;
  }
  return candidate.summary?.trim() || section;
}
