/**
 * When DynamoDB goes away mid-conversation: customers still get answers from the index, a
 * ticket that cannot be written is admitted honestly, failed log writes are queued and reported,
 * and they are written once the store is back.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTables } from '#adapters/dynamodb/ensure-tables.ts';
import { startLocalDynamo, type LocalDynamo } from '../../functions/local/dynalite.ts';
import { startLocalServer, type LocalServer } from '../../functions/local/server.ts';
import { freshTableNames, localClient } from '../helpers/dynalite.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

let dataDir: string;
let dynamo: LocalDynamo;
let app: TestApp;
let server: LocalServer;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'mujib-down-'));
  dynamo = await startLocalDynamo({ port: 0, dataDir });
  const client = localClient(dynamo.endpoint);
  const tables = freshTableNames();
  await ensureTables(client, tables);
  app = await createTestApp({ dynamo: client, tables });
  server = await startLocalServer({ app, port: 0 });
});

afterAll(async () => {
  await server?.close();
  await dynamo?.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function ask(text: string, messageId: string) {
  const response = await fetch(`${server.url}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text, sessionId: 'down-1', messageId }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

describe('a store that is down', () => {
  it('keeps answering, admits a failed ticket, and writes the queued turns when the store returns', async () => {
    const before = await ask('How do I track my order?', 'm-1');
    expect(before.body.logged).toBe(true);

    const port = dynamo.port;
    await dynamo.close();
    const answer = await ask('How do I reset my password?', 'm-2');
    const handOff = await ask('I want to talk to a human', 'm-3');

    expect(answer.status).toBe(200);
    expect(answer.body.reply.kind).toBe('answer');
    expect(answer.body.logged).toBe(false);
    expect(handOff.status).toBe(200);
    expect(handOff.body.reply.kind).toBe('escalate');
    expect(handOff.body.reply.ticketRef).toBeUndefined();
    expect(handOff.body.reply.text).toMatch(/try again/i);
    const events = app.logs.lines.map((l) => l.event);
    expect(events).toContain('turn_write_failed');
    const ticketFailure = app.logs.lines.find((l) => l.event === 'ticket_write_failed');
    expect(ticketFailure?.fields).toMatchObject({
      sessionId: 'down-1',
      messageId: 'm-3',
      reason: 'asked-for-human',
    });
    expect(events.filter((e) => e === 'turn_queued')).toHaveLength(2);
    expect(app.unsavedTurns()).toBe(2);
    expect(await app.flushQueuedTurns()).toBe(2); // still down: both stay queued

    dynamo = await startLocalDynamo({ port, dataDir });
    const left = await app.flushQueuedTurns();

    expect(left).toBe(0);
    const turns = await app.sessionLog.listTurns('down-1');
    expect(turns.map((t) => t.messageId)).toEqual(['m-1', 'm-2', 'm-3']);
    expect(app.unsavedTurns()).toBe(0);
  });
});
