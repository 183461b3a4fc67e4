/**
 * A channel-neutral plain-text rendering of a Reply: what the session log and tickets store as
 * "the bot said", and the fallback for any channel without its own renderer.
 */
import type { Reply } from '../conversation/reply.ts';
import { handOffText } from './handoff-promise.ts';
import { message } from './messages.ts';

export function replyText(reply: Reply): string {
  switch (reply.kind) {
    case 'answer':
      return [reply.article.title, reply.article.summary ?? firstLines(reply.article.snippet)]
        .filter(Boolean)
        .join(': ');
    case 'clarify':
      return `${message(reply.lang, reply.options.length === 1 ? 'clarifyIntroOne' : 'clarifyIntro')} ${reply.options
        .map((option, i) => `${i + 1}) ${option.title}`)
        .join(' ')}`;
    case 'escalate':
      if (reply.ticketFailed || !reply.ticketRef) return message(reply.lang, 'escalateFailed');
      return handOffText(reply);
    case 'smalltalk':
      return message(reply.lang, reply.intent);
    case 'empty':
      return message(reply.lang, 'empty');
  }
}

function firstLines(markdown: string): string {
  return markdown.split('\n').slice(0, 3).join(' ').slice(0, 300);
}
