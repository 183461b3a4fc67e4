/**
 * What each event means for the counters (pure): a new turn, a thumbs up/down, a ticket created
 * or changed. The aggregator (aggregate-events.ts) calls these and hands the merged updates to
 * the StatsStore; the report (analytics-report.ts) reads the same counter names back.
 */
import type { Feedback, Ticket, Turn } from '../ports.ts';
import type { Channel, Lang } from '../types.ts';
import { dayOf } from './days.ts';
import { bucketOf } from './duration-histogram.ts';
import { dimensionKey, type CounterUpdate, type Counts, type GapQuestion } from './stats-store.ts';

/** Counter names, shared by writers and the report. */
export const C = {
  turns: 'turns',
  questions: 'questions',
  answered: 'answered',
  clarified: 'clarified',
  escalated: 'escalated',
  smalltalk: 'smalltalk',
  empty: 'empty',
  conversations: 'conversations',
  up: 'up',
  down: 'down',
  confidenceMilli: 'confidenceMilli',
  confidenceCount: 'confidenceCount',
  ticketsOpened: 'ticketsOpened',
  ticketsAnswered: 'ticketsAnswered',
  ticketsClosed: 'ticketsClosed',
  ticketsReopened: 'ticketsReopened',
  /** Article counter: answers given with the article. */
  answers: 'answers',
  /** Article counter: escalations whose top candidate was the article. */
  escalations: 'escalations',
  // Keyed counters of the desk (ticket-counters.ts, session-counters.ts).
  /** Queue, agent: tickets whose first staff reply was that day (`fr_` holds their times). */
  firstResponses: 'firstResponses',
  /**
   * Queue, agent: the same first replies' times added up, in milliseconds, and how many of them
   * (an exact mean; counters written before these existed have firstResponses but no sum).
   */
  firstResponseMs: 'firstResponseMs',
  firstResponsesTimed: 'firstResponsesTimed',
  /** Agent: staff replies written. */
  replies: 'replies',
  /** Agent: distinct tickets replied to that day. */
  ticketsReplied: 'ticketsReplied',
  /** Agent: tickets closed that day (and still closed), by the agent holding them. */
  closes: 'closes',
  /** Agent: distinct tickets replied to or closed that day. */
  handled: 'handled',
  /** Queue: tickets closed that day and still closed; `abandoned` of them. */
  closedTickets: 'closedTickets',
  abandoned: 'abandoned',
  /** Page: conversations that started on the page. */
  startedConversations: 'startedConversations',
} as const;

/** Histogram counter prefixes: `fr_<bucket>` time to first reply, `cl_<bucket>` time to close. */
export const FIRST_REPLY_PREFIX = 'fr_';
export const CLOSE_PREFIX = 'cl_';
/** Histogram of conversation durations (first to last turn of a session), by its first day. */
export const CONVERSATION_DURATION_PREFIX = 'cd_';
/** CSAT ratings: `csat1` … `csat5`, how many of each (keyed: queue and agent). */
export const CSAT_PREFIX = 'csat';

/** Questions with a confidence below this are kept for the content-gap report. */
export const GAP_CONFIDENCE = 0.5;

const QUESTION_OUTCOMES = new Set(['answer', 'clarify', 'escalate']);
const OUTCOME_COUNTER: Record<string, string> = {
  answer: C.answered,
  clarify: C.clarified,
  escalate: C.escalated,
  smalltalk: C.smalltalk,
  empty: C.empty,
};

/** The same counts for the four slices a turn or ticket belongs to (all, channel, lang, both). */
function everySlice(day: string, channel: Channel, lang: Lang, counts: Counts): CounterUpdate[] {
  return [{}, { channel }, { lang }, { channel, lang }].map((dimension) => ({
    scope: 'day' as const,
    day,
    dimension: dimensionKey(dimension),
    counts,
  }));
}

/** Counters for a newly recorded turn; `firstOfSession` counts a conversation. */
export function turnUpdates(turn: Turn, firstOfSession: boolean): CounterUpdate[] {
  const day = dayOf(turn.at);
  const counts: Counts = { [C.turns]: 1 };
  const outcomeCounter = OUTCOME_COUNTER[turn.outcome];
  if (outcomeCounter) counts[outcomeCounter] = 1;
  if (QUESTION_OUTCOMES.has(turn.outcome)) counts[C.questions] = 1;
  if (firstOfSession) counts[C.conversations] = 1;
  const answeredWithConfidence = turn.outcome === 'answer' && typeof turn.confidence === 'number';
  if (answeredWithConfidence) {
    counts[C.confidenceMilli] = Math.round(turn.confidence! * 1000);
    counts[C.confidenceCount] = 1;
  }
  const updates = everySlice(day, turn.channel, turn.lang, counts);
  if (turn.outcome === 'answer' && turn.articleId) {
    const article: Counts = { [C.answers]: 1 };
    if (answeredWithConfidence) {
      article[C.confidenceMilli] = counts[C.confidenceMilli]!;
      article[C.confidenceCount] = 1;
    }
    updates.push({
      scope: 'article',
      day,
      lang: turn.lang,
      articleId: turn.articleId,
      counts: article,
    });
  }
  if (turn.outcome === 'escalate' && turn.articleId) {
    updates.push({
      scope: 'article',
      day,
      lang: turn.lang,
      articleId: turn.articleId,
      counts: { [C.escalations]: 1 },
    });
  }
  return updates;
}

/**
 * Counters for feedback on `turn` (counted on the turn's day): a repeat of the same value adds
 * nothing, a changed value moves one count from the old to the new.
 */
export function feedbackUpdates(
  turn: Turn,
  previous: Feedback | undefined,
  next: Feedback,
): CounterUpdate[] {
  if (previous === next) return [];
  const counts: Counts = { [next]: 1 };
  if (previous) counts[previous] = -1;
  const day = dayOf(turn.at);
  const updates = everySlice(day, turn.channel, turn.lang, counts);
  if (turn.articleId) {
    updates.push({ scope: 'article', day, lang: turn.lang, articleId: turn.articleId, counts });
  }
  return updates;
}

/** Counters for a ticket that was just created. */
export function ticketCreatedUpdates(ticket: Ticket): CounterUpdate[] {
  return everySlice(dayOf(ticket.createdAt), ticket.channel, ticket.lang, {
    [C.ticketsOpened]: 1,
  });
}

/**
 * Counters for a ticket change: the first staff reply (answered, with the time it took), a close
 * (with the time since the ticket opened) and a reopen. Other changes count nothing.
 */
export function ticketChangedUpdates(before: Ticket, after: Ticket): CounterUpdate[] {
  const updates: CounterUpdate[] = [];
  const seconds = (at: string) => (Date.parse(at) - Date.parse(after.createdAt)) / 1000;
  const firstReply = after.replies[0];
  if (before.replies.length === 0 && firstReply) {
    updates.push(
      ...everySlice(dayOf(firstReply.at), after.channel, after.lang, {
        [C.ticketsAnswered]: 1,
        [`${FIRST_REPLY_PREFIX}${bucketOf(seconds(firstReply.at))}`]: 1,
      }),
    );
  }
  if (before.status !== 'closed' && after.status === 'closed') {
    const closedAt = after.closedAt ?? after.updatedAt;
    updates.push(
      ...everySlice(dayOf(closedAt), after.channel, after.lang, {
        [C.ticketsClosed]: 1,
        [`${CLOSE_PREFIX}${bucketOf(seconds(closedAt))}`]: 1,
      }),
    );
  }
  if (before.status === 'closed' && after.status !== 'closed') {
    updates.push(
      ...everySlice(dayOf(after.updatedAt), after.channel, after.lang, { [C.ticketsReopened]: 1 }),
    );
  }
  return updates;
}

/** The gap question a turn leaves for writers (escalated, or a low-confidence question), if any. */
export function gapQuestionOf(turn: Turn): GapQuestion | undefined {
  if (turn.outcome !== 'answer' && turn.outcome !== 'clarify' && turn.outcome !== 'escalate') {
    return undefined;
  }
  // A pick from "did you mean" ("2") is an answer the customer chose, not a gap.
  if (turn.picked || isBareChoice(turn.text)) return undefined;
  const lowConfidence = typeof turn.confidence === 'number' && turn.confidence < GAP_CONFIDENCE;
  if (turn.outcome !== 'escalate' && !lowConfidence) return undefined;
  const question: GapQuestion = {
    at: turn.at,
    messageId: turn.messageId,
    sessionId: turn.sessionId,
    lang: turn.lang,
    channel: turn.channel,
    text: turn.text,
    outcome: turn.outcome,
  };
  if (turn.articleId) question.articleId = turn.articleId;
  if (typeof turn.confidence === 'number') question.confidence = turn.confidence;
  if (turn.ticketRef) question.ticketRef = turn.ticketRef;
  // Kept no longer than the turn it quotes (DynamoDB TTL on the stats table).
  if (typeof turn.expiresAt === 'number') question.expiresAt = turn.expiresAt;
  const reason = escalateReason(turn);
  // "Let me talk to a person" is a hand-off, not a question the help centre failed to answer.
  if (reason === 'asked-for-human') return undefined;
  if (reason) question.reason = reason;
  return question;
}

function escalateReason(turn: Turn): string | undefined {
  if (turn.outcome !== 'escalate' || !turn.payload) return undefined;
  try {
    const reason = (JSON.parse(turn.payload) as { reason?: unknown }).reason;
    return typeof reason === 'string' ? reason : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A reply that is only a choice ("2", "٢", "2nd", "#3"): without the list it picked from, not
 * a question the help centre failed to answer.
 */
function isBareChoice(text: string): boolean {
  return /^\s*#?\s*[0-9\u0660-\u0669\u06F0-\u06F9]{1,2}(st|nd|rd|th)?\s*[.)]?\s*$/iu.test(text);
}
