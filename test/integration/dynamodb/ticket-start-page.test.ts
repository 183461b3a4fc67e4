/**
 * The page a web chat started on, end to end on DynamoDB (dynalite): the widget's `page` in
 * POST /api/chat, the ticket the hand-off opens, the stored item, the staff ticket API, and
 * "erase my data", which drops it with the customer's other personal data.
 */
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TableNames } from '#adapters/dynamodb/table-design.ts';
import type { Ticket } from '#core/ports.ts';
import { startLocalServer, type LocalServer } from '../../../functions/local/server.ts';
import { startTestDynamo, type TestDynamo } from '../../helpers/dynalite.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';

let dynamo: TestDynamo;
let tables: TableNames;
let app: TestApp;
let server: LocalServer;
let t = Date.parse('2026-12-03T10:00:00Z');
const clock = { now: () => new Date((t += 1000)) };

beforeAll(async () => {
  dynamo = await startTestDynamo();
  tables = await dynamo.freshTables();
  app = await createTestApp({ dynamo: dynamo.client, tables, clock });
  server = await startLocalServer({ app, port: 0 });
});
afterAll(async () => {
  await server?.close();
  await dynamo?.close();
});

async function chat(body: Record<string, unknown>): Promise<{ ticketRef?: string }> {
  const response = await fetch(`${server.url}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { reply: { ticketRef?: string } }).reply;
}

function staff(path: string, body?: unknown): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${app.config.staffToken}`,
      'x-staff-name': 'Sara',
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

/** The raw tickets-table item's `startPage` attribute. */
async function storedStartPage(ref: string): Promise<unknown> {
  const { Item } = await dynamo.client.send(
    new GetItemCommand({
      TableName: tables.tickets,
      Key: { ref: { S: ref } },
      ConsistentRead: true,
    }),
  );
  expect(Item?.ref?.S).toBe(ref);
  return Item?.startPage;
}

describe('a web chat’s start page on its ticket, on DynamoDB', () => {
  it('is stored with the ticket, returned by the staff API and erased with the customer', async () => {
    await chat({ sessionId: 'sp-web', messageId: 'm-1', text: 'hello!', page: '/orders/12345' });
    const { ticketRef } = await chat({
      sessionId: 'sp-web',
      messageId: 'm-2',
      text: 'I want to talk to a person',
      page: '/elsewhere',
    });
    expect(ticketRef).toMatch(/^MJ-/);
    const ref = ticketRef!;

    expect(await storedStartPage(ref)).toEqual({ S: '/orders/12345' });
    expect((await app.tickets.get(ref)).startPage).toBe('/orders/12345');
    const viewed = await staff(`/api/staff/tickets/${ref}`);
    expect(viewed.status).toBe(200);
    expect(((await viewed.json()) as Ticket).startPage).toBe('/orders/12345');

    const erased = await staff('/api/staff/erasures', { sessionId: 'sp-web' });
    expect(erased.status).toBe(201);
    expect(await erased.json()).toMatchObject({ tickets: [ref] });

    const after = await app.tickets.get(ref);
    expect(after.erasedAt).toBeDefined();
    expect(after).not.toHaveProperty('startPage');
    expect(await storedStartPage(ref)).toBeUndefined();
    expect(JSON.stringify(await (await staff(`/api/staff/tickets/${ref}`)).json())).not.toContain(
      '12345',
    );
  });

  it('is absent from a ticket whose chat sent no page', async () => {
    const { ticketRef } = await chat({
      sessionId: 'sp-none',
      messageId: 'm-1',
      text: 'I want to talk to a person',
    });

    expect(ticketRef).toMatch(/^MJ-/);
    expect(await storedStartPage(ticketRef!)).toBeUndefined();
    expect(await app.tickets.get(ticketRef!)).not.toHaveProperty('startPage');
  });
});
