// Runs the RecentlyClosedTickets contract against DynamoRecentlyClosedTickets (real SDK on
// dynalite, with DynamoTicketStore writing) and ListingRecentlyClosedTickets over MemoryTicketStore.
import { afterAll, beforeAll } from 'vitest';
import { DynamoRecentlyClosedTickets } from '#adapters/dynamodb/dynamo-recently-closed-tickets.ts';
import { DynamoTicketStore } from '#adapters/dynamodb/dynamo-ticket-store.ts';
import { ListingRecentlyClosedTickets } from '#adapters/memory/listing-recently-closed-tickets.ts';
import { MemoryTicketStore } from '#adapters/memory/memory-ticket-store.ts';
import { startTestDynamo, type TestDynamo } from '../helpers/dynalite.ts';
import { recentlyClosedContract } from './recently-closed-tickets.contract.ts';

let dynamo: TestDynamo;
beforeAll(async () => {
  dynamo = await startTestDynamo();
});
afterAll(() => dynamo?.close());

recentlyClosedContract('DynamoRecentlyClosedTickets on dynalite', async () => {
  const { tickets } = await dynamo.freshTables();
  return {
    tickets: new DynamoTicketStore({ client: dynamo.client, tableName: tickets }),
    recentlyClosed: new DynamoRecentlyClosedTickets({ client: dynamo.client, tableName: tickets }),
  };
});
recentlyClosedContract('ListingRecentlyClosedTickets over MemoryTicketStore', async () => {
  const tickets = new MemoryTicketStore();
  return { tickets, recentlyClosed: new ListingRecentlyClosedTickets(tickets) };
});
