/**
 * A SessionLog that never loses a turn to an outage: when the store is unavailable the turn is
 * put in a durable TurnQueue (then the error goes on, so the conversation still reports the turn
 * as not logged), and `flush` writes queued turns to the store later — at start-up, on a timer or
 * a scheduled invocation, and as soon as a write succeeds again (the store is back). Writes are
 * keyed, so a replay of a turn that did reach the store changes nothing.
 */
import { StoreUnavailableError } from '#core/errors.ts';
import {
  SessionLog,
  type Feedback,
  type Logger,
  type Turn,
  type TurnKey,
  type TurnQueue,
} from '#core/ports.ts';

export class QueueingSessionLog extends SessionLog {
  /** Keys known to be queued (from this process's adds and the last flush's read). */
  private readonly queued = new Set<string>();
  private flushing: Promise<number> | undefined;

  constructor(
    private readonly inner: SessionLog,
    private readonly queue: TurnQueue,
    private readonly logger: Logger,
  ) {
    super();
  }

  override async recordTurn(turn: Turn): Promise<{ created: boolean; turn: Turn }> {
    let result: { created: boolean; turn: Turn };
    try {
      result = await this.inner.recordTurn(turn);
    } catch (error) {
      if (error instanceof StoreUnavailableError) await this.enqueue(turn);
      throw error;
    }
    const key = keyOf(turn);
    if (this.queued.has(key)) {
      await this.queue.remove([turn]).catch((error: unknown) => this.queueFailed('remove', error));
      this.queued.delete(key);
    }
    if (this.queued.size > 0) void this.flush(); // the store is back: drain in the background
    return result;
  }

  override getTurn(sessionId: string, messageId: string): Promise<Turn | undefined> {
    return this.inner.getTurn(sessionId, messageId);
  }

  override listTurns(sessionId: string, options?: { limit?: number }): Promise<Turn[]> {
    return this.inner.listTurns(sessionId, options);
  }

  override setFeedback(sessionId: string, messageId: string, feedback: Feedback): Promise<void> {
    return this.inner.setFeedback(sessionId, messageId, feedback);
  }

  /**
   * Writes the queued turns to the store, oldest first, until it fails; resolves with how many
   * are still queued. One flush at a time: a call during a flush gets that flush's result.
   */
  flush(): Promise<number> {
    this.flushing ??= this.drain().finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  /** Drops queued turns of these sessions (their customer's data was erased). */
  async forgetSessions(sessionIds: readonly string[]): Promise<number> {
    const sessions = new Set(sessionIds);
    const doomed = (await this.queue.pending()).filter((t) => sessions.has(t.sessionId));
    await this.queue.remove(doomed);
    for (const t of doomed) this.queued.delete(keyOf(t));
    return doomed.length;
  }

  private async drain(): Promise<number> {
    let pending: Turn[];
    try {
      pending = await this.queue.pending();
    } catch (error) {
      this.queueFailed('read', error);
      return this.queued.size;
    }
    this.queued.clear();
    for (const t of pending) this.queued.add(keyOf(t));
    const done: TurnKey[] = [];
    for (const turn of pending) {
      try {
        await this.inner.recordTurn(turn);
        done.push(turn);
      } catch (error) {
        if (error instanceof StoreUnavailableError) break; // still down: keep the rest, in order
        // A turn the store refuses for good would block the queue forever: drop it, loudly.
        this.logger.error('queued_turn_rejected', { ...ids(turn), error: String(error) });
        done.push(turn);
      }
    }
    if (done.length > 0) {
      await this.queue.remove(done);
      for (const key of done) this.queued.delete(keyOf(key));
      this.logger.info('queued_turns_written', { count: done.length, left: this.queued.size });
    }
    return this.queued.size;
  }

  private async enqueue(turn: Turn): Promise<void> {
    try {
      await this.queue.add(turn);
      this.queued.add(keyOf(turn));
      this.logger.warn('turn_queued', { ...ids(turn), queued: this.queued.size });
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

function keyOf(key: TurnKey): string {
  return JSON.stringify([key.sessionId, key.messageId]);
}

function ids(turn: Turn): TurnKey {
  return { sessionId: turn.sessionId, messageId: turn.messageId };
}
