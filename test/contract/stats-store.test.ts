// Runs the StatsStore contract against DynamoStatsStore (on dynalite) and the memory one.
import { afterAll, beforeAll } from 'vitest';
import { DynamoStatsStore } from '#adapters/stats/dynamo-stats-store.ts';
import { MemoryStatsStore } from '#adapters/stats/memory-stats-store.ts';
import { startTestDynamo, type TestDynamo } from '../helpers/dynalite.ts';
import { statsStoreContract } from './stats-store.contract.ts';

let dynamo: TestDynamo;
beforeAll(async () => {
  dynamo = await startTestDynamo();
});
afterAll(() => dynamo?.close());

statsStoreContract('DynamoStatsStore on dynalite', async () => {
  const { stats } = await dynamo.freshTables();
  return new DynamoStatsStore({ client: dynamo.client, tableName: stats });
});
statsStoreContract('MemoryStatsStore', async () => new MemoryStatsStore());
