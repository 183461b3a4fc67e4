// Runs the SuggestionStore contract against DynamoSuggestionStore (on dynalite) and the memory one.
import { afterAll, beforeAll } from 'vitest';
import { DynamoSuggestionStore } from '#adapters/dynamodb/dynamo-suggestion-store.ts';
import { MemorySuggestionStore } from '#adapters/memory/memory-suggestion-store.ts';
import { startTestDynamo, type TestDynamo } from '../helpers/dynalite.ts';
import { suggestionStoreContract } from './suggestion-store.contract.ts';

let dynamo: TestDynamo;
beforeAll(async () => {
  dynamo = await startTestDynamo();
});
afterAll(() => dynamo?.close());

suggestionStoreContract('DynamoSuggestionStore on dynalite', async () => {
  const { stats } = await dynamo.freshTables();
  return new DynamoSuggestionStore({ client: dynamo.client, tableName: stats });
});
suggestionStoreContract('MemorySuggestionStore', async () => new MemorySuggestionStore());
