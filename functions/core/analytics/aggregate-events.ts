/**
 * The analytics aggregator (pure): a batch of events → the counter increments and gap questions
 * it adds. Increments for the same counter item are merged, so a batch costs one update per
 * aggregate however many events it holds. Used in-process (adapters/stats/in-process-analytics.ts)
 * and by the DynamoDB Streams consumer (adapters/stats/stream-aggregator.ts) alike.
 */
import type { AnalyticsEvent } from './analytics-events.ts';
import {
  feedbackUpdates,
  gapQuestionOf,
  ticketChangedUpdates,
  ticketCreatedUpdates,
  turnUpdates,
} from './stats-events.ts';
import { mergeUpdates, type CounterUpdate, type GapQuestion } from './stats-store.ts';
import { sessionUpdates } from './session-counters.ts';
import { ticketDeskUpdates } from './ticket-counters.ts';
import { learningSignalsOfEvents, type LearningSignal } from '../learning/learning-signal.ts';

export interface Aggregate {
  /** One update per counter item (merged; zero counts dropped). */
  updates: CounterUpdate[];
  /** Escalated / low-confidence questions for the gap report (idempotent puts). */
  gapQuestions: GapQuestion[];
  /** What the learning loop takes from the batch (core/learning; idempotent puts). */
  learningSignals: LearningSignal[];
}

/**
 * The increments of one event (not merged): traffic and article counters (stats-events.ts),
 * conversation duration and start page (session-counters.ts), and the desk's counters per
 * queue and agent (ticket-counters.ts).
 */
export function eventUpdates(event: AnalyticsEvent): CounterUpdate[] {
  switch (event.type) {
    case 'turn-recorded':
      return [
        ...turnUpdates(event.turn, event.turn.firstOfSession === true),
        ...sessionUpdates(event.turn),
      ];
    case 'feedback-given':
      return feedbackUpdates(event.turn, event.previous, event.feedback);
    case 'ticket-changed':
      return [
        ...(event.before
          ? ticketChangedUpdates(event.before, event.after)
          : ticketCreatedUpdates(event.after)),
        ...ticketDeskUpdates(event.before, event.after),
      ];
  }
}

/**
 * Everything a batch of events adds to the analytics.
 *
 * @example
 * const { updates, gapQuestions } = aggregateEvents(events);
 * await stats.increment(updates);
 */
export function aggregateEvents(events: readonly AnalyticsEvent[]): Aggregate {
  const updates: CounterUpdate[] = [];
  const gapQuestions = new Map<string, GapQuestion>();
  for (const event of events) {
    updates.push(...eventUpdates(event));
    if (event.type !== 'turn-recorded') continue;
    const gap = gapQuestionOf(event.turn);
    if (gap) gapQuestions.set(`${gap.at}#${gap.messageId}`, gap);
  }
  return {
    updates: mergeUpdates(updates),
    gapQuestions: [...gapQuestions.values()],
    learningSignals: learningSignalsOfEvents(events),
  };
}

/**
 * The same for events that carry their place in an ordered source (a stream record's sequence
 * number, padded): each merged update keeps the latest position of the events behind it, so a
 * store can skip exactly the counter items a redelivery already holds (see IncrementOrigin).
 */
export function aggregatePositionedEvents(
  items: readonly { event: AnalyticsEvent; position: string }[],
): Aggregate {
  const { gapQuestions, learningSignals } = aggregateEvents(items.map((i) => i.event));
  const updates = items.flatMap(({ event, position }) =>
    eventUpdates(event).map((u) => ({ ...u, position })),
  );
  return { updates: mergeUpdates(updates), gapQuestions, learningSignals };
}
