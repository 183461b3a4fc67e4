/**
 * Lambda entry for the turns and tickets tables' DynamoDB Streams: aggregates each batch into
 * the analytics counters, idempotently (adapters/stats/stream-aggregator.ts explains how).
 * Built during INIT like every function (app/lambda/aggregate-stats-function.ts), with
 * Powertools logs and metrics.
 */
import middy from '@middy/core';
import type {
  WindowedStreamEvent,
  WindowedStreamResponse,
} from '#adapters/stats/stream-aggregator.ts';
import { composeAggregateStatsFunction } from '#app/lambda/aggregate-stats-function.ts';
import { startFunction } from '#app/lambda/start-function.ts';

const fn = await startFunction('aggregate-stats', () => composeAggregateStatsFunction());

export const handler = middy<WindowedStreamEvent, WindowedStreamResponse>()
  .use(fn.base.telemetry.middlewares())
  .handler((event) => fn.aggregator.handle(event));
