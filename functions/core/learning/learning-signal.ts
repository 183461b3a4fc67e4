/**
 * Learning signals (pure): what the bot can learn from what customers and staff already do.
 *  - `picked`: a customer picked an article from "did you mean" — the clarification's question
 *    is a phrasing of that article.
 *  - `answered-by`: a staff member marked the article that answered a ticket's question;
 *    `rankedFirst` says the escalation's top candidate was that article (the bot was right but
 *    not confident enough).
 *  - `thumbs-down`: a customer said an answer did not help — evidence against the phrasing.
 * They are derived from the same analytics events the counters come from
 * (analytics/analytics-events.ts), so they flow in-process locally and from the tables' streams
 * in AWS; each has a stable id, so a redelivered event writes the same signal again.
 */
import type { AnalyticsEvent } from '../analytics/analytics-events.ts';
import { redactPii } from '../tickets/redact.ts';
import type { Lang } from '../types.ts';

export type LearningSignalKind = 'picked' | 'answered-by' | 'thumbs-down';

export interface LearningSignal {
  /** Stable: `<kind>#<source>` (one signal per turn, or per ticket for `answered-by`). */
  id: string;
  kind: LearningSignalKind;
  /** ISO time of the action that produced it. */
  at: string;
  lang: Lang;
  articleId: string;
  /** The customer's question (redacted). */
  question: string;
  /** `answered-by`: the ticket's top candidate was this article. */
  rankedFirst?: boolean;
  ticketRef?: string;
  /** `answered-by`: who marked it. */
  by?: string;
  /** Epoch seconds after which the store may delete it (the expiry of the turn it quotes). */
  expiresAt?: number;
}

/** Longest question kept in a signal. */
export const MAX_SIGNAL_QUESTION = 500;

/** The learning signals one analytics event carries (usually none). */
export function learningSignalsOf(event: AnalyticsEvent): LearningSignal[] {
  switch (event.type) {
    case 'turn-recorded': {
      const { turn } = event;
      if (turn.outcome !== 'answer' || !turn.picked || !turn.articleId) return [];
      return [
        withExpiry(
          {
            id: `picked#${turn.sessionId}#${turn.messageId}`,
            kind: 'picked',
            at: turn.at,
            lang: turn.lang,
            articleId: turn.articleId,
            question: questionText(turn.picked.question),
          },
          turn.expiresAt,
        ),
      ];
    }
    case 'feedback-given': {
      const { turn } = event;
      if (event.feedback !== 'down' || turn.outcome !== 'answer' || !turn.articleId) return [];
      return [
        withExpiry(
          {
            id: `thumbs-down#${turn.sessionId}#${turn.messageId}`,
            kind: 'thumbs-down',
            at: turn.at,
            lang: turn.lang,
            articleId: turn.articleId,
            question: questionText(turn.picked?.question ?? turn.text),
          },
          turn.expiresAt,
        ),
      ];
    }
    case 'ticket-changed': {
      const marked = event.after.answeredBy;
      if (!marked || marked.articleId === event.before?.answeredBy?.articleId) return [];
      if (event.after.erasedAt) return [];
      const asked = askedQuestion(event.after);
      if (asked === undefined) return [];
      return [
        {
          id: `answered-by#${event.after.ref}`,
          kind: 'answered-by',
          at: marked.at,
          lang: event.after.lang,
          articleId: marked.articleId,
          question: questionText(asked),
          rankedFirst: event.after.candidates[0]?.articleId === marked.articleId,
          ticketRef: event.after.ref,
          by: marked.by,
        },
      ];
    }
  }
}

/** Every signal of a batch of events, one per id (the last wins). */
export function learningSignalsOfEvents(events: readonly AnalyticsEvent[]): LearningSignal[] {
  const byId = new Map<string, LearningSignal>();
  for (const event of events) {
    for (const signal of learningSignalsOf(event)) byId.set(signal.id, signal);
  }
  return [...byId.values()];
}

/**
 * The question a ticket's answer answers. A ticket opened by "I want to talk to a person" quotes
 * that request, which is not a phrasing of any article: the customer's message before it is the
 * question (undefined when the request was the first thing they said).
 */
function askedQuestion(ticket: {
  reason: string;
  question: string;
  transcript: readonly { from: string; text: string }[];
}): string | undefined {
  if (ticket.reason !== 'asked-for-human') return ticket.question;
  const said = ticket.transcript.filter((entry) => entry.from === 'customer');
  // The last customer line is the hand-off request itself (the ticket's question).
  const before = said.slice(0, -1).reverse();
  return before.find((entry) => entry.text.trim() !== '')?.text;
}

function questionText(text: string): string {
  return redactPii(text).trim().slice(0, MAX_SIGNAL_QUESTION);
}

function withExpiry(signal: LearningSignal, expiresAt: number | undefined): LearningSignal {
  return typeof expiresAt === 'number' ? { ...signal, expiresAt } : signal;
}

/** A stored signal's key: its language and id. */
export interface LearningSignalKey {
  lang: Lang;
  id: string;
}

/**
 * The keys of every signal that can quote these turns or tickets (erasure): a pick or a thumbs
 * down is keyed by its turn, an answered-by mark by its ticket.
 */
export function learningSignalKeysOf(
  turns: readonly { sessionId: string; messageId: string; lang: Lang }[],
  tickets: readonly { ref: string; lang: Lang }[],
): LearningSignalKey[] {
  return [
    ...turns.flatMap((t) =>
      (['picked', 'thumbs-down'] as const).map((kind) => ({
        lang: t.lang,
        id: `${kind}#${t.sessionId}#${t.messageId}`,
      })),
    ),
    ...tickets.map((t) => ({ lang: t.lang, id: `answered-by#${t.ref}` })),
  ];
}
