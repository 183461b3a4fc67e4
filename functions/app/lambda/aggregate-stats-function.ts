/**
 * Composition of the analytics stream consumer: the DynamoDB client and the stats store, nothing
 * else — no secrets, no knowledge index, no conversation core.
 */
import { DynamoSuggestionStore } from '#adapters/dynamodb/dynamo-suggestion-store.ts';
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
  const client = dynamoClientOf(base.config);
  const tableName = base.config.tables.stats;
  const stats = new DynamoStatsStore({ client, tableName });
  // The learning loop's signals (picks, staff marks, thumbs down) live in the same table.
  const learning = new DynamoSuggestionStore({ client, tableName });
  return { base, aggregator: new StreamAggregator({ stats, logger: base.logger, learning }) };
}
