/**
 * A ticket update the store client retries after its first attempt landed (the response lost
 * to a timeout on a busy machine) is this very update, not a conflict: the retry fails its
 * version condition, the store reads the ticket back, finds exactly what it wrote and returns
 * it. A real conflict still is one. Real dynalite, the real AWS SDK and its retry strategy; the
 * lost response is a middleware below the retry step.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoTicketStore } from '#adapters/dynamodb/dynamo-ticket-store.ts';
import { TicketVersionConflictError } from '#core/errors.ts';
import { claimTicket, closeTicket } from '#core/tickets/ticket-lifecycle.ts';
import { newTicket } from '#core/tickets/new-ticket.ts';
import { localClient, startTestDynamo, type TestDynamo } from '../../helpers/dynalite.ts';

let dynamo: TestDynamo;
beforeAll(async () => {
  dynamo = await startTestDynamo();
});
afterAll(async () => {
  await dynamo?.close();
});

/** A client that loses the response of the next `lost` PutItems that land. */
function clientLosingResponses(endpoint: string) {
  const client = localClient(endpoint, { maxAttempts: 3 });
  const control = { lost: 0 };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      const status = (result.response as { statusCode?: number }).statusCode;
      if (context.commandName === 'PutItemCommand' && status === 200 && control.lost > 0) {
        control.lost--;
        throw Object.assign(new Error('request timed out (the response was lost)'), {
          name: 'TimeoutError',
          $metadata: {},
        });
      }
      return result;
    },
    { step: 'deserialize', name: 'loseResponse', priority: 'low' },
  );
  return { client, control };
}

const T0 = new Date('2026-11-23T09:00:00.000Z');
const input = {
  sourceKey: 'web:session-1:message-1',
  question: 'where is my order',
  lang: 'en' as const,
  channel: 'web' as const,
  sessionId: 'session-1',
  customerKey: 'web:session-1',
  reason: 'asked-for-human' as const,
  transcript: [],
  candidates: [],
  contact: {},
};

describe('a ticket update retried after its response was lost', () => {
  it('returns the stored update instead of a version conflict', async () => {
    // Prepare
    const { tickets: tableName } = await dynamo.freshTables();
    const { client, control } = clientLosingResponses(dynamo.server.endpoint);
    const store = new DynamoTicketStore({ client, tableName });
    const { ticket } = await store.create(newTicket(input, T0));

    // Act: the claim lands, its response is lost, the SDK retries it
    control.lost = 1;
    const claim = claimTicket(ticket, 'huda', T0);
    const claimed = await store.update(claim, ticket.version);

    // Assert
    expect(control.lost).toBe(0);
    expect(claimed).toEqual({ ...claim, version: ticket.version + 1 });
    expect(claimed.status).not.toBe(ticket.status);
    expect(await store.get(ticket.ref)).toEqual(claimed);
    client.destroy();
  });

  it('still reports a real conflict: another change at the expected version', async () => {
    const { tickets: tableName } = await dynamo.freshTables();
    const store = new DynamoTicketStore({ client: dynamo.client, tableName });
    const { ticket } = await store.create(newTicket(input, T0));
    const claimed = await store.update(claimTicket(ticket, 'huda', T0), ticket.version);

    await expect(store.update(closeTicket(ticket, 'omar', T0), ticket.version)).rejects.toThrow(
      TicketVersionConflictError,
    );
    expect(await store.get(ticket.ref)).toEqual(claimed);
  });
});
