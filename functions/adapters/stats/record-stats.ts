/**
 * Best-effort stats writes shared by the recording decorators: a failure is logged and never
 * reaches the customer's request.
 */
import type { CounterUpdate, GapQuestion, StatsStore } from '#core/analytics/stats-store.ts';
import type { Logger } from '#core/ports.ts';

export interface StatsRecorderDeps {
  stats: StatsStore;
  logger: Logger;
}

export async function recordStats(
  deps: StatsRecorderDeps,
  context: Record<string, unknown>,
  updates: CounterUpdate[],
  gapQuestion?: GapQuestion,
): Promise<void> {
  if (updates.length === 0 && !gapQuestion) return;
  const writes: Promise<void>[] = [];
  if (updates.length > 0) writes.push(deps.stats.increment(updates));
  if (gapQuestion) writes.push(deps.stats.addGapQuestion(gapQuestion));
  const results = await Promise.allSettled(writes);
  for (const result of results) {
    if (result.status === 'rejected') {
      deps.logger.warn('stats_write_failed', { ...context, error: String(result.reason) });
    }
  }
}
