/**
 * One customer of the replay, through the real conversation service, and what the people around
 * the bot do after the reply — the actions the learning loop learns from:
 *  - "did you mean" offering the labelled article: the customer picks it the way the web widget
 *    does (the option's title as text, its article id as `choice`, a new message id);
 *  - an escalation: a staff member claims the ticket, marks "answered by article…" (the labelled
 *    article the ticket ranked highest, else the first label), replies and closes it; an
 *    out-of-scope ticket gets a reply and no article;
 *  - an answer with an article that is not a label: thumbs down;
 *  - "did you mean" without a labelled option: the customer leaves (nothing to pick).
 * The outcome says what the customer got; containment counts the two "right" kinds.
 */
import type { App } from '#app/create-app.ts';
import type { Candidate, Lang } from '#core/types.ts';
import type { CustomerQuestion } from './customer-set.ts';

export type OutcomeKind =
  /** The bot answered with a labelled article. */
  | 'answered-right'
  /** "Did you mean" offered a labelled article and the customer picked it. */
  | 'picked-right'
  /** The bot answered with an article that does not answer the question. */
  | 'answered-wrong'
  /** "Did you mean" without a labelled article. */
  | 'clarify-missed'
  /** Handed to a person (a ticket). */
  | 'escalated'
  /** Small talk or "ask a question" (the bot did not treat it as a question). */
  | 'other';

export interface QuestionOutcome {
  id: string;
  kind: OutcomeKind;
  /** The article the customer was given (answered or picked), if any. */
  articleId?: string;
}

/** What the replay's customers and staff did (the loop's raw material). */
export interface ReplayActions {
  picks: number;
  answeredByMarks: number;
  thumbsDown: number;
  /** Out-of-scope tickets answered without an article. */
  outOfScopeTickets: number;
}

export function noActions(): ReplayActions {
  return { picks: 0, answeredByMarks: 0, thumbsDown: 0, outOfScopeTickets: 0 };
}

export type ReplayApp = Pick<App, 'conversation' | 'tickets'>;

const STAFF = 'replay-agent';
const STAFF_REPLY: Record<Lang, { answer: string; outOfScope: string }> = {
  en: {
    answer: 'Thanks for waiting: the help article linked below walks you through it.',
    outOfScope: "Sorry, that isn't something we can help with here.",
  },
  ar: {
    answer: 'شكرًا لانتظارك: المقال المرفق يشرح الخطوات.',
    outOfScope: 'عذرًا، لا نستطيع المساعدة في هذا الموضوع.',
  },
};

/** Replays `q` as one new web conversation `sessionId`; `actions` counts what people did. */
export async function replayCustomer(
  app: ReplayApp,
  q: CustomerQuestion,
  sessionId: string,
  actions: ReplayActions,
): Promise<QuestionOutcome> {
  const labels = new Set(q.answers);
  const asked = await app.conversation.handle({
    sessionId,
    messageId: `${sessionId}-1`,
    channel: 'web',
    text: q.question,
  });
  const { reply } = asked;
  switch (reply.kind) {
    case 'answer': {
      const articleId = reply.article.articleId;
      if (labels.has(articleId)) return { id: q.id, kind: 'answered-right', articleId };
      await app.conversation.giveFeedback(sessionId, asked.turn.messageId, 'down');
      actions.thumbsDown++;
      return { id: q.id, kind: 'answered-wrong', articleId };
    }
    case 'clarify': {
      const option = reply.options.find((o) => labels.has(o.articleId));
      if (!option) return { id: q.id, kind: 'clarify-missed' };
      const picked = await app.conversation.handle({
        sessionId,
        messageId: `${sessionId}-2`,
        channel: 'web',
        text: option.title,
        choice: option.articleId,
      });
      if (picked.reply.kind !== 'answer' || picked.reply.article.articleId !== option.articleId) {
        throw new Error(`${q.id}: picking option ${option.articleId} did not answer with it`);
      }
      actions.picks++;
      return { id: q.id, kind: 'picked-right', articleId: option.articleId };
    }
    case 'escalate': {
      if (reply.ticketRef) await answerTicket(app, reply.ticketRef, q, actions);
      return { id: q.id, kind: 'escalated' };
    }
    default:
      return { id: q.id, kind: 'other' };
  }
}

/** A staff member works the ticket: claim, mark the answering article (if any), reply, close. */
async function answerTicket(
  app: ReplayApp,
  ref: string,
  q: CustomerQuestion,
  actions: ReplayActions,
): Promise<void> {
  const ticket = await app.tickets.claim(ref, STAFF);
  const text = STAFF_REPLY[ticket.lang];
  if (q.answers.length === 0) {
    await app.tickets.reply(ref, STAFF, text.outOfScope);
    actions.outOfScopeTickets++;
  } else {
    await app.tickets.answeredBy(ref, STAFF, answeringArticle(q.answers, ticket.candidates));
    await app.tickets.reply(ref, STAFF, text.answer);
    actions.answeredByMarks++;
  }
  await app.tickets.close(ref, STAFF);
}

/** The labelled article the ticket ranked highest, else the first label. */
function answeringArticle(
  labels: readonly string[],
  candidates: readonly Pick<Candidate, 'articleId'>[],
): string {
  return candidates.find((c) => labels.includes(c.articleId))?.articleId ?? labels[0]!;
}
