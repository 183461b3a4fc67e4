// Runs the SessionLog contract against DynamoSessionLog (real SDK on dynalite) and MemorySessionLog.
import { afterAll, beforeAll } from 'vitest';
import { DynamoSessionLog } from '#adapters/dynamodb/dynamo-session-log.ts';
import { MemorySessionLog } from '#adapters/memory/memory-session-log.ts';
import { startTestDynamo, type TestDynamo } from '../helpers/dynalite.ts';
import { sessionLogContract } from './session-log.contract.ts';

let dynamo: TestDynamo;
beforeAll(async () => {
  dynamo = await startTestDynamo();
});
afterAll(() => dynamo?.close());

sessionLogContract('DynamoSessionLog on dynalite', async (options = {}) => {
  const { turns } = await dynamo.freshTables();
  return new DynamoSessionLog({ client: dynamo.client, tableName: turns, ...options });
});
sessionLogContract('MemorySessionLog', async (options = {}) => new MemorySessionLog(options));
