/**
 * "Erase my data" over the staff API of the real local server: staff only, one identifier,
 * the customer's turns gone, their tickets anonymised and the erasure listed in the audit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalServer, type LocalServer } from '../../functions/local/server.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

let app: TestApp;
let server: LocalServer;

beforeAll(async () => {
  app = await createTestApp();
  server = await startLocalServer({ app, port: 0 });
});
afterAll(() => server?.close());

function staff(path: string, body?: unknown, token = app.config.staffToken) {
  return fetch(`${server.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      'x-staff-name': 'Sara',
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

describe('POST /api/staff/erasures', () => {
  it('erases a chat session’s turns and audits who did it, without the erased values', async () => {
    await fetch(`${server.url}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        text: 'my card 4111 1111 1111 1111 was declined',
        sessionId: 'erase-me',
        messageId: 'm-1',
      }),
    });
    expect(await app.sessionLog.listTurns('erase-me')).toHaveLength(1);

    const response = await staff('/api/staff/erasures', { sessionId: 'erase-me' });
    const audit = (await (await staff('/api/staff/erasures')).json()) as { items: unknown[] };

    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ by: 'Sara', subject: 'session', turns: 1 });
    expect(await app.sessionLog.listTurns('erase-me')).toEqual([]);
    expect(audit.items).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain('erase-me');
  });

  it('drops the page the chat started on from the customer’s tickets (a path can name an order)', async () => {
    const chat = await fetch(`${server.url}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        text: 'I want to talk to a person',
        sessionId: 'erase-page',
        messageId: 'm-1',
        page: '/orders/12345',
      }),
    });
    const { reply } = (await chat.json()) as { reply: { ticketRef?: string } };
    const ref = reply.ticketRef ?? '';
    expect((await app.tickets.get(ref)).startPage).toBe('/orders/12345');

    const response = await staff('/api/staff/erasures', { sessionId: 'erase-page' });

    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ tickets: [ref] });
    const ticket = await app.tickets.get(ref);
    expect(ticket.erasedAt).toBeDefined();
    expect(ticket).not.toHaveProperty('startPage');
  });

  it('refuses callers without the staff token, and requests naming two customers', async () => {
    expect((await staff('/api/staff/erasures', { sessionId: 'x' }, '')).status).toBe(401);
    const both = await staff('/api/staff/erasures', { sessionId: 'x', email: 'a@b.co' });
    expect(both.status).toBe(400);
    expect(((await both.json()) as { error: string }).error).toMatch(/exactly one/);
  });
});
