/**
 * The analytics aggregator run in this process (local server, tests, `--memory` mode): events
 * are queued as they are emitted and aggregated after the reply, in batches (one counter update
 * per aggregate per batch, aggregate-events.ts), so the customer's request never waits for or
 * fails because of the analytics. The AWS equivalent is the turns/tickets stream consumer
 * (stream-aggregator.ts), which runs the same aggregator on the same events.
 *
 * Exactly once: each batch's counter writes carry this aggregator's own origin (a writer id per
 * instance, a position per batch; batches are written one after another), so a write the store
 * client retries after a timeout, when the first attempt did land, is skipped instead of
 * counted twice (a plain ADD is not idempotent). For the same reason a batch the store refuses
 * (a slow or throttled store) is written again with the same origin, after a backoff, up to
 * `attempts` times; gap questions and learning signals are keyed puts, safe to repeat. Only then
 * is it logged (`analytics_write_failed`) and dropped; more than `maxPending` waiting events drop
 * the oldest, so memory stays bounded.
 */
import { AnalyticsEvents, type AnalyticsEvent } from '#core/analytics/analytics-events.ts';
import { aggregateEvents } from '#core/analytics/aggregate-events.ts';
import { randomUUID } from 'node:crypto';
import type { IncrementOrigin, StatsStore } from '#core/analytics/stats-store.ts';
import type { SuggestionStore } from '#core/learning/suggestion-store.ts';
import type { Logger } from '#core/ports.ts';

export interface InProcessAnalyticsOptions {
  /** Events aggregated per batch at most. Default 500. */
  maxBatch?: number;
  /** Events kept waiting at most (oldest dropped beyond). Default 100,000. */
  maxPending?: number;
  /**
   * How long the first event of a batch waits for others to join it (like the stream consumer's
   * batching window): under load one counter write then covers many turns. Default 0 (after the
   * current reply only); the app uses 1 s. `settled()` ends the wait at once.
   */
  windowMs?: number;
  /** Where learning signals go (core/learning); without it they are not kept. */
  learning?: SuggestionStore;
  /** Tries per batch before it is dropped (same origin each time). Default 5. */
  attempts?: number;
  /** Wait before the second try, doubled for each next one. Default 200 ms. */
  backoffMs?: number;
}

/** What the aggregator did so far (benchmarks report it). */
export interface AggregatorProgress {
  events: number;
  batches: number;
  /** Counter items written (one per aggregate per batch) and gap questions put. */
  writes: number;
  dropped: number;
  /** Time from an event's emit to its batch being written: the largest and the last seen. */
  maxLagMs: number;
  lastLagMs: number;
}

export class InProcessAnalytics extends AnalyticsEvents {
  private pending: { event: AnalyticsEvent; at: number }[] = [];
  private running: Promise<void> | undefined;
  private readonly maxBatch: number;
  private readonly maxPending: number;
  private readonly windowMs: number;
  private readonly learning: SuggestionStore | undefined;
  private readonly attempts: number;
  private readonly backoffMs: number;
  /** Ends the current batching window early (settled()). */
  private endWindow: (() => void) | undefined;
  /** Events emitted so far, and how many of the oldest of them are written or dropped. */
  private emitted = 0;
  private finished = 0;
  /** settled() calls waiting for `finished` to reach their target. */
  private waiters: { target: number; resolve: () => void }[] = [];
  /** This aggregator's writer id and its last batch's position (IncrementOrigin). */
  private readonly writer = `in-process|${randomUUID().slice(0, 8)}`;
  private batchNumber = 0;
  readonly progress: AggregatorProgress = {
    events: 0,
    batches: 0,
    writes: 0,
    dropped: 0,
    maxLagMs: 0,
    lastLagMs: 0,
  };

  constructor(
    private readonly stats: StatsStore,
    private readonly logger: Logger,
    options: InProcessAnalyticsOptions = {},
  ) {
    super();
    this.maxBatch = options.maxBatch ?? 500;
    this.maxPending = options.maxPending ?? 100_000;
    this.windowMs = options.windowMs ?? 0;
    this.learning = options.learning;
    this.attempts = Math.max(1, options.attempts ?? 5);
    this.backoffMs = options.backoffMs ?? 200;
  }

  override emit(event: AnalyticsEvent): void {
    this.emitted++;
    if (this.pending.length >= this.maxPending) {
      this.pending.shift();
      this.progress.dropped++;
      this.finish(1);
    }
    this.pending.push({ event, at: performance.now() });
    this.running ??= this.drain();
  }

  /**
   * Resolves once every event emitted so far has been aggregated (or dropped): ends the batching
   * window at once, and never waits for events emitted later, so it returns under sustained
   * traffic too (the dashboard routes call it before reading the counters).
   */
  settled(): Promise<void> {
    if (this.finished >= this.emitted) return Promise.resolve();
    this.endWindow?.();
    return new Promise((resolve) => this.waiters.push({ target: this.emitted, resolve }));
  }

  /** `count` more of the oldest events are written or dropped: wakes the settled() calls due. */
  private finish(count: number): void {
    this.finished += count;
    if (this.waiters.length === 0) return;
    const due = this.waiters.filter((w) => w.target <= this.finished);
    this.waiters = this.waiters.filter((w) => w.target > this.finished);
    for (const w of due) w.resolve();
  }

  private async drain(): Promise<void> {
    // After the current request's reply (and the batching window): events emitted meanwhile
    // join the same batch.
    await new Promise<void>((resolve) => {
      if (this.windowMs <= 0) {
        setImmediate(resolve);
        return;
      }
      const timer = setTimeout(resolve, this.windowMs);
      timer.unref();
      this.endWindow = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    this.endWindow = undefined;
    try {
      while (this.pending.length > 0) {
        const batch = this.pending.splice(0, this.maxBatch);
        await this.write(batch);
        this.finish(batch.length);
      }
    } finally {
      this.running = undefined;
    }
  }

  private nextOrigin(): IncrementOrigin {
    this.batchNumber++;
    return { writer: this.writer, position: String(this.batchNumber).padStart(12, '0'), shard: 0 };
  }

  private async write(batch: { event: AnalyticsEvent; at: number }[]): Promise<void> {
    const origin = this.nextOrigin();
    for (let attempt = 1; ; attempt++) {
      try {
        const { updates, gapQuestions, learningSignals } = aggregateEvents(
          batch.map((b) => b.event),
        );
        const learning = this.learning && learningSignals.length > 0 ? this.learning : undefined;
        const [result] = await Promise.all([
          this.stats.increment(updates, origin),
          ...gapQuestions.map((q) => this.stats.addGapQuestion(q)),
          ...(learning ? [learning.addSignals(learningSignals)] : []),
        ]);
        const lag = performance.now() - batch[0]!.at;
        Object.assign(this.progress, {
          events: this.progress.events + batch.length,
          batches: this.progress.batches + 1,
          writes: this.progress.writes + result.applied + gapQuestions.length,
          lastLagMs: lag,
          maxLagMs: Math.max(this.progress.maxLagMs, lag),
        });
        return;
      } catch (error) {
        if (attempt < this.attempts) {
          this.logger.info('analytics_write_retried', { attempt, error: String(error) });
          await new Promise((resolve) => setTimeout(resolve, this.backoffMs * 2 ** (attempt - 1)));
          continue;
        }
        this.progress.dropped += batch.length;
        this.logger.warn('analytics_write_failed', { events: batch.length, error: String(error) });
        return;
      }
    }
  }
}
