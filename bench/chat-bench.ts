/**
 * Benchmark: throughput and latency of POST /api/chat on the real local server (loopback), at 1,
 * 10 and 50 concurrent clients, with session logging (turns + daily stats) to dynalite on and off — so the cost of
 * logging is a ratio measured in the same run. Medians over several runs; bounded in time.
 *
 *   npm run bench:chat            (MUJIB_BENCH_SECONDS=3 MUJIB_BENCH_RUNS=3 by default)
 */
import { writeFile, mkdir } from 'node:fs/promises';
import { SessionLog, type Turn } from '#core/ports.ts';
import {
  measureChatTraffic,
  startBenchDynamo,
  startBenchServer,
  type Latency,
} from './chat-traffic.ts';

const SECONDS = Number(process.env.MUJIB_BENCH_SECONDS ?? 3);
const RUNS = Number(process.env.MUJIB_BENCH_RUNS ?? 3);
const CONCURRENCY = [1, 10, 50];

/**
 * A session log that keeps nothing: "logging off". It reports every turn as already stored, so
 * the stats decorator writes no daily counters either: the run makes no DynamoDB writes at all.
 */
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
  override async setFeedback() {}
}

interface Row extends Latency {
  logging: 'on' | 'off';
  connections: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

const measure = (url: string, connections: number) =>
  measureChatTraffic(url, { connections, seconds: SECONDS, sessionPrefix: 'bench' });

const dynamo = await startBenchDynamo();
const rows: Row[] = [];
let unsaved = 0;
try {
  for (const logging of ['on', 'off'] as const) {
    const { app, server } = await startBenchServer(
      dynamo,
      logging === 'off' ? { sessionLog: new NoSessionLog() } : {},
    );
    await measure(server.url, 10); // warm-up
    for (const connections of CONCURRENCY) {
      const runs = [];
      for (let r = 0; r < RUNS; r++) {
        runs.push(await measure(server.url, connections));
        unsaved += app.unsavedTurns();
        await app.flushQueuedTurns();
      }
      rows.push({
        logging,
        connections,
        rps: median(runs.map((x) => x.rps)),
        p50: median(runs.map((x) => x.p50)),
        p99: median(runs.map((x) => x.p99)),
        errors: runs.reduce((n, x) => n + x.errors, 0),
      });
      process.stderr.write(`logging ${logging}, ${connections} clients: done\n`);
    }
    // Requests autocannon abandoned at the end of a run may still be writing: let them finish
    // before the store closes.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await server.close();
  }
} finally {
  await dynamo.close();
}

console.log(`\nPOST /api/chat on loopback, ${RUNS} runs × ${SECONDS} s each (medians)\n`);
console.log(
  '| clients | logging on: req/s | p50 ms | p99 ms | logging off: req/s | p50 ms | p99 ms | throughput ratio on/off |',
);
console.log('|---|---|---|---|---|---|---|---|');
for (const connections of CONCURRENCY) {
  const on = rows.find((r) => r.logging === 'on' && r.connections === connections)!;
  const off = rows.find((r) => r.logging === 'off' && r.connections === connections)!;
  console.log(
    `| ${connections} | ${on.rps.toFixed(0)} | ${on.p50} | ${on.p99} | ${off.rps.toFixed(0)} | ${off.p50} | ${off.p99} | ${(on.rps / off.rps).toFixed(2)} |`,
  );
}
const errors = rows.reduce((n, r) => n + r.errors, 0);
console.log(
  `\nerrors (non-2xx or socket): ${errors}; turn writes that failed and were queued for retry: ${unsaved}`,
);
await mkdir('bench/results', { recursive: true });
await writeFile(
  'bench/results/chat-bench.json',
  JSON.stringify(
    { at: new Date().toISOString(), seconds: SECONDS, runs: RUNS, unsavedTurns: unsaved, rows },
    null,
    2,
  ),
);
