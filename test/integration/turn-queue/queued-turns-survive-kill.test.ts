/**
 * Turns queued while DynamoDB is down survive the process: the local server answers 5 messages
 * with the store down (each turn goes to the durable queue file), is killed with SIGKILL, and
 * after a restart — with the store back — the 5 turns reach dynalite without another request.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoSessionLog } from '#adapters/dynamodb/dynamo-session-log.ts';
import { ensureTables } from '#adapters/dynamodb/ensure-tables.ts';
import type { TableNames } from '#adapters/dynamodb/table-design.ts';
import { startLocalDynamo, type LocalDynamo } from '../../../functions/local/dynalite.ts';
import { freshTableNames, localClient } from '../../helpers/dynalite.ts';

const CHILD = path.resolve('test/integration/turn-queue/queue-child.ts');
const SESSION = 'crash-1';

let dir: string;
let dynamo: LocalDynamo | undefined;
let tables: TableNames;
const children: ChildProcess[] = [];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mujib-turn-queue-'));
  dynamo = await startLocalDynamo({ port: 0, dataDir: path.join(dir, 'dynamo') });
  tables = freshTableNames();
  await ensureTables(localClient(dynamo.endpoint), tables);
});

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await dynamo?.close();
  await rm(dir, { recursive: true, force: true });
});

/** Starts the app in a child process; resolves with its URL once it listens. */
async function startChild(endpoint: string, queueFile: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    env: {
      ...process.env,
      MUJIB_DYNAMO_ENDPOINT: endpoint,
      MUJIB_TURN_QUEUE_FILE: queueFile,
      TEST_TABLES: JSON.stringify(tables),
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    lines.once('line', (line) => resolve((JSON.parse(line) as { url: string }).url));
    child.once('exit', (code) => reject(new Error(`child exited early with ${code}`)));
  });
  return { child, url, exited };
}

async function ask(url: string, text: string, messageId: string) {
  const response = await fetch(`${url}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text, sessionId: SESSION, messageId }),
  });
  return (await response.json()) as { logged: boolean; reply: { kind: string } };
}

/** Polls `check` until it returns true or `timeoutMs` passes. */
async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('the durable turn queue', () => {
  it('keeps turns queued while the store is down through a SIGKILL and writes them after a restart', async () => {
    const queueFile = path.join(dir, 'data', 'turn-queue.jsonl');
    const endpoint = (dynamo as LocalDynamo).endpoint;
    const port = (dynamo as LocalDynamo).port;
    await (dynamo as LocalDynamo).close();
    dynamo = undefined;

    // Prepare: the store is down while five customers' messages are answered.
    const first = await startChild(endpoint, queueFile);
    const messageIds = ['m-1', 'm-2', 'm-3', 'm-4', 'm-5'];
    for (const id of messageIds) {
      const handled = await ask(first.url, 'How do I reset my password?', id);
      expect(handled.reply.kind).not.toBe('error');
      expect(handled.logged).toBe(false);
    }
    const queued = (await readFile(queueFile, 'utf8')).trim().split('\n');
    expect(queued).toHaveLength(5);

    // Act: kill -9, the store comes back, the app restarts (no request is sent to it).
    first.child.kill('SIGKILL');
    await first.exited;
    dynamo = await startLocalDynamo({ port, dataDir: path.join(dir, 'dynamo') });
    await startChild(endpoint, queueFile);

    // Assess: the five turns reach dynalite, and the queue empties.
    const log = new DynamoSessionLog({ client: localClient(endpoint), tableName: tables.turns });
    await waitFor(async () => (await log.listTurns(SESSION)).length === 5, 15_000);
    const turns = await log.listTurns(SESSION);
    expect(turns.map((t) => t.messageId).sort()).toEqual(messageIds);
    expect(turns.every((t) => t.text === 'How do I reset my password?')).toBe(true);
    await waitFor(async () => (await readFile(queueFile, 'utf8')) === '', 5_000);
  });
});
