/**
 * Analytics benchmark: a year of realistic traffic (365 days, ~1,500 questions a day on three
 * channels and two languages, feedback, tickets answered and closed, 30 days of gap questions)
 * is written into dynalite through the DynamoStatsStore (each day's counters merged, as the
 * decorators would have added them one by one), then the dashboard API is timed over HTTP on
 * the local server for a full year (median of several runs), with and without filters, and the
 * gap clusters for 30 days. Writes bench/results/analytics-bench.json.
 * Run: AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true npx tsx bench/analytics-bench.ts
 */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadConfig } from '#app/config.ts';
import { createApp } from '#app/create-app.ts';
import { addDays, dayOf } from '#core/analytics/days.ts';
import {
  feedbackUpdates,
  gapQuestionOf,
  ticketChangedUpdates,
  ticketCreatedUpdates,
  turnUpdates,
} from '#core/analytics/stats-events.ts';
import { mergeUpdates, type CounterUpdate } from '#core/analytics/stats-store.ts';
import type { Ticket, Turn, TurnOutcome } from '#core/ports.ts';
import type { Channel, Lang } from '#core/types.ts';
import { createDynamoClient } from '#adapters/dynamodb/dynamo-client.ts';
import { ensureTables } from '#adapters/dynamodb/ensure-tables.ts';
import { DynamoStatsStore } from '#adapters/stats/dynamo-stats-store.ts';
import { startLocalDynamo } from '../functions/local/dynalite.ts';
import { startLocalServer } from '../functions/local/server.ts';
import { median } from './stats.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const DAYS = 365;
const QUESTIONS_PER_DAY = 1_500;
const GAP_DAYS = 30;
const RUNS = 7;
const WRITE_CONCURRENCY = 32;

/** Deterministic random numbers (mulberry32). */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
const random = rng(42);
const pick = <T>(items: readonly T[], weights: readonly number[]): T => {
  let r = random() * weights.reduce((a, b) => a + b, 0);
  for (const [i, w] of weights.entries()) if ((r -= w) < 0) return items[i]!;
  return items.at(-1)!;
};

const articleIds = async (lang: Lang) =>
  (await readdir(path.join('knowledge', lang)))
    .filter((f) => f.endsWith('.md'))
    .map((f) => f.slice(0, -3));
const ARTICLES = { en: await articleIds('en'), ar: await articleIds('ar') };
const zipf = (n: number) => Array.from({ length: n }, (_, i) => 1 / (i + 1));
const GAP_TEXTS = [
  'can I pay with crypto currency',
  'do you accept bitcoin payments',
  'can I bring my dog into the store',
  'is there a student discount',
  'student discount code please',
  'do you sell telescopes',
  'when will telescopes be in stock',
  'my locker code does not work',
  'parcel locker code not working',
  'هل يمكنني الدفع بالعملات الرقمية',
];

function simulateDay(day: string, n: number): { updates: CounterUpdate[]; gaps: Turn[] } {
  const updates: CounterUpdate[] = [];
  const gaps: Turn[] = [];
  let sessions = 0;
  for (let i = 0; i < n; i++) {
    const channel = pick<Channel>(['web', 'sms', 'alexa'], [70, 20, 10]);
    const lang = pick<Lang>(['en', 'ar'], [60, 40]);
    const outcome = pick<TurnOutcome>(
      ['answer', 'clarify', 'escalate', 'smalltalk'],
      [72, 10, 12, 6],
    );
    const at = `${day}T${String(Math.floor(random() * 24)).padStart(2, '0')}:${String(Math.floor(random() * 60)).padStart(2, '0')}:00.000Z`;
    const articles = ARTICLES[lang];
    const articleId = pick(articles, zipf(articles.length));
    const confidence = outcome === 'answer' ? 0.6 + random() * 0.4 : random() * 0.6;
    const first = random() < 0.6;
    if (first) sessions++;
    const turn: Turn = {
      sessionId: `${day}-s${sessions}`,
      messageId: `m${i}`,
      at,
      channel,
      lang,
      text: GAP_TEXTS[Math.floor(random() * GAP_TEXTS.length)]!,
      outcome,
      reply: '',
      ...(outcome === 'smalltalk'
        ? {}
        : { articleId, confidence: Math.round(confidence * 1000) / 1000 }),
    };
    updates.push(...turnUpdates(turn, first));
    if (outcome === 'answer' && random() < 0.15)
      updates.push(...feedbackUpdates(turn, undefined, random() < 0.8 ? 'up' : 'down'));
    if (outcome === 'escalate') {
      const opened: Ticket = {
        ref: `MJ-${day}-${i}`,
        sourceKey: `${channel}:${turn.sessionId}:${turn.messageId}`,
        status: 'open',
        question: turn.text,
        lang,
        channel,
        sessionId: turn.sessionId,
        customerKey: turn.sessionId,
        reason: 'low-confidence',
        transcript: [],
        candidates: [],
        contact: {},
        createdAt: at,
        updatedAt: at,
        replies: [],
        version: 1,
      };
      const replyAt = new Date(Date.parse(at) + 60_000 * Math.exp(random() * 6)).toISOString();
      const answered: Ticket = {
        ...opened,
        status: 'answered',
        replies: [{ at: replyAt, by: 'staff', text: 'ok', delivery: 'sent' }],
        version: 2,
      };
      const closedAt = new Date(
        Date.parse(replyAt) + 3_600_000 * Math.exp(random() * 3),
      ).toISOString();
      updates.push(
        ...ticketCreatedUpdates(opened),
        ...ticketChangedUpdates(opened, answered),
        ...ticketChangedUpdates(answered, { ...answered, status: 'closed', closedAt, version: 3 }),
      );
      gaps.push({ ...turn, ticketRef: opened.ref });
    } else if (gapQuestionOf(turn)) {
      gaps.push(turn);
    }
  }
  return { updates: mergeUpdates(updates), gaps };
}

async function inBatches<T>(items: T[], size: number, run: (item: T) => Promise<unknown>) {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(run));
}

const dynamo = await startLocalDynamo({ port: 0 });
const client = createDynamoClient({
  endpoint: dynamo.endpoint,
  region: 'local',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  requestTimeoutMs: 10_000,
});
const config = loadConfig({ MUJIB_MODE: 'local', MUJIB_LOG_LEVEL: 'error' });
await ensureTables(client, config.tables);
const store = new DynamoStatsStore({ client, tableName: config.tables.stats });

const today = dayOf(new Date());
const from = addDays(today, -(DAYS - 1));
let counterItems = 0;
let gapQuestions = 0;
let turns = 0;
const writeStart = performance.now();
for (let d = 0; d < DAYS; d++) {
  const day = addDays(from, d);
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  const n = Math.round(QUESTIONS_PER_DAY * (weekday === 5 ? 0.7 : 1) * (0.85 + random() * 0.3));
  turns += n;
  const { updates, gaps } = simulateDay(day, n);
  counterItems += updates.length;
  await inBatches(updates, WRITE_CONCURRENCY, (u) => store.increment([u]));
  if (d >= DAYS - GAP_DAYS) {
    const kept = gaps.slice(0, 150);
    gapQuestions += kept.length;
    await inBatches(kept, WRITE_CONCURRENCY, (t) =>
      store.addGapQuestion(
        gapQuestionOf(t) ?? { ...gapQuestionOf({ ...t, outcome: 'escalate' })! },
      ),
    );
  }
  if (d % 60 === 59) process.stderr.write(`  wrote ${d + 1} days\n`);
}
const writeMs = performance.now() - writeStart;

const app = createApp(config, {
  dynamo: client,
  knowledge: { current: () => Promise.reject(new Error('not needed')) },
});
const server = await startLocalServer({ app, port: 0 });
const headers = { authorization: `Bearer ${config.staffToken}` };

async function time(pathAndQuery: string) {
  const times: number[] = [];
  let bytes = 0;
  let summary: unknown;
  for (let run = 0; run < RUNS + 1; run++) {
    const start = performance.now();
    const response = await fetch(server.url + pathAndQuery, { headers });
    const text = await response.text();
    if (response.status !== 200) throw new Error(`${pathAndQuery}: ${response.status} ${text}`);
    if (run > 0) times.push(performance.now() - start); // the first run warms up
    bytes = text.length;
    summary = JSON.parse(text);
  }
  return {
    medianMs: round(median(times)),
    minMs: round(Math.min(...times)),
    maxMs: round(Math.max(...times)),
    runs: RUNS,
    responseBytes: bytes,
    summary,
  };
}
const round = (x: number) => Math.round(x * 10) / 10;

const year = await time(`/api/staff/analytics?from=${from}&to=${today}`);
const yearSms = await time(`/api/staff/analytics?from=${from}&to=${today}&channel=sms&lang=ar`);
const month = await time(`/api/staff/analytics?from=${addDays(today, -29)}&to=${today}`);
const clusters = await time('/api/staff/gaps/clusters?days=30');
const totals = (year.summary as { totals: Record<string, unknown> }).totals;
const clusterReport = clusters.summary as { questionCount: number; clusters: unknown[] };

const result = {
  date: new Date().toISOString(),
  node: process.version,
  store: 'dynalite 4.0.0 (in memory) via @aws-sdk/lib-dynamodb, HTTP on the local server',
  generated: {
    days: DAYS,
    turns,
    counterItemsAdded: counterItems,
    gapQuestions,
    writeSeconds: round(writeMs / 1000),
  },
  queries: {
    analyticsFullYear: { ...year, summary: undefined },
    analyticsFullYearSmsArabic: { ...yearSms, summary: undefined },
    analyticsLast30Days: { ...month, summary: undefined },
    gapClusters30Days: {
      ...clusters,
      summary: undefined,
      questions: clusterReport.questionCount,
      clusters: clusterReport.clusters.length,
    },
  },
  fullYearTotals: {
    questions: totals.questions,
    containment: totals.containment,
    escalationRate: totals.escalationRate,
    timeToFirstReply: totals.timeToFirstReply,
  },
  targetMs: 1000,
};
await mkdir('bench/results', { recursive: true });
await writeFile('bench/results/analytics-bench.json', JSON.stringify(result, null, 2) + '\n');
console.log(JSON.stringify(result, null, 2));
await server.close();
client.destroy();
await dynamo.close();
