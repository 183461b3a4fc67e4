/**
 * Composition of the scheduled flush function: the stores and the durable turn queue (SQS),
 * nothing else — no knowledge index, no conversation core. Being the one function that runs
 * every minute whatever the traffic, it also reads the ticket backlog for the backlog-age alarm.
 */
import type { Backlog } from '#core/analytics/ticket-backlog.ts';
import { ConfigError } from '../config.ts';
import { ENV } from '../env-names.ts';
import { createStores } from '../stores.ts';
import { lambdaTurnQueue } from './lazy-turn-queue.ts';
import { lambdaBase, type LambdaBase, type LambdaBaseOptions } from './lambda-base.ts';

export interface FlushTurnsFunction {
  base: LambdaBase;
  /** Writes queued turns; resolves with how many it received but could not write. */
  flush(): Promise<number>;
  /** Tickets waiting for staff (open, claimed) and since when (the tickets table's byStatus index). */
  backlog(): Promise<Backlog>;
}

export async function composeFlushTurnsFunction(
  options: LambdaBaseOptions = {},
): Promise<FlushTurnsFunction> {
  const base = await lambdaBase('flush-turns', { secrets: [], ...options });
  const { config, logger, clock } = base;
  if (!config.turnQueue.sqsUrl) {
    throw new ConfigError(`the flush-turns function needs ${ENV.turnQueueUrl}`);
  }
  const stores = createStores(config, lambdaTurnQueue(config), { logger, clock });
  return {
    base,
    flush: () => stores.queueing.flush(),
    backlog: () => stores.base.backlog.read(),
  };
}
