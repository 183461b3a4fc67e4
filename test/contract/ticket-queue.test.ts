// Runs the support-queue ticket contract against the DynamoDB stores (on dynalite) and the memory ones.
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoTicketStore } from '#adapters/dynamodb/dynamo-ticket-store.ts';
import { MemoryTicketStore } from '#adapters/memory/memory-ticket-store.ts';
import { DynamoQueueBacklog } from '#adapters/support/dynamo-queue-backlog.ts';
import { ListingQueueBacklog } from '#adapters/support/listing-queue-backlog.ts';
import { newTicket } from '#core/tickets/new-ticket.ts';
import { startTestDynamo, type TestDynamo } from '../helpers/dynalite.ts';
import { ticketQueueContract } from './ticket-queue.contract.ts';

let dynamo: TestDynamo;
beforeAll(async () => {
  dynamo = await startTestDynamo();
});
afterAll(() => dynamo?.close());

ticketQueueContract('DynamoTicketStore and DynamoQueueBacklog on dynalite', async () => {
  const { tickets } = await dynamo.freshTables();
  return {
    tickets: new DynamoTicketStore({ client: dynamo.client, tableName: tickets }),
    backlog: new DynamoQueueBacklog({ client: dynamo.client, tableName: tickets }),
  };
});
ticketQueueContract('MemoryTicketStore and ListingQueueBacklog', async () => {
  const tickets = new MemoryTicketStore();
  return { tickets, backlog: new ListingQueueBacklog(tickets) };
});

describe('DynamoTicketStore items', () => {
  it('store the support queue as `supportQueue`, leaving `queue` to the byQueue index key', async () => {
    // Prepare
    const { tickets: table } = await dynamo.freshTables();
    const tickets = new DynamoTicketStore({ client: dynamo.client, tableName: table });
    const { ticket } = await tickets.create(
      newTicket(
        {
          sourceKey: 'sms:s1#handoff-1',
          question: 'refund?',
          lang: 'ar',
          channel: 'sms',
          sessionId: 's1',
          customerKey: 'k1',
          reason: 'asked-for-human',
          transcript: [],
          candidates: [],
          contact: {},
          queue: 'returns',
        },
        new Date('2026-12-02T10:00:00Z'),
      ),
    );

    // Act
    const { Item } = await dynamo.client.send(
      new GetItemCommand({ TableName: table, Key: { ref: { S: ticket.ref } } }),
    );

    // Assess
    expect(Item?.queue?.S).toBe('open#ar#sms');
    expect(Item?.supportQueue?.S).toBe('returns');
  });
});
