/**
 * Scratch: a year of desk counters (tickets per queue and agent with first responses, closes,
 * CSAT; conversations with durations and start pages) written through DynamoStatsStore into
 * dynalite, then the dashboard API and CSV exports timed over HTTP (median of runs).
 */
import { loadConfig } from '#app/config.ts';
import { createApp } from '#app/create-app.ts';
import { addDays, dayOf } from '#core/analytics/days.ts';
import { sessionUpdates } from '#core/analytics/session-counters.ts';
import { ticketDeskUpdates } from '#core/analytics/ticket-counters.ts';
import { mergeUpdates, type CounterUpdate } from '#core/analytics/stats-store.ts';
import type { Ticket, Turn } from '#core/ports.ts';
import type { Channel, Lang } from '#core/types.ts';
import { createDynamoClient } from '#adapters/dynamodb/dynamo-client.ts';
import { ensureTables } from '#adapters/dynamodb/ensure-tables.ts';
import { DynamoStatsStore } from '#adapters/stats/dynamo-stats-store.ts';
import { startLocalDynamo } from '../../../functions/local/dynalite.ts';
import { startLocalServer } from '../../../functions/local/server.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const DAYS = Number(process.env.DAYS ?? 365);
const TICKETS = 180;
const SESSIONS = 900;
const RUNS = 5;
let seed = 7;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
};
const any = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
const QUEUES = ['account', 'payments', 'returns', 'general-en', 'general-ar'];
const AGENTS = Array.from({ length: 12 }, (_, i) => `Agent ${i + 1}`);
const PAGES = Array.from({ length: 200 }, (_, i) => `/products/item-${i}`);
const iso = (ms: number) => new Date(ms).toISOString();

function day(d: string): CounterUpdate[] {
  const updates: CounterUpdate[] = [];
  const base = Date.parse(`${d}T00:00:00Z`);
  for (let i = 0; i < TICKETS; i++) {
    const channel = any<Channel>(['web', 'sms', 'whatsapp', 'alexa']);
    const lang = any<Lang>(['en', 'ar']);
    const created = base + random() * 86_400_000;
    const agent = any(AGENTS);
    const open: Ticket = {
      ref: `MJ-${d}-${i}`, sourceKey: `k${i}`, status: 'open', question: 'q', lang, channel,
      sessionId: `s${i}`, customerKey: 'c', reason: 'no-match',
      transcript: [{ at: iso(created), from: 'customer', text: 'q' }], candidates: [], contact: {},
      createdAt: iso(created), updatedAt: iso(created), replies: [], version: 1, queue: any(QUEUES),
    };
    const replyAt = created + 60_000 * Math.exp(random() * 7);
    const answered: Ticket = { ...open, status: 'answered', claimedBy: agent, version: 2,
      replies: [{ at: iso(replyAt), by: agent, text: 'ok', delivery: 'sent' }] };
    const closedAt = replyAt + 3_600_000 * random();
    const closed: Ticket = { ...answered, status: 'closed', closedAt: iso(closedAt), version: 3 };
    const rated: Ticket = random() < 0.4
      ? { ...closed, version: 4, csat: { rating: (1 + Math.floor(random() * 5)) as 1, at: iso(closedAt + 600_000), channel } }
      : closed;
    updates.push(...ticketDeskUpdates(undefined, open), ...ticketDeskUpdates(open, answered),
      ...ticketDeskUpdates(answered, closed), ...ticketDeskUpdates(closed, rated));
  }
  for (let s = 0; s < SESSIONS; s++) {
    const start = base + random() * 86_400_000;
    const lang = any<Lang>(['en', 'ar']);
    const first: Turn = { sessionId: `${d}-${s}`, messageId: 'm0', at: iso(start), channel: 'web', lang,
      text: 'q', outcome: 'answer', reply: '', firstOfSession: true, startPage: any(PAGES),
      session: { startedAt: iso(start), lang } };
    const last: Turn = { ...first, messageId: 'm1', at: iso(start + random() * 900_000), firstOfSession: false,
      session: { startedAt: iso(start), lang, previousAt: iso(start) } };
    updates.push(...sessionUpdates(first), ...sessionUpdates(last));
  }
  return mergeUpdates(updates);
}

const dynamo = await startLocalDynamo({ port: 0 });
const client = createDynamoClient({ endpoint: dynamo.endpoint, region: 'local',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, requestTimeoutMs: 30_000, connectionTimeoutMs: 30_000 });
const config = loadConfig({ MUJIB_MODE: 'local', MUJIB_LOG_LEVEL: 'error' });
await ensureTables(client, config.tables);
const store = new DynamoStatsStore({ client, tableName: config.tables.stats });
const today = dayOf(new Date());
const from = addDays(today, -(DAYS - 1));
const t0 = performance.now();
let applied = 0;
for (let i = 0; i < DAYS; i += 1) {
  applied += (await store.increment(day(addDays(from, i)))).applied;
  if (i % 60 === 0) process.stderr.write(`  ${i} days\n`);
}
const writeS = (performance.now() - t0) / 1000;
const app = createApp(config, { dynamo: client, knowledge: { current: () => Promise.reject(new Error('no')) } });
const server = await startLocalServer({ app, port: 0 });
const headers = { authorization: `Bearer ${config.staffToken}` };
async function time(q: string) {
  const times: number[] = [];
  let bytes = 0;
  for (let r = 0; r <= RUNS; r++) {
    const s = performance.now();
    const res = await fetch(server.url + q, { headers });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`${q} ${res.status} ${text}`);
    if (r > 0) times.push(performance.now() - s);
    bytes = text.length;
  }
  times.sort((a, b) => a - b);
  return { medianMs: Math.round(times[Math.floor(times.length / 2)]!), bytes };
}
const out = {
  days: DAYS, ticketsPerDay: TICKETS, sessionsPerDay: SESSIONS, counterItemsWritten: applied, writeSeconds: Math.round(writeS),
  yearByDay: await time(`/api/staff/analytics?from=${from}&to=${today}`),
  yearByWeek: await time(`/api/staff/analytics?from=${from}&to=${today}&period=week`),
  yearByMonth: await time(`/api/staff/analytics?from=${from}&to=${today}&period=month`),
  yearQueue: await time(`/api/staff/analytics?from=${from}&to=${today}&queue=returns`),
  last30: await time(`/api/staff/analytics?from=${addDays(today, -29)}&to=${today}`),
  csvAgentActivityYearByDay: await time(`/api/staff/analytics.csv?report=agent-activity&from=${from}&to=${today}`),
  csvStartPagesYearByWeek: await time(`/api/staff/analytics.csv?report=start-pages&from=${from}&to=${today}&period=week`),
};
console.log(JSON.stringify(out, null, 2));
await server.close();
client.destroy();
await dynamo.close();
