// Runs the CustomerDataStore contract against the DynamoDB adapters (on dynalite) and the memory ones.
import { afterAll, beforeAll } from 'vitest';
import { DynamoContentGapStore } from '#adapters/dynamodb/dynamo-content-gap-store.ts';
import { DynamoCustomerDataStore } from '#adapters/dynamodb/dynamo-customer-data-store.ts';
import { DynamoSessionLog } from '#adapters/dynamodb/dynamo-session-log.ts';
import { DynamoTicketStore } from '#adapters/dynamodb/dynamo-ticket-store.ts';
import { MemoryContentGapStore } from '#adapters/memory/memory-content-gap-store.ts';
import { MemoryCustomerDataStore } from '#adapters/memory/memory-customer-data-store.ts';
import { MemorySessionLog } from '#adapters/memory/memory-session-log.ts';
import { MemoryTicketStore } from '#adapters/memory/memory-ticket-store.ts';
import { DynamoStatsStore } from '#adapters/stats/dynamo-stats-store.ts';
import { MemoryStatsStore } from '#adapters/stats/memory-stats-store.ts';
import { startTestDynamo, type TestDynamo } from '../helpers/dynalite.ts';
import { customerDataStoreContract } from './customer-data-store.contract.ts';

let dynamo: TestDynamo;
beforeAll(async () => {
  dynamo = await startTestDynamo();
});
afterAll(() => dynamo?.close());

customerDataStoreContract('DynamoDB adapters on dynalite', async () => {
  const tables = await dynamo.freshTables();
  const client = dynamo.client;
  return {
    customerData: new DynamoCustomerDataStore({ client, tables }),
    sessionLog: new DynamoSessionLog({ client, tableName: tables.turns }),
    tickets: new DynamoTicketStore({ client, tableName: tables.tickets }),
    gaps: new DynamoContentGapStore({ client, tableName: tables.gaps }),
    stats: new DynamoStatsStore({ client, tableName: tables.stats }),
  };
});

customerDataStoreContract('memory adapters', async () => {
  const sessionLog = new MemorySessionLog();
  const tickets = new MemoryTicketStore();
  const gaps = new MemoryContentGapStore();
  const stats = new MemoryStatsStore();
  return {
    customerData: new MemoryCustomerDataStore({ sessionLog, tickets, gaps, stats }),
    sessionLog,
    tickets,
    gaps,
    stats,
  };
});
