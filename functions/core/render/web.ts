/**
 * The web chat shape of a Reply: Markdown text (the widget renders it safely), the article link,
 * "did you mean" options as buttons, and the ticket reference for an escalation.
 */
import type { Reply } from '../conversation/reply.ts';
import type { Lang } from '../types.ts';
import { message } from './messages.ts';
import { replyText } from './reply-text.ts';

export interface WebReply {
  kind: Reply['kind'];
  lang: Lang;
  /** Markdown; never raw HTML (the widget escapes everything it does not render itself). */
  text: string;
  confidence?: number;
  article?: { id: string; title: string; url: string; heading?: string };
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
      return {
        ...base,
        text: a.snippet || a.summary || '',
        confidence: a.confidence,
        article: {
          id: a.articleId,
          title: a.title,
          url: a.url,
          ...(a.heading ? { heading: a.heading } : {}),
        },
      };
    }
    case 'clarify':
      return {
        ...base,
        text: message(reply.lang, 'clarifyIntro'),
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
