/**
 * Abuse benchmark: does hostile traffic slow down normal customers? On the real local server
 * (loopback, dynalite, turns logged) it measures normal POST /api/chat traffic alone, then the
 * same traffic while a second set of clients sends adversarial requests — 10,000-character
 * questions, a 2,000-character single word, Lunr query syntax, many unknown words, the names of
 * Object.prototype properties, oversized and malformed bodies, forged Twilio signatures — and
 * reports the normal traffic's p50/p99 (medians over several runs) and the slowdown ratio
 * (target ≤ 2×). It also times each adversarial kind on its own. Bounded in count and time.
 *
 *   npm run bench:abuse     (MUJIB_BENCH_SECONDS=3 MUJIB_BENCH_RUNS=3 by default)
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import {
  chatTraffic,
  startBenchDynamo,
  startBenchServer,
  summariseLatency,
  type Latency,
} from './chat-traffic.ts';
import { median, percentile } from './stats.ts';

const SECONDS = Math.min(Number(process.env.MUJIB_BENCH_SECONDS ?? 3), 10);
const RUNS = Math.min(Number(process.env.MUJIB_BENCH_RUNS ?? 3), 7);
const NORMAL_CLIENTS = 10;
const HOSTILE_CLIENTS = 10;
/** Each adversarial kind is also timed alone this many times (at most SOLO_BUDGET_MS per kind). */
const SOLO_REQUESTS = 10;
const SOLO_BUDGET_MS = 15_000;
const TARGET_RATIO = 2;

interface Hostile {
  kind: string;
  method: 'POST';
  path: string;
  headers: Record<string, string>;
  body: string;
}

const json = { 'content-type': 'application/json' };
const chat = (kind: string, text: unknown): Hostile => ({
  kind,
  method: 'POST',
  path: '/api/chat',
  headers: json,
  body: JSON.stringify({ text, sessionId: `abuse-${kind}`, messageId: 'fixed' }),
});
const words = (n: number, make: (i: number) => string) =>
  Array.from({ length: n }, (_, i) => make(i)).join(' ');

/** The adversarial requests, one of each kind (the hostile clients cycle through them). */
const HOSTILE: Hostile[] = [
  chat(
    'question-10000-chars',
    words(1_700, (i) => ['order', 'refund', 'delivery', 'password', 'parcel'][i % 5]!).slice(
      0,
      10_000,
    ),
  ),
  chat('single-word-2000-chars', 'a'.repeat(2_000)),
  chat('lunr-syntax', 'title:foo^10 +bar -baz~2 * body:refund~3 +*order* -:: ^^ ~~ title:*'),
  chat(
    'many-unknown-words',
    words(400, (i) => `zq${(i * 7919).toString(36)}x`),
  ),
  chat(
    'object-prototype-names',
    'constructor __proto__ toString valueOf hasOwnProperty isPrototypeOf propertyIsEnumerable toLocaleString __defineGetter__ __lookupSetter__ prototype',
  ),
  {
    kind: 'proto-pollution-body',
    method: 'POST',
    path: '/api/chat',
    headers: json,
    body: '{"text":{"__proto__":{"polluted":true},"toString":"x"},"sessionId":"abuse-proto","messageId":"fixed","constructor":{"prototype":{"polluted":true}}}',
  },
  {
    kind: 'oversized-body-200kb',
    method: 'POST',
    path: '/api/chat',
    headers: json,
    body: JSON.stringify({ text: 'x'.repeat(200_000) }),
  },
  {
    kind: 'malformed-json',
    method: 'POST',
    path: '/api/chat',
    headers: json,
    body: '{"text": "where is my order", "sessionId": [unclosed',
  },
  {
    kind: 'forged-twilio-signature',
    method: 'POST',
    path: '/sms/twilio',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': 'bm90IGEgcmVhbCBzaWduYXR1cmU=',
    },
    body: 'From=%2B15550100&To=%2B15550199&Body=where+is+my+order&MessageSid=SMforged',
  },
];

/** autocannon's result, with the fields types/autocannon.d.ts leaves out. */
type Result = Awaited<ReturnType<typeof autocannon>> & {
  requests: { total?: number };
  statusCodeStats?: Record<string, { count: number }>;
};

function normalTraffic(url: string): Promise<Result> {
  return chatTraffic(url, {
    connections: NORMAL_CLIENTS,
    seconds: SECONDS,
    sessionPrefix: 'normal',
  });
}

function hostileTraffic(url: string): Promise<Result> {
  let i = 0;
  return autocannon({
    url,
    connections: HOSTILE_CLIENTS,
    duration: SECONDS,
    // Hostile answers are 4xx by design; a refused connection (413 closes it) is not a failure.
    requests: [
      {
        setupRequest: (request) => {
          const h = HOSTILE[i++ % HOSTILE.length]!;
          const body =
            h.path === '/api/chat' &&
            h.kind !== 'malformed-json' &&
            h.kind !== 'oversized-body-200kb'
              ? h.body.replace('"fixed"', JSON.stringify(randomUUID()))
              : h.body;
          return { ...request, method: h.method, path: h.path, headers: h.headers, body };
        },
      },
    ],
  });
}

const medianOf = (runs: Latency[]): Latency => ({
  rps: median(runs.map((r) => r.rps)),
  p50: median(runs.map((r) => r.p50)),
  p99: median(runs.map((r) => r.p99)),
  errors: runs.reduce((n, r) => n + r.errors, 0),
});

/** Each adversarial kind alone, sequentially: status and latency (ms). */
async function timeEachKind(url: string) {
  const rows = [];
  for (const h of HOSTILE) {
    const times: number[] = [];
    const statuses = new Map<number, number>();
    const kindStarted = performance.now();
    for (let n = 0; n < SOLO_REQUESTS && performance.now() - kindStarted < SOLO_BUDGET_MS; n++) {
      const body =
        h.kind === 'malformed-json' || h.kind === 'oversized-body-200kb'
          ? h.body
          : h.body.replace('"fixed"', JSON.stringify(randomUUID()));
      const started = performance.now();
      const response = await fetch(`${url}${h.path}`, {
        method: h.method,
        headers: h.headers,
        body,
        signal: AbortSignal.timeout(10_000),
      }).catch(() => undefined);
      await response?.arrayBuffer().catch(() => undefined);
      times.push(performance.now() - started);
      const status = response?.status ?? 0;
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
    await quiesce(url); // a timed-out request may still be running on the server
    rows.push({
      kind: h.kind,
      requests: times.length,
      bodyBytes: Buffer.byteLength(h.body),
      statuses: Object.fromEntries(statuses),
      p50Ms: Number(median(times).toFixed(2)),
      p99Ms: Number(percentile(times, 99).toFixed(2)),
    });
  }
  return rows;
}

/**
 * Waits until the server answers /healthz quickly twice in a row (at most 60 s): requests a client
 * abandoned may still be running, and must not spill into the next measurement or outlive dynalite.
 */
async function quiesce(url: string): Promise<void> {
  const until = Date.now() + 60_000;
  let fast = 0;
  while (fast < 2 && Date.now() < until) {
    const started = performance.now();
    await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(5_000) })
      .then((r) => r.arrayBuffer())
      .catch(() => undefined);
    fast = performance.now() - started < 50 ? fast + 1 : 0;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const dynamo = await startBenchDynamo();
const alone: Latency[] = [];
const mixed: Latency[] = [];
const hostileStatus: Record<string, number> = {};
let hostileRequests = 0;
let kinds: Awaited<ReturnType<typeof timeEachKind>> = [];
try {
  const { app, server } = await startBenchServer(dynamo);
  await normalTraffic(server.url); // warm-up
  kinds = await timeEachKind(server.url);
  for (let r = 0; r < RUNS; r++) {
    await quiesce(server.url);
    alone.push(summariseLatency(await normalTraffic(server.url)));
    await app.flushQueuedTurns();
    await quiesce(server.url);
    const [normal, hostile] = await Promise.all([
      normalTraffic(server.url),
      hostileTraffic(server.url),
    ]);
    mixed.push(summariseLatency(normal));
    hostileRequests += hostile.requests.total ?? 0;
    for (const [code, stat] of Object.entries(hostile.statusCodeStats ?? {})) {
      hostileStatus[code] = (hostileStatus[code] ?? 0) + stat.count;
    }
    await app.flushQueuedTurns();
    process.stderr.write(`run ${r + 1}/${RUNS} done\n`);
  }
  // Requests autocannon abandoned at the end of a run may still be writing.
  await quiesce(server.url);
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  await server.close();
} finally {
  await dynamo.close();
}

const a = medianOf(alone);
const m = medianOf(mixed);
const ratio = { p50: m.p50 / Math.max(a.p50, 1), p99: m.p99 / Math.max(a.p99, 1) };
// The target is on the normal traffic's p99 (the tail is what hostile requests hurt); p50 is reported.
const pass = ratio.p99 <= TARGET_RATIO;

console.log(
  `\nNormal POST /api/chat (${NORMAL_CLIENTS} clients) alone and with ${HOSTILE_CLIENTS} hostile clients, ${RUNS} runs × ${SECONDS} s (medians)\n`,
);
console.log('| traffic | req/s | p50 ms | p99 ms | non-2xx/errors |');
console.log('|---|---|---|---|---|');
console.log(`| normal alone | ${a.rps.toFixed(0)} | ${a.p50} | ${a.p99} | ${a.errors} |`);
console.log(`| normal + hostile | ${m.rps.toFixed(0)} | ${m.p50} | ${m.p99} | ${m.errors} |`);
console.log(
  `\nslowdown: p50 ×${ratio.p50.toFixed(2)}, p99 ×${ratio.p99.toFixed(2)} (target: p99 ≤ ${TARGET_RATIO}×): ${pass ? 'PASS' : 'FAIL'}`,
);
console.log(`hostile requests: ${hostileRequests}, by status: ${JSON.stringify(hostileStatus)}\n`);
console.log('| adversarial kind (alone) | body bytes | requests | statuses | p50 ms | p99 ms |');
console.log('|---|---|---|---|---|---|');
for (const k of kinds) {
  console.log(
    `| ${k.kind} | ${k.bodyBytes} | ${k.requests} | ${JSON.stringify(k.statuses)} | ${k.p50Ms} | ${k.p99Ms} |`,
  );
}

await mkdir('bench/results', { recursive: true });
await writeFile(
  'bench/results/abuse.json',
  JSON.stringify(
    {
      at: new Date().toISOString(),
      seconds: SECONDS,
      runs: RUNS,
      normalClients: NORMAL_CLIENTS,
      hostileClients: HOSTILE_CLIENTS,
      alone: a,
      mixed: m,
      ratio: { p50: Number(ratio.p50.toFixed(3)), p99: Number(ratio.p99.toFixed(3)) },
      targetRatio: TARGET_RATIO,
      pass,
      hostileRequests,
      hostileStatus,
      kinds,
    },
    null,
    2,
  ) + '\n',
);
