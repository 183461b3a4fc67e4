/**
 * Lambda entry for the turns and tickets tables' DynamoDB Streams: aggregates each batch into
 * the analytics counters, idempotently (adapters/stats/stream-aggregator.ts explains how).
 * Builds only what it uses: the DynamoDB client and the stats store, at init.
 */
import type { Context } from 'aws-lambda';
import { loadConfig } from '#app/config.ts';
import { createDynamoClient } from '#adapters/dynamodb/dynamo-client.ts';
import { JsonLogger } from '#adapters/log/json-logger.ts';
import { DynamoStatsStore } from '#adapters/stats/dynamo-stats-store.ts';
import {
  StreamAggregator,
  type WindowedStreamEvent,
  type WindowedStreamResponse,
} from '#adapters/stats/stream-aggregator.ts';

const config = loadConfig();
const aggregator = new StreamAggregator({
  stats: new DynamoStatsStore({ client: createDynamoClient(), tableName: config.tables.stats }),
  logger: new JsonLogger({ level: config.logLevel, base: { service: 'mujib-aggregate-stats' } }),
});

export const handler = (
  event: WindowedStreamEvent,
  _context?: Context,
): Promise<WindowedStreamResponse> => aggregator.handle(event);
