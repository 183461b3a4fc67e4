/**
 * Benchmark: POST /api/chat on the real local server (loopback) with the store in a SEPARATE
 * process — dynalite (its CLI), and AWS's DynamoDB Local when Java is present — at 10 and 50
 * concurrent clients, with session logging on and off, so the cost of logging is a ratio
 * measured in the same run. Medians over several runs; bounded in time. Also reports:
 *  - DynamoDB calls per answered turn on the customer's path (a middleware on the client counts
 *    every call; turns written = PutItems on the turns table), and the in-process aggregator's
 *    writes per turn (the stats table), which in AWS the stream consumer makes instead;
 *  - the in-process aggregator's lag (emit → counters written) and how long it needed to catch
 *    up after each run;
 *  - the stream consumer's keep-up: the turns of the logging-on runs fed to StreamAggregator as
 *    stream records (batches of 500) on the same store: records/s against the turn rate.
 *
 *   npm run bench:chat            (MUJIB_BENCH_SECONDS=3 MUJIB_BENCH_RUNS=3 by default)
 */
import { writeFile, mkdir } from 'node:fs/promises';
import {
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { ensureTables } from '#adapters/dynamodb/ensure-tables.ts';
import { MemoryLogger } from '#adapters/log/json-logger.ts';
import { DynamoStatsStore } from '#adapters/stats/dynamo-stats-store.ts';
import { InProcessAnalytics } from '#adapters/stats/in-process-analytics.ts';
import { StreamAggregator } from '#adapters/stats/stream-aggregator.ts';
import { SessionLog, type Turn } from '#core/ports.ts';
import { freshTableNames } from '../test/helpers/dynalite.ts';
import {
  javaPresent,
  measureChatTraffic,
  startBenchDynamo,
  startBenchServer,
  type Latency,
  type StoreKind,
} from './chat-traffic.ts';

const SECONDS = Number(process.env.MUJIB_BENCH_SECONDS ?? 3);
const RUNS = Number(process.env.MUJIB_BENCH_RUNS ?? 3);
const CONCURRENCY = [10, 50];

/** A session log that keeps nothing: "logging off" (no store calls, no analytics events). */
class NoSessionLog extends SessionLog {
  override async recordTurn(turn: Turn) {
    return { created: false, turn };
  }
  override async getTurn() {
    return undefined;
  }
  override async listTurns() {
    return [];
  }
  override async setFeedback(): Promise<never> {
    throw new Error('logging is off');
  }
}

interface Row extends Latency {
  store: StoreKind;
  logging: 'on' | 'off';
  connections: number;
  /** Customer-path DynamoDB calls per turn written (logging on). */
  callsPerTurn?: number;
  /** In-process aggregator writes (stats table) per turn written (logging on). */
  aggregatorWritesPerTurn?: number;
  /**
   * The store's own ceiling at this concurrency, measured in the same run: one Query (last 8
   * turns) + one conditional PutItem of a turn-sized item per "turn", nothing else, straight
   * from the client. Logging on can never go faster than this.
   */
  storeCeilingRps?: number;
  /** Aggregator: largest emit → written lag seen, and time to catch up after the run. */
  aggregatorMaxLagMs?: number;
  aggregatorCatchUpMs?: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const measure = (url: string, connections: number) =>
  measureChatTraffic(url, { connections, seconds: SECONDS, sessionPrefix: 'bench' });

const stores: StoreKind[] = javaPresent() ? ['dynalite', 'dynamodb-local'] : ['dynalite'];
const rows: Row[] = [];
const streams: Record<string, unknown>[] = [];
let unsaved = 0;

for (const store of stores) {
  const dynamo = await startBenchDynamo(store);
  let turnsTable = '';
  try {
    for (const logging of ['on', 'off'] as const) {
      const { app, server } = await startBenchServer(
        dynamo,
        logging === 'off' ? { sessionLog: new NoSessionLog() } : {},
      );
      const { turns, stats } = app.config.tables;
      if (logging === 'on') turnsTable = turns;
      await measure(server.url, 10); // warm-up
      await app.settleAnalytics();
      for (const connections of CONCURRENCY) {
        const runs = [];
        const perTurn: number[] = [];
        const aggregatorPerTurn: number[] = [];
        const catchUp: number[] = [];
        let maxLag = 0;
        for (let r = 0; r < RUNS; r++) {
          dynamo.calls.clear();
          const progress =
            app.events instanceof InProcessAnalytics ? app.events.progress : undefined;
          if (progress) progress.maxLagMs = 0;
          runs.push(await measure(server.url, connections));
          const settling = performance.now();
          await app.settleAnalytics();
          catchUp.push(performance.now() - settling);
          maxLag = Math.max(maxLag, progress?.maxLagMs ?? 0);
          const written = dynamo.calls.get(`${turns}:PutItem`) ?? 0;
          if (written > 0) {
            perTurn.push(dynamo.callsExcept(stats) / written);
            const statsCalls = [...dynamo.calls]
              .filter(([key]) => key.startsWith(`${stats}:`))
              .reduce((n, [, c]) => n + c, 0);
            aggregatorPerTurn.push(statsCalls / written);
          }
          unsaved += app.unsavedTurns();
          await app.flushQueuedTurns();
        }
        const ceiling = logging === 'on' ? await storeCeiling(dynamo, connections) : undefined;
        rows.push({
          store,
          logging,
          connections,
          ...(ceiling === undefined ? {} : { storeCeilingRps: ceiling }),
          rps: median(runs.map((x) => x.rps)),
          p50: median(runs.map((x) => x.p50)),
          p99: median(runs.map((x) => x.p99)),
          errors: runs.reduce((n, x) => n + x.errors, 0),
          ...(logging === 'on'
            ? {
                callsPerTurn: round(median(perTurn)),
                aggregatorWritesPerTurn: round(median(aggregatorPerTurn)),
                aggregatorMaxLagMs: Math.round(maxLag),
                aggregatorCatchUpMs: Math.round(median(catchUp)),
              }
            : {}),
        });
        process.stderr.write(`${store}, logging ${logging}, ${connections} clients: done\n`);
      }
      // Requests autocannon abandoned at the end of a run may still be writing.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      await app.settleAnalytics();
      await server.close();
    }
    streams.push({ store, ...(await streamKeepUp(dynamo, turnsTable)) });
  } finally {
    await dynamo.close();
  }
}

/**
 * Query + conditional PutItem pairs per second from `connections` workers for SECONDS (median of
 * RUNS), shaped like a turn's two calls, on a fresh turns table of its own.
 */
async function storeCeiling(
  dynamo: Awaited<ReturnType<typeof startBenchDynamo>>,
  connections: number,
): Promise<number> {
  const names = freshTableNames();
  await ensureTables(dynamo.client, names);
  const table = names.turns;
  const reply = 'Open Settings, then Account, then Reset password. '.repeat(8);
  const rates: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    let pairs = 0;
    const end = performance.now() + SECONDS * 1000;
    await Promise.all(
      Array.from({ length: connections }, async (_, worker) => {
        for (let n = 0; performance.now() < end; n++) {
          const sessionId = `ceiling:${r}:${worker}:${n % 20}`;
          await dynamo.client.send(
            new QueryCommand({
              TableName: table,
              KeyConditionExpression: 'sessionId = :s',
              ExpressionAttributeValues: { ':s': { S: sessionId } },
              ScanIndexForward: false,
              Limit: 8,
            }),
          );
          await dynamo.client.send(
            new PutItemCommand({
              TableName: table,
              Item: {
                sessionId: { S: sessionId },
                messageId: { S: `m${n}` },
                at: { S: new Date().toISOString() },
                text: { S: 'how do I reset my password' },
                reply: { S: reply },
              },
              ConditionExpression: 'attribute_not_exists(messageId)',
            }),
          );
          pairs++;
        }
      }),
    );
    rates.push(pairs / SECONDS);
  }
  return Math.round(median(rates));
}

/** The logging-on turns as stream INSERT records, aggregated by the stream consumer's code. */
async function streamKeepUp(dynamo: Awaited<ReturnType<typeof startBenchDynamo>>, table: string) {
  const items: Record<string, AttributeValue>[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await dynamo.client.send(
      new ScanCommand({ TableName: table, ExclusiveStartKey: start }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  const names = freshTableNames();
  await ensureTables(dynamo.client, names);
  const aggregator = new StreamAggregator({
    stats: new DynamoStatsStore({ client: dynamo.client, tableName: names.stats }),
    logger: new MemoryLogger(),
  });
  const records: DynamoDBRecord[] = items.map((item, i) => ({
    eventID: String(i),
    eventName: 'INSERT',
    eventSourceARN: `arn:aws:dynamodb:local:0:table/${table}/stream/bench`,
    dynamodb: {
      Keys: { sessionId: item.sessionId, messageId: item.messageId } as never,
      NewImage: item as never,
      SequenceNumber: String(10n ** 20n + BigInt(i)),
    },
  }));
  dynamo.calls.clear();
  const started = performance.now();
  const BATCH = 500;
  for (let i = 0; i < records.length; i += BATCH) {
    await aggregator.process({
      Records: records.slice(i, i + BATCH),
      shardId: 'shardId-bench-0',
      eventSourceARN: records[0]!.eventSourceARN!,
    });
  }
  const seconds = (performance.now() - started) / 1000;
  const writes = [...dynamo.calls.values()].reduce((n, c) => n + c, 0);
  return {
    records: records.length,
    batchSize: BATCH,
    recordsPerSecond: Math.round(records.length / seconds),
    writesPerRecord: round(writes / Math.max(1, records.length)),
    msPerBatch: Math.round((seconds * 1000) / Math.ceil(records.length / BATCH)),
  };
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

console.log(
  `\nPOST /api/chat on loopback, store in its own process, ${RUNS} runs × ${SECONDS} s each (medians)\n`,
);
console.log(
  '| store | clients | logging on: req/s | p50 ms | p99 ms | logging off: req/s | p50 ms | p99 ms | on/off | store ceiling: turns/s | on/ceiling | calls/turn | aggregator writes/turn | aggregator max lag ms | catch-up ms |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const store of stores) {
  for (const connections of CONCURRENCY) {
    const on = rows.find(
      (r) => r.store === store && r.logging === 'on' && r.connections === connections,
    )!;
    const off = rows.find(
      (r) => r.store === store && r.logging === 'off' && r.connections === connections,
    )!;
    console.log(
      `| ${store} | ${connections} | ${on.rps.toFixed(0)} | ${on.p50} | ${on.p99} | ${off.rps.toFixed(0)} | ${off.p50} | ${off.p99} | ${(on.rps / off.rps).toFixed(2)} | ${on.storeCeilingRps} | ${(on.rps / (on.storeCeilingRps ?? on.rps)).toFixed(2)} | ${on.callsPerTurn} | ${on.aggregatorWritesPerTurn} | ${on.aggregatorMaxLagMs} | ${on.aggregatorCatchUpMs} |`,
    );
  }
}
console.log('\nstream consumer keep-up (turns of the logging-on runs as stream records):');
for (const s of streams) console.log(JSON.stringify(s));
const errors = rows.reduce((n, r) => n + r.errors, 0);
console.log(
  `\nerrors (non-2xx or socket): ${errors}; turn writes that failed and were queued for retry: ${unsaved}`,
);
await mkdir('bench/results', { recursive: true });
await writeFile(
  'bench/results/chat-bench.json',
  JSON.stringify(
    {
      at: new Date().toISOString(),
      seconds: SECONDS,
      runs: RUNS,
      storeInSeparateProcess: true,
      unsavedTurns: unsaved,
      rows,
      streamConsumer: streams,
    },
    null,
    2,
  ),
);
