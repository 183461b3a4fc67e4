// Runs the ContentGapStore contract against DynamoContentGapStore (on dynalite) and the memory one.
import { afterAll, beforeAll } from 'vitest';
import { DynamoContentGapStore } from '#adapters/dynamodb/dynamo-content-gap-store.ts';
import { MemoryContentGapStore } from '#adapters/memory/memory-content-gap-store.ts';
import { startTestDynamo, type TestDynamo } from '../helpers/dynalite.ts';
import { contentGapStoreContract } from './content-gap-store.contract.ts';

let dynamo: TestDynamo;
beforeAll(async () => {
  dynamo = await startTestDynamo();
});
afterAll(() => dynamo?.close());

contentGapStoreContract('DynamoContentGapStore on dynalite', async () => {
  const { gaps } = await dynamo.freshTables();
  return new DynamoContentGapStore({ client: dynamo.client, tableName: gaps });
});
contentGapStoreContract('MemoryContentGapStore', async () => new MemoryContentGapStore());
