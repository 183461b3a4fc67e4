// Runs the PresenceStore contract against DynamoPresenceStore (stats table on dynalite) and the memory one.
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoPresenceStore } from '#adapters/support/dynamo-presence-store.ts';
import { MemoryPresenceStore } from '#adapters/support/memory-presence-store.ts';
import { startTestDynamo, type TestDynamo } from '../helpers/dynalite.ts';
import { presenceStoreContract } from './presence-store.contract.ts';

let dynamo: TestDynamo;
beforeAll(async () => {
  dynamo = await startTestDynamo();
});
afterAll(() => dynamo?.close());

presenceStoreContract('DynamoPresenceStore on dynalite', async () => {
  const { stats } = await dynamo.freshTables();
  return new DynamoPresenceStore({ client: dynamo.client, tableName: stats });
});
presenceStoreContract('MemoryPresenceStore', async () => new MemoryPresenceStore());

describe('DynamoPresenceStore in the stats table', () => {
  it('keeps one item per staff member under pk "presence", which DynamoDB’s TTL removes a day after it lapses', async () => {
    // Prepare
    const { stats } = await dynamo.freshTables();
    const store = new DynamoPresenceStore({ client: dynamo.client, tableName: stats });
    const until = '2026-12-02T10:03:00.000Z';

    // Act
    await store.heartbeat({ staff: 'Huda', queues: ['returns'], until });
    const { Item } = await dynamo.client.send(
      new GetItemCommand({ TableName: stats, Key: { pk: { S: 'presence' }, sk: { S: 'Huda' } } }),
    );

    // Assess
    expect(Item?.expiresAt?.N).toBe(String(Date.parse(until) / 1000 + 86_400));
    expect(Item?.queues?.L?.map((v) => v.S)).toEqual(['returns']);
  });
});
