/**
 * When DynamoDB goes away mid-session, every adapter call fails fast with StoreUnavailableError
 * (never hangs); when it comes back (same port, same data directory) the same adapters carry on
 * and nothing written before was lost.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DynamoContentGapStore } from '#adapters/dynamodb/dynamo-content-gap-store.ts';
import { DynamoSessionLog } from '#adapters/dynamodb/dynamo-session-log.ts';
import { DynamoTicketStore } from '#adapters/dynamodb/dynamo-ticket-store.ts';
import { ensureTables } from '#adapters/dynamodb/ensure-tables.ts';
import { StoreUnavailableError } from '#core/errors.ts';
import type { Turn } from '#core/ports.ts';
import { newContentGap } from '#core/tickets/new-content-gap.ts';
import { newTicket } from '#core/tickets/new-ticket.ts';
import { startLocalDynamo, type LocalDynamo } from '../../../functions/local/dynalite.ts';
import { freshTableNames, localClient } from '../../helpers/dynalite.ts';

const NOW = new Date('2025-03-01T09:00:00.000Z');
const FAST_MS = 2000;

const turn = (messageId: string): Turn => ({
  sessionId: 'web:s1',
  messageId,
  at: NOW.toISOString(),
  channel: 'web',
  lang: 'en',
  text: 'how do I delete my account?',
  outcome: 'answer',
  reply: 'Settings → Account → Delete.',
});
const ticket = (n: number) =>
  newTicket(
    {
      sourceKey: `web:s1:m${n}`,
      question: 'help',
      lang: 'en',
      channel: 'web',
      sessionId: 's1',
      customerKey: 's1',
      reason: 'asked-for-human',
      transcript: [],
      candidates: [],
      contact: {},
    },
    NOW,
  );

/** Runs `call`, expecting StoreUnavailableError; returns how long it took. */
async function failsFast(call: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  const error = await call().then(
    () => undefined,
    (e: unknown) => e,
  );
  const ms = performance.now() - started;
  expect(error).toBeInstanceOf(StoreUnavailableError);
  expect((error as StoreUnavailableError).cause).toBeDefined();
  expect((error as StoreUnavailableError).context).toHaveProperty('operation');
  return ms;
}

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

describe('a store that goes down', () => {
  it('fails every adapter call fast with StoreUnavailableError, then recovers on restart', async () => {
    // Prepare: dynalite on disk, tables, one turn, ticket and gap written.
    const dataDir = await mkdtemp(join(tmpdir(), 'mujib-dynamo-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    let local: LocalDynamo = await startLocalDynamo({ dataDir });
    cleanups.push(() => local.close());
    const client = localClient(local.endpoint);
    cleanups.push(async () => client.destroy());
    const names = freshTableNames();
    await ensureTables(client, names);
    const log = new DynamoSessionLog({ client, tableName: names.turns });
    const tickets = new DynamoTicketStore({ client, tableName: names.tickets });
    const gaps = new DynamoContentGapStore({ client, tableName: names.gaps });
    await log.recordTurn(turn('m1'));
    const { ticket: stored } = await tickets.create(ticket(1));
    await gaps.add(newContentGap({ lang: 'en', question: 'merge accounts' }, NOW, 'u1'));

    // Act: stop the store mid-test.
    await local.close();
    const calls: (() => Promise<unknown>)[] = [
      () => log.recordTurn(turn('m2')),
      () => log.getTurn('web:s1', 'm1'),
      () => log.listTurns('web:s1'),
      () => log.setFeedback('web:s1', 'm1', 'up'),
      () => tickets.create(ticket(2)),
      () => tickets.get(stored.ref),
      () => tickets.list({ status: 'open' }, { limit: 10 }),
      () => tickets.list({}, { limit: 10 }),
      () => tickets.update({ ...stored, status: 'closed' }, stored.version),
      () => tickets.pendingReplies('s1'),
      () => gaps.add(newContentGap({ lang: 'en', question: 'q' }, NOW, 'u2')),
      () => gaps.list(),
      () => ensureTables(client, names),
    ];
    const durations: number[] = [];
    for (const call of calls) durations.push(await failsFast(call));

    // Assess: each failed fast.
    expect(Math.max(...durations)).toBeLessThan(FAST_MS);

    // Act: a new dynalite on the same port and data directory.
    local = await startLocalDynamo({ dataDir, port: local.port });
    // Assess: the same adapters work again, and the earlier writes survived.
    expect(await log.getTurn('web:s1', 'm1')).toMatchObject({
      reply: 'Settings → Account → Delete.',
    });
    expect((await log.recordTurn(turn('m2'))).created).toBe(true);
    expect(await tickets.get(stored.ref)).toEqual(stored);
    expect((await gaps.list()).map((g) => g.question)).toEqual(['merge accounts']);
  });
});

describe('a store that accepts connections but never answers', () => {
  it('times out within the request timeout instead of hanging', async () => {
    // Prepare: a TCP server on 127.0.0.1 that reads and never replies.
    const sockets = new Set<Socket>();
    const silent: Server = createServer((socket) => {
      sockets.add(socket);
      socket.on('data', () => undefined);
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    cleanups.push(
      () =>
        new Promise((resolve) => {
          for (const socket of sockets) socket.destroy();
          silent.close(resolve);
        }),
    );
    const { port } = silent.address() as { port: number };
    // Default client options (the ones production uses), pointed at the silent server.
    const client = localClient(`http://127.0.0.1:${port}`);
    cleanups.push(async () => client.destroy());
    const log = new DynamoSessionLog({ client, tableName: 'turns' });
    const tickets = new DynamoTicketStore({ client, tableName: 'tickets' });

    // Act + Assess
    expect(await failsFast(() => log.getTurn('web:s1', 'm1'))).toBeLessThan(2500);
    expect(await failsFast(() => tickets.create(ticket(3)))).toBeLessThan(2500);
  });
});
