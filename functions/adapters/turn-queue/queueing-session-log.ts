/**
 * A SessionLog that never loses a turn to an outage: when the store is unavailable the turn is
 * put in a durable TurnQueue (then the error goes on, so the conversation still reports the turn
 * as not logged), and `flush` writes queued turns to the store later, in batches: receive, write,
 * remove. Writes are keyed, so a replay of a turn that did reach the store (a customer's retry,
 * a redelivered SQS message) changes nothing.
 *
 * Who flushes: with a process-local queue (file, memory) this process does, at start-up, on a
 * timer and as soon as a write succeeds again (the store is back). A shared queue (SQS) is
 * drained only by the scheduled flush function (`flushWhenBack: false`): answer functions may
 * only send to it.
 *
 * Analytics: a turn the flush writes was never reported by the conversation core (its write
 * failed), so the flush emits its `turn-recorded` event (`events`); in AWS the turns table's
 * stream sees the insert instead and the events port drops it. Before writing, the flush reads
 * the session once to decide `firstOfSession` again (the conversations counter): the core could
 * not read it while the store was down, and the session may have gone on while the turn waited.
 */
import type { AnalyticsEvents } from '#core/analytics/analytics-events.ts';
import { turnSession } from '#core/analytics/turn-session.ts';
import { StoreUnavailableError } from '#core/errors.ts';
import {
  SessionLog,
  type Feedback,
  type FeedbackChange,
  type Logger,
  type ReceivedTurn,
  type Turn,
  type TurnKey,
  type TurnQueue,
} from '#core/ports.ts';
import { turnKeyOf } from './turn-key.ts';

export interface QueueingSessionLogOptions {
  /** Flush in the background when a write succeeds while this process has turns queued. Default true. */
  flushWhenBack?: boolean;
  /** Turns received per batch (SQS: at most 10). Default 10. */
  batchSize?: number;
  /** Batches per flush at most, so one run stays within a Lambda timeout. Default 100. */
  maxBatches?: number;
  /** Where a flushed turn's `turn-recorded` event goes (none by default). */
  events?: AnalyticsEvents;
}

export class QueueingSessionLog extends SessionLog {
  /** Keys this process queued, or saw queued, and has not written yet (process-local queues). */
  private readonly waiting = new Set<string>();
  private flushing: Promise<number> | undefined;
  private readonly flushWhenBack: boolean;
  private readonly batchSize: number;
  private readonly maxBatches: number;
  private readonly events: AnalyticsEvents | undefined;

  constructor(
    private readonly inner: SessionLog,
    private readonly queue: TurnQueue,
    private readonly logger: Logger,
    options: QueueingSessionLogOptions = {},
  ) {
    super();
    this.flushWhenBack = options.flushWhenBack ?? true;
    this.batchSize = options.batchSize ?? 10;
    this.maxBatches = options.maxBatches ?? 100;
    this.events = options.events;
  }

  override async recordTurn(turn: Turn): Promise<{ created: boolean; turn: Turn }> {
    let result: { created: boolean; turn: Turn };
    try {
      result = await this.inner.recordTurn(turn);
    } catch (error) {
      if (error instanceof StoreUnavailableError) await this.enqueue(turn);
      throw error;
    }
    if (this.flushWhenBack && this.waiting.size > 0) void this.flush(); // the store is back
    return result;
  }

  override getTurn(sessionId: string, messageId: string): Promise<Turn | undefined> {
    return this.inner.getTurn(sessionId, messageId);
  }

  override listTurns(sessionId: string, options?: { limit?: number }): Promise<Turn[]> {
    return this.inner.listTurns(sessionId, options);
  }

  override setFeedback(
    sessionId: string,
    messageId: string,
    feedback: Feedback,
  ): Promise<FeedbackChange> {
    return this.inner.setFeedback(sessionId, messageId, feedback);
  }

  /**
   * Turns this process queued and has not seen written (0 with a shared queue: the scheduled
   * flush function writes those).
   */
  get unsavedTurns(): number {
    return this.flushWhenBack ? this.waiting.size : 0;
  }

  /**
   * Writes queued turns to the store in batches (receive, write, remove) until the queue gives
   * out nothing more, the store fails, or `maxBatches` ran. Resolves with how many received
   * turns it could not write (0: everything it found was written). One flush at a time: a call
   * during a flush gets that flush's result.
   */
  flush(): Promise<number> {
    this.flushing ??= this.drain().finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  /** Drops queued turns of these sessions (their customer's data was erased); see TurnQueue. */
  async forgetSessions(sessionIds: readonly string[]): Promise<number | undefined> {
    const forgotten = await this.queue.forgetSessions(sessionIds);
    const sessions = new Set(sessionIds);
    for (const key of this.waiting) {
      if (sessions.has((JSON.parse(key) as [string, string])[0])) this.waiting.delete(key);
    }
    return forgotten;
  }

  private async drain(): Promise<number> {
    let written = 0;
    for (let batch = 0; batch < this.maxBatches; batch++) {
      let received: ReceivedTurn[];
      try {
        received = await this.queue.receive(this.batchSize);
      } catch (error) {
        this.queueFailed('receive', error);
        throw error;
      }
      if (received.length === 0) break;
      const { done, unwritten } = await this.writeBatch(received);
      if (done.length > 0) {
        await this.queue.remove(done);
        for (const r of done) this.waiting.delete(turnKeyOf(r.turn));
        written += done.length;
      }
      if (unwritten > 0) {
        this.logger.warn('queued_turns_waiting', { written, unwritten });
        return unwritten;
      }
    }
    if (written > 0) this.logger.info('queued_turns_written', { count: written });
    return 0;
  }

  /** Writes a batch in order until the store fails; what to remove and how many are left. */
  private async writeBatch(
    received: ReceivedTurn[],
  ): Promise<{ done: ReceivedTurn[]; unwritten: number }> {
    const done: ReceivedTurn[] = [];
    for (const [i, r] of received.entries()) {
      try {
        const result = await this.inner.recordTurn(await this.withSessionStart(r.turn));
        if (result.created) this.events?.emit({ type: 'turn-recorded', turn: result.turn });
        done.push(r);
      } catch (error) {
        if (error instanceof StoreUnavailableError) {
          // Still down: the rest stay queued (a shared queue gives them out again later).
          if (this.flushWhenBack) {
            for (const rest of received.slice(i)) this.waiting.add(turnKeyOf(rest.turn));
          }
          return { done, unwritten: received.length - i };
        }
        // A turn the store refuses for good would block the queue forever: drop it, loudly.
        this.logger.error('queued_turn_rejected', { ...ids(r.turn), error: String(error) });
        done.push(r);
      }
    }
    return { done, unwritten: 0 };
  }

  /**
   * The queued turn with `firstOfSession` (and `session`) decided again, from one read of the
   * session now: the conversation core could not know it when its own read failed (the store
   * was down), and what it saw may be stale (the customer wrote again while this turn waited,
   * and that turn, finding no history, opened the session). First = no turn of the session is
   * stored yet. A read that fails for another reason than an outage leaves the turn as it was
   * queued.
   */
  private async withSessionStart(turn: Turn): Promise<Turn> {
    let stored: Turn[];
    try {
      stored = await this.inner.listTurns(turn.sessionId, { limit: 1 });
    } catch (error) {
      if (error instanceof StoreUnavailableError) throw error;
      return turn;
    }
    const { firstOfSession: _unknown, session: _seen, startPage, ...rest } = turn;
    // The session (conversation duration) is decided again from the same read, so a turn the
    // session went past while it waited moves nothing; a start page stays on a first turn only.
    const session = turnSession(turn.at, turn.lang, stored);
    const first = stored.length === 0;
    return {
      ...rest,
      ...(first ? { firstOfSession: true } : {}),
      ...(session ? { session } : {}),
      ...(first && startPage ? { startPage } : {}),
    };
  }

  private async enqueue(turn: Turn): Promise<void> {
    try {
      await this.queue.add(turn);
      if (this.flushWhenBack) this.waiting.add(turnKeyOf(turn));
      this.logger.warn('turn_queued', { ...ids(turn), waiting: this.unsavedTurns });
    } catch (error) {
      this.queueFailed('add', error, turn);
    }
  }

  private queueFailed(operation: string, error: unknown, turn?: Turn): void {
    this.logger.error('turn_queue_failed', {
      operation,
      ...(turn ? ids(turn) : {}),
      error: String(error),
    });
  }
}

function ids(turn: Turn): TurnKey {
  return { sessionId: turn.sessionId, messageId: turn.messageId };
}
