/**
 * The in-process aggregator's settled(): it waits for the events emitted so far — ending the
 * batching window at once — and never for events emitted after it was called, so a dashboard
 * request returns while customers keep chatting.
 */
import { describe, expect, it } from 'vitest';
import { MemoryLogger } from '#adapters/log/json-logger.ts';
import { InProcessAnalytics } from '#adapters/stats/in-process-analytics.ts';
import { MemoryStatsStore } from '#adapters/stats/memory-stats-store.ts';
import type { CounterUpdate, IncrementOrigin } from '#core/analytics/stats-store.ts';
import { turnEvent } from '../../../helpers/analytics-events.ts';

/** A memory store during whose writes customers keep chatting: each write brings one more turn. */
class BusyStatsStore extends MemoryStatsStore {
  emitted = 0;
  writes = 0;
  onWrite: (() => void) | undefined;
  override async increment(updates: CounterUpdate[], origin?: IncrementOrigin) {
    this.writes++;
    await new Promise((resolve) => setImmediate(resolve)); // the write's round trip
    this.onWrite?.();
    return super.increment(updates, origin);
  }
}

const turnsCounted = async (store: MemoryStatsStore) =>
  (await store.dailyCounters('all', '2026-06-01', '2026-06-01'))[0]?.counts.turns ?? 0;

describe('InProcessAnalytics.settled', () => {
  it('returns once the events emitted so far are counted, while traffic goes on', async () => {
    // Prepare: a one-minute batching window, and traffic that never pauses (up to 500 turns)
    const store = new BusyStatsStore();
    const analytics = new InProcessAnalytics(store, new MemoryLogger(), {
      windowMs: 60_000,
      maxBatch: 1,
    });
    store.onWrite = () => {
      if (store.emitted < 500) analytics.emit(turnEvent(store.emitted++));
    };
    analytics.emit(turnEvent(store.emitted++));
    analytics.emit(turnEvent(store.emitted++));

    // Act
    await analytics.settled();
    const writesWhenSettled = store.writes;
    const countedWhenSettled = await turnsCounted(store);

    // Assess: the two turns emitted before are counted; later traffic was not waited for
    expect(countedWhenSettled).toBeGreaterThanOrEqual(2);
    expect(writesWhenSettled).toBeLessThan(50);
    store.onWrite = undefined;
    await analytics.settled();
    expect(await turnsCounted(store)).toBe(store.emitted);
  });

  it('resolves at once with nothing emitted, and ends a batching window that has events', async () => {
    const store = new MemoryStatsStore();
    const analytics = new InProcessAnalytics(store, new MemoryLogger(), { windowMs: 3_600_000 });
    await analytics.settled();

    analytics.emit(turnEvent(1));
    await analytics.settled();

    expect(await turnsCounted(store)).toBe(1);
  });
});

/** A memory store that refuses its first `failures` counter writes (a slow or throttled store). */
class FlakyStatsStore extends MemoryStatsStore {
  calls = 0;
  readonly origins: (string | undefined)[] = [];
  constructor(private failures: number) {
    super();
  }
  override async increment(updates: CounterUpdate[], origin?: IncrementOrigin) {
    this.calls++;
    this.origins.push(origin && `${origin.writer}/${origin.position}`);
    if (this.failures > 0) {
      this.failures--;
      throw new Error('injected: request timed out');
    }
    return super.increment(updates, origin);
  }
}

describe('InProcessAnalytics when the store refuses a write', () => {
  it('writes the batch again, with the same origin, and counts every turn once', async () => {
    const store = new FlakyStatsStore(2);
    const logger = new MemoryLogger();
    const analytics = new InProcessAnalytics(store, logger, { backoffMs: 1 });
    for (let i = 0; i < 3; i++) analytics.emit(turnEvent(i));

    await analytics.settled();

    expect(await turnsCounted(store)).toBe(3);
    expect(store.calls).toBe(3);
    expect(new Set(store.origins).size).toBe(1);
    expect(store.origins[0]).toMatch(/^in-process\|/);
    expect(analytics.progress.dropped).toBe(0);
    expect(logger.lines.filter((l) => l.event === 'analytics_write_retried')).toHaveLength(2);
  });

  it('drops the batch and says so only after its last try', async () => {
    const store = new FlakyStatsStore(99);
    const logger = new MemoryLogger();
    const analytics = new InProcessAnalytics(store, logger, { attempts: 3, backoffMs: 1 });
    analytics.emit(turnEvent(1));

    await analytics.settled();

    expect(store.calls).toBe(3);
    expect(analytics.progress.dropped).toBe(1);
    expect(logger.lines.filter((l) => l.event === 'analytics_write_failed')).toHaveLength(1);
    expect(await turnsCounted(store)).toBe(0);
  });
});
