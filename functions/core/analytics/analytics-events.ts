/**
 * What happened, for the analytics: a turn was recorded, feedback was given, a ticket was
 * created or changed. The conversation core emits these through the `AnalyticsEvents` port
 * (nothing guesses them from store calls any more); in AWS the same events are read back from
 * the tables' DynamoDB Streams (adapters/stats/stream-events.ts). Either way one aggregator
 * (aggregate-events.ts) turns them into counter increments.
 */
import type { Feedback, Ticket, Turn } from '../ports.ts';

export type AnalyticsEvent =
  /** A turn was written for the first time (`turn.firstOfSession` says if it opened a session). */
  | { type: 'turn-recorded'; turn: Turn }
  /** A thumbs up/down on `turn` (the turn as it was before), replacing `previous`. */
  | { type: 'feedback-given'; turn: Turn; previous?: Feedback; feedback: Feedback }
  /** A ticket was created (`before` undefined) or changed. */
  | { type: 'ticket-changed'; before?: Ticket; after: Ticket };

/**
 * Where the core sends analytics events. `emit` must return at once and never throw: the
 * customer's request never waits for, or fails because of, the analytics.
 *
 * Adapters: InProcessAnalytics (local server, tests: aggregates after the reply, batched) and
 * NoAnalyticsEvents (AWS: the DynamoDB Stream consumer derives the same events from the tables).
 */
export abstract class AnalyticsEvents {
  abstract emit(event: AnalyticsEvent): void;
}

/** Drops every event: used where the events are read from the tables' streams instead. */
export class NoAnalyticsEvents extends AnalyticsEvents {
  override emit(): void {}
}
