/**
 * Shared by the chat benchmarks: the local stack they measure (dynalite and the real local
 * server on loopback) and normal customer traffic on POST /api/chat, sent with autocannon and
 * summarised as throughput and latency.
 */
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { ensureTables } from '#adapters/dynamodb/ensure-tables.ts';
import { startLocalDynamo } from '../functions/local/dynalite.ts';
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

/** dynalite on a random port and a client for it. */
export async function startBenchDynamo() {
  const dynamo = await startLocalDynamo({ port: 0 });
  // dynalite shares this process's event loop with the server, so give it room under load.
  const client = localClient(dynamo.endpoint, {
    connectionTimeoutMs: 5_000,
    requestTimeoutMs: 10_000,
    maxAttempts: 3,
  });
  return {
    client,
    async close() {
      client.destroy();
      await dynamo.close();
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
