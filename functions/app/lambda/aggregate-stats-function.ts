/**
 * Composition of the analytics stream consumer: the DynamoDB client and the stats store, nothing
 * else — no secrets, no knowledge index, no conversation core.
 */
import { DynamoStatsStore } from '#adapters/stats/dynamo-stats-store.ts';
import { StreamAggregator } from '#adapters/stats/stream-aggregator.ts';
import { dynamoClientOf } from '../stores.ts';
import { lambdaBase, type LambdaBase, type LambdaBaseOptions } from './lambda-base.ts';

export interface AggregateStatsFunction {
  base: LambdaBase;
  aggregator: StreamAggregator;
}

export async function composeAggregateStatsFunction(
  options: LambdaBaseOptions = {},
): Promise<AggregateStatsFunction> {
  const base = await lambdaBase('aggregate-stats', { secrets: [], ...options });
  const stats = new DynamoStatsStore({
    client: dynamoClientOf(base.config),
    tableName: base.config.tables.stats,
  });
  return { base, aggregator: new StreamAggregator({ stats, logger: base.logger }) };
}
