// Runs the TicketStore contract against DynamoTicketStore (real SDK on dynalite) and MemoryTicketStore.
import { afterAll, beforeAll } from 'vitest';
import { DynamoTicketStore } from '#adapters/dynamodb/dynamo-ticket-store.ts';
import { MemoryTicketStore } from '#adapters/memory/memory-ticket-store.ts';
import { startTestDynamo, type TestDynamo } from '../helpers/dynalite.ts';
import { ticketStoreContract } from './ticket-store.contract.ts';

let dynamo: TestDynamo;
beforeAll(async () => {
  dynamo = await startTestDynamo();
});
afterAll(() => dynamo?.close());

ticketStoreContract('DynamoTicketStore on dynalite', async () => {
  const { tickets } = await dynamo.freshTables();
  return new DynamoTicketStore({ client: dynamo.client, tableName: tickets });
});
ticketStoreContract('MemoryTicketStore', async () => new MemoryTicketStore());
