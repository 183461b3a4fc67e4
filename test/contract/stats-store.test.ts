// Runs the StatsStore contract against DynamoStatsStore (on dynalite) and the memory one.
// dynalite does not enforce DynamoDB's 4 KB limit on an expression (DynamoDB and DynamoDB Local
// answer ValidationException "Expression size has exceeded the maximum allowed size"): the
// DynamoDB adapter's client refuses such a request the same way before it is sent.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll } from 'vitest';
import { DynamoStatsStore } from '#adapters/stats/dynamo-stats-store.ts';
import { MemoryStatsStore } from '#adapters/stats/memory-stats-store.ts';
import { localClient, startTestDynamo, type TestDynamo } from '../helpers/dynalite.ts';
import { statsStoreContract } from './stats-store.contract.ts';

const MAX_EXPRESSION_BYTES = 4096;
const EXPRESSIONS = ['UpdateExpression', 'ConditionExpression', 'KeyConditionExpression'];

let dynamo: TestDynamo;
let client: DynamoDBClient;
beforeAll(async () => {
  dynamo = await startTestDynamo();
  // A patient client: the contract is about what the store does with each write. With the
  // fail-fast default (900 ms), a 600-article batch on a busy machine can land, time out and be
  // retried, and the retry rightly reports the landed write as already applied (`applied` 0).
  // Retries after lost responses are tested in test/integration/analytics/in-process-retry.test.ts.
  client = localClient(dynamo.server.endpoint, { requestTimeoutMs: 15_000 });
  client.middlewareStack.add(
    (next) => async (args) => {
      const input = args.input as Record<string, unknown>;
      for (const name of EXPRESSIONS) {
        const expression = input[name];
        if (
          typeof expression === 'string' &&
          Buffer.byteLength(expression) > MAX_EXPRESSION_BYTES
        ) {
          throw Object.assign(
            new Error(`Invalid ${name}: Expression size has exceeded the maximum allowed size`),
            { name: 'ValidationException' },
          );
        }
      }
      return next(args);
    },
    { step: 'initialize', name: 'dynamoDbExpressionLimit' },
  );
});
afterAll(async () => {
  client?.destroy();
  await dynamo?.close();
});

statsStoreContract('DynamoStatsStore on dynalite', async () => {
  const { stats } = await dynamo.freshTables();
  return new DynamoStatsStore({ client, tableName: stats });
});
statsStoreContract('MemoryStatsStore', async () => new MemoryStatsStore());
