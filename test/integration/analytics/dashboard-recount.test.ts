/**
 * The dashboard's numbers equal a recount from the tables. Many turns (every channel, two
 * languages, web chats from several pages, retried deliveries inside and beyond the history
 * window, feedback given and changed) and a desk's work over three days (agents claiming,
 * answering fast and late, closing with and without a reply, reopening, customers rating) go
 * through the real app on dynalite with a clock that moves. Then:
 *  - every answered turn cost at most 2 DynamoDB calls (one query, one conditional put);
 *  - the in-process aggregator's report equals a recount from the turns and tickets tables:
 *    the traffic, and the desk — first response per queue and agent (count, median, p90 from
 *    the same buckets), agent activity, CSAT, abandonment per queue, per-day series,
 *    conversation duration (last turn − first turn of each session) and start pages;
 *  - the stream consumer, fed the stream records of the same writes — with batches delivered
 *    twice, and batches that fail half-written and are bisected into halves, each delivered
 *    twice — reports the same numbers into its own stats table.
 */
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ticketFromItem } from '#adapters/dynamodb/ticket-item.ts';
import { DynamoStatsStore } from '#adapters/stats/dynamo-stats-store.ts';
import { StreamAggregator } from '#adapters/stats/stream-aggregator.ts';
import { MemoryLogger } from '#adapters/log/json-logger.ts';
import { AnalyticsService } from '#core/analytics/analytics-service.ts';
import type { AnalyticsReport } from '#core/analytics/analytics-report.ts';
import { dayOf } from '#core/analytics/days.ts';
import { bucketOf, percentile } from '#core/analytics/duration-histogram.ts';
import type { Ticket, Turn } from '#core/ports.ts';
import { sessionCustomerKey } from '#core/tickets/customer-key.ts';
import { CHANNELS, type Channel } from '#core/types.ts';
import { localClient, startTestDynamo, type TestDynamo } from '../../helpers/dynalite.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';
import { batchOf, StreamRecorder } from './stream-recorder.ts';

const QUESTIONS = [
  'How do I track my order?',
  'I forgot my password',
  'when will my refund arrive',
  'hello',
  'كيف أتتبع طلبي',
  'نسيت كلمة المرور',
  'is there a telescope in stock',
  'can I pay cash on delivery',
  '???',
  'thanks',
  'I want to talk to a person',
  'my parcel arrived damaged',
];
const PAGES = ['/', '/products/tea', '/ar/%D8%B4%D8%A7%D9%8A', '/help,faq?"', '/checkout'];
const AGENTS = ['Huda', 'Omar', '=Smith, "Jo"'];
/** The web chat's and every other channel's abandonment windows (the documented definition). */
const WAIT = { web: 30 * 60, other: 24 * 3_600 };

/** A clock the test moves: minutes between messages, hours and days between the desk's work. */
let now = Date.parse('2026-03-02T08:00:00.000Z');
const clock = { now: () => new Date(now) };
const advance = (seconds: number) => {
  now += seconds * 1000;
};
/** Closed tickets reopened (and closed again): the traffic counts each close. */
let reopenedClosed = 0;

let dynamo: TestDynamo;
let app: TestApp;
let recorder: StreamRecorder;
let tables: Awaited<ReturnType<TestDynamo['freshTables']>>;
/** Store calls of each first delivery, by reply kind. */
const callsByKind = new Map<string, number[]>();
const duplicateCalls: number[] = [];
let oldDuplicate: { duplicate: boolean; calls: number } | undefined;

async function ask(
  sessionId: string,
  messageId: string,
  text: string,
  channel: Channel,
  startPage?: string,
) {
  recorder.resetCalls();
  const handled = await app.conversation.handle({
    sessionId,
    messageId,
    text,
    channel,
    ...(startPage ? { startPage } : {}),
  });
  return { handled, calls: recorder.callsExcept(tables.stats) };
}

beforeAll(async () => {
  dynamo = await startTestDynamo();
  tables = await dynamo.freshTables();
  const appClient = localClient(dynamo.server.endpoint);
  recorder = new StreamRecorder(dynamo.client, [
    { table: tables.turns, keys: ['sessionId', 'messageId'] },
    { table: tables.tickets, keys: ['ref'] },
  ]);
  recorder.attach(appClient);
  app = await createTestApp({ dynamo: appClient, tables, clock });

  let q = 0;
  const answered: { sessionId: string; messageId: string }[] = [];
  for (let s = 0; s < 28; s++) {
    const sessionId = `recount-${s}`;
    const channel = CHANNELS[s % CHANNELS.length]!;
    const turns = s === 0 ? 11 : 1 + (s % 5);
    // Web chats name the page they started on (the widget sends it with every message).
    const page = channel === 'web' ? PAGES[s % PAGES.length]!.replace(/[?"]/g, '') : undefined;
    for (let t = 0; t < turns; t++) {
      const messageId = `m-${t}`;
      const text = QUESTIONS[q++ % QUESTIONS.length]!;
      advance(5 + ((q * 37) % 240));
      const { handled, calls } = await ask(sessionId, messageId, text, channel, page);
      callsByKind.set(handled.reply.kind, [...(callsByKind.get(handled.reply.kind) ?? []), calls]);
      if (handled.reply.kind === 'answer') answered.push({ sessionId, messageId });
      if (t % 3 === 1) {
        const again = await ask(sessionId, messageId, text, channel); // a retried delivery
        expect(again.handled.duplicate).toBe(true);
        duplicateCalls.push(again.calls);
      }
    }
  }
  // A retry of a message older than the history window: the conditional put catches it.
  const old = await ask('recount-0', 'm-0', QUESTIONS[0]!, 'web');
  oldDuplicate = { duplicate: old.handled.duplicate, calls: old.calls };

  // Feedback: given, repeated, changed.
  for (const [i, turn] of answered.entries()) {
    if (i % 2 === 0) await app.conversation.giveFeedback(turn.sessionId, turn.messageId, 'up');
    if (i % 4 === 0) await app.conversation.giveFeedback(turn.sessionId, turn.messageId, 'up');
    if (i % 3 === 0) await app.conversation.giveFeedback(turn.sessionId, turn.messageId, 'down');
  }
  // The desk, over three days: answered fast or late, closed with and without a reply, reopened
  // and closed again by another agent, rated; some tickets left waiting.
  const { items } = await app.tickets.list({}, { limit: 100 });
  const tickets = items.sort((a, b) => (a.ref < b.ref ? -1 : 1));
  for (const [i, ticket] of tickets.entries()) {
    const agent = AGENTS[i % AGENTS.length]!;
    advance(60 + ((i * 97) % 1_500));
    if (i % 5 === 4) continue; // left waiting
    if (i % 5 === 2) {
      await app.tickets.close(ticket.ref, agent); // closed without a reply
      continue;
    }
    await app.tickets.claim(ticket.ref, agent);
    await app.tickets.reply(ticket.ref, agent, 'We are on it.');
    if (i % 5 !== 3) await app.tickets.close(ticket.ref, agent);
  }
  advance(26 * 3_600); // the next day and more: late replies, reopened tickets
  for (const [i, ticket] of tickets.entries()) {
    const agent = AGENTS[(i + 1) % AGENTS.length]!;
    advance(30 + ((i * 53) % 600));
    if (i % 5 === 3) {
      await app.tickets.reply(ticket.ref, agent, 'A follow-up.');
      await app.tickets.close(ticket.ref, agent);
    }
    if (i % 10 === 0) {
      await app.tickets.reopen(ticket.ref, agent);
      reopenedClosed++;
      await app.tickets.claim(ticket.ref, agent);
      await app.tickets.reply(ticket.ref, agent, 'Reopened: here is more.');
      await app.tickets.close(ticket.ref, agent);
    }
  }
  advance(20 * 3_600);
  for (const [i, ticket] of tickets.entries()) {
    const current = await app.tickets.get(ticket.ref);
    if (current.status !== 'closed' || i % 4 === 3) continue;
    advance(40);
    const key = sessionCustomerKey(current.channel, current.sessionId);
    await app.csat.rate(current.ref, key, 1 + ((i * 3) % 5));
  }
  // Omar has the desk open now (a heartbeat keeps him on shift for a few minutes).
  await app.support.heartbeat('Omar', [app.support.config.queues[0]!.id]);
  await app.settleAnalytics();
}, 120_000);

afterAll(async () => {
  await dynamo?.close();
});

async function scan<T>(table: string): Promise<T[]> {
  const items: T[] = [];
  let start: Record<string, never> | undefined;
  do {
    const page = await dynamo.client.send(
      new ScanCommand({ TableName: table, ConsistentRead: true, ExclusiveStartKey: start }),
    );
    items.push(...(page.Items ?? []).map((i) => unmarshall(i) as T));
    start = page.LastEvaluatedKey as typeof start;
  } while (start);
  return items;
}

/** The report's numbers, recounted from the turns and tickets themselves. */
async function recount() {
  const turns = await scan<Turn>(tables.turns);
  const tickets = (await scan<Record<string, unknown>>(tables.tickets)).map(ticketFromItem);
  const of = (outcome: string) => turns.filter((t) => t.outcome === outcome).length;
  const questions = turns.filter((t) => ['answer', 'clarify', 'escalate'].includes(t.outcome));
  const answers = turns.filter((t) => t.outcome === 'answer' && typeof t.confidence === 'number');
  const milli = answers.reduce((n, t) => n + Math.round(t.confidence! * 1000), 0);
  const articles = new Map<string, { answers: number; up: number; down: number }>();
  for (const t of turns.filter((x) => x.articleId)) {
    const key = `${t.lang}|${t.articleId}`;
    const row = articles.get(key) ?? { answers: 0, up: 0, down: 0 };
    if (t.outcome === 'answer') row.answers++;
    if (t.feedback) row[t.feedback]++;
    articles.set(key, row);
  }
  const days = [...new Set(turns.map((t) => t.at.slice(0, 10)))].sort();
  days.push(dayOf(clock.now())); // the desk worked on until now
  return {
    days,
    turns,
    tickets,
    totals: {
      conversations: new Set(turns.map((t) => t.sessionId)).size,
      questions: questions.length,
      answered: of('answer'),
      clarified: of('clarify'),
      escalated: of('escalate'),
      smalltalk: of('smalltalk'),
      empty: of('empty'),
      up: turns.filter((t) => t.feedback === 'up').length,
      down: turns.filter((t) => t.feedback === 'down').length,
      ticketsOpened: tickets.length,
      ticketsAnswered: tickets.filter((t) => t.replies.length > 0).length,
      // Closes: every closed ticket, plus the earlier close of each one reopened and closed again.
      ticketsClosed: tickets.filter((t) => t.status === 'closed').length + reopenedClosed,
      averageConfidence: answers.length
        ? Math.round((milli / 1000 / answers.length) * 10_000) / 10_000
        : null,
      questionsByChannel: Object.fromEntries(
        CHANNELS.map((c) => [c, questions.filter((t) => t.channel === c).length]),
      ),
      questionsByLang: {
        en: questions.filter((t) => t.lang === 'en').length,
        ar: questions.filter((t) => t.lang === 'ar').length,
      },
    },
    articles: [...articles]
      .filter(([, row]) => row.answers > 0 || row.up > 0 || row.down > 0)
      .map(([key, row]) => ({ key, ...row }))
      .sort((a, b) => (a.key < b.key ? -1 : 1)),
  };
}

/** Count, median and p90 of durations, from the same log buckets the counters keep. */
function summary(seconds: number[]) {
  const histogram = new Map<number, number>();
  for (const s of seconds) histogram.set(bucketOf(s), (histogram.get(bucketOf(s)) ?? 0) + 1);
  return {
    count: seconds.length,
    medianSeconds: percentile(histogram, 0.5),
    p90Seconds: percentile(histogram, 0.9),
  };
}

/** The same and the exact mean (the counters add up milliseconds). */
function firstResponses(seconds: number[]) {
  const ms = seconds.reduce((total, s) => total + Math.round(s * 1000), 0);
  return {
    ...summary(seconds),
    meanSeconds: seconds.length > 0 ? ms / seconds.length / 1000 : null,
  };
}

function csat(ratings: number[]) {
  const n = ratings.length;
  const round = (x: number) => Math.round(x * 10_000) / 10_000;
  return {
    ratings: n,
    average: n ? round(ratings.reduce((a, b) => a + b, 0) / n) : null,
    satisfiedShare: n ? round(ratings.filter((r) => r >= 4).length / n) : null,
  };
}

function groupBy<T>(items: T[], key: (item: T) => string | undefined): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k !== undefined) groups.set(k, [...(groups.get(k) ?? []), item]);
  }
  return new Map([...groups].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/**
 * The desk's numbers recounted from the tickets and turns, by the definitions the dashboard
 * documents (core/analytics/ticket-counters.ts, session-counters.ts), written out again here.
 */
async function deskRecount() {
  const { turns, tickets, days } = await recount();
  const defaults = app.support.config.defaultQueue;
  const queueOf = (t: Ticket) => t.queue ?? defaults[t.lang];
  const seconds = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 1000;
  const answered = tickets.filter((t) => t.replies.length > 0);
  const wait = (t: Ticket) => Math.max(0, seconds(t.createdAt, t.replies[0]!.at));
  const rated = tickets.filter((t) => t.csat);
  const ratedBy = (t: Ticket) =>
    t.replies.filter((r) => r.at <= t.csat!.at).at(-1)?.by ?? t.claimedBy;
  const closed = tickets.filter((t) => t.status === 'closed');
  const closer = (t: Ticket) => t.claimedBy ?? t.replies.at(-1)?.by;
  const abandoned = (t: Ticket) => {
    const first = t.replies[0];
    if (!first) return true;
    const lastMessage = [
      t.createdAt,
      ...t.transcript.filter((e) => e.from === 'customer' && e.at <= first.at).map((e) => e.at),
    ]
      .sort()
      .at(-1)!;
    return seconds(lastMessage, first.at) > (t.channel === 'web' ? WAIT.web : WAIT.other);
  };
  const abandonment = (ts: Ticket[]) => {
    const n = ts.filter(abandoned).length;
    return {
      closed: ts.length,
      abandoned: n,
      rate: ts.length ? Math.round((n / ts.length) * 10_000) / 10_000 : null,
    };
  };

  // Agents: replies, distinct tickets replied per day, closes, and distinct tickets handled.
  const agents = new Map<
    string,
    { replies: number; replied: Set<string>; closes: number; handled: Set<string> }
  >();
  const agent = (name: string) => {
    if (!agents.has(name))
      agents.set(name, { replies: 0, replied: new Set(), closes: 0, handled: new Set() });
    return agents.get(name)!;
  };
  for (const t of tickets) {
    for (const r of t.replies) {
      const a = agent(r.by);
      a.replies++;
      a.replied.add(`${t.ref}|${dayOf(r.at)}`);
      a.handled.add(`${t.ref}|${dayOf(r.at)}`);
    }
    const by = t.status === 'closed' ? closer(t) : undefined;
    if (by) {
      agent(by).closes++;
      agent(by).handled.add(`${t.ref}|${dayOf(t.closedAt!)}`);
    }
  }

  const sessions = groupBy(turns, (t) => t.sessionId);
  const durations = [...sessions.values()].map((ts) => {
    const times = ts.map((t) => Date.parse(t.at));
    return (Math.max(...times) - Math.min(...times)) / 1000;
  });
  const starts = groupBy(
    turns.filter((t) => t.firstOfSession && t.startPage),
    (t) => t.startPage,
  );
  const daysOf = (dates: string[]) =>
    [...groupBy(dates, (d) => dayOf(d))].map(([day, ds]) => [day, ds.length]);
  return {
    days,
    desk: {
      firstResponse: {
        total: firstResponses(answered.map(wait)),
        byQueue: [...groupBy(answered, queueOf)].map(([queue, ts]) => ({
          queue,
          ...firstResponses(ts.map(wait)),
        })),
        byAgent: [...groupBy(answered, (t) => t.replies[0]!.by)].map(([agent, ts]) => ({
          agent,
          ...firstResponses(ts.map(wait)),
        })),
        perDay: daysOf(answered.map((t) => t.replies[0]!.at)),
      },
      agents: [...agents]
        .map(([name, a]) => ({
          agent: name,
          handled: a.handled.size,
          ticketsReplied: a.replied.size,
          replies: a.replies,
          closes: a.closes,
        }))
        .sort((a, b) => (a.agent < b.agent ? -1 : 1)),
      csat: {
        total: csat(rated.map((t) => t.csat!.rating)),
        byQueue: [...groupBy(rated, queueOf)].map(([queue, ts]) => ({
          queue,
          ...csat(ts.map((t) => t.csat!.rating)),
        })),
        byAgent: [...groupBy(rated, ratedBy)].map(([agent, ts]) => ({
          agent,
          ...csat(ts.map((t) => t.csat!.rating)),
        })),
        perDay: daysOf(rated.map((t) => t.csat!.at)),
      },
      abandonment: {
        total: abandonment(closed),
        byQueue: [...groupBy(closed, queueOf)].map(([queue, ts]) => ({
          queue,
          ...abandonment(ts),
        })),
        perDay: daysOf(closed.map((t) => t.closedAt!)),
      },
      conversationDuration: summary(durations),
      startPages: [...starts].map(([page, ts]) => ({ page, conversations: ts.length })),
    },
  };
}

/** The desk's numbers as the report gives them, in the recount's shape. */
function deskReported(report: AnalyticsReport) {
  const { desk } = report;
  const pick = <T extends object>(rows: T[], keys: (keyof T)[]) =>
    rows.map((row) => Object.fromEntries(keys.map((k) => [k, row[k]])));
  const perDay = (series: { period: string }[], count: (p: never) => number) =>
    series.map((p) => [p.period, count(p as never)]).filter(([, n]) => n !== 0);
  const csatKeys = ['ratings', 'average', 'satisfiedShare'] as const;
  return {
    firstResponse: {
      total: desk.firstResponse.total,
      byQueue: pick(desk.firstResponse.byQueue, [
        'queue',
        'count',
        'medianSeconds',
        'p90Seconds',
        'meanSeconds',
      ]),
      byAgent: desk.firstResponse.byAgent,
      perDay: perDay(desk.firstResponse.series, (p: { count: number }) => p.count),
    },
    agents: pick(
      desk.agents.rows.filter((a) => a.handled > 0),
      ['agent', 'handled', 'ticketsReplied', 'replies', 'closes'],
    ).sort((a, b) => (String(a.agent) < String(b.agent) ? -1 : 1)),
    csat: {
      total: pick([desk.csat.total], [...csatKeys])[0],
      byQueue: pick(desk.csat.byQueue, ['queue', ...csatKeys]),
      byAgent: pick(desk.csat.byAgent, ['agent', ...csatKeys]),
      perDay: perDay(desk.csat.series, (p: { ratings: number }) => p.ratings),
    },
    abandonment: {
      total: desk.abandonment.total,
      byQueue: pick(desk.abandonment.byQueue, ['queue', 'closed', 'abandoned', 'rate']),
      perDay: perDay(desk.abandonment.series, (p: { closed: number }) => p.closed),
    },
    conversationDuration: desk.conversationDuration.total,
    startPages: [...desk.startPages.rows].sort((a, b) => (a.page < b.page ? -1 : 1)),
  };
}

function reported(report: AnalyticsReport) {
  const { totals } = report;
  return {
    totals: {
      conversations: totals.conversations,
      questions: totals.questions,
      answered: totals.answered,
      clarified: totals.clarified,
      escalated: totals.escalated,
      smalltalk: totals.smalltalk,
      empty: totals.empty,
      up: totals.up,
      down: totals.down,
      ticketsOpened: totals.ticketsOpened,
      ticketsAnswered: totals.ticketsAnswered,
      ticketsClosed: totals.ticketsClosed,
      averageConfidence: totals.averageConfidence,
      questionsByChannel: totals.questionsByChannel,
      questionsByLang: totals.questionsByLang,
    },
    articles: report.articles
      .map((a) => ({ key: `${a.lang}|${a.articleId}`, answers: a.answers, up: a.up, down: a.down }))
      .sort((a, b) => (a.key < b.key ? -1 : 1)),
  };
}

describe('analytics from events', () => {
  it('costs at most one query and one conditional write per answered turn', () => {
    const firstDeliveries = [...callsByKind.values()].flat();
    expect(callsByKind.get('answer')?.length).toBeGreaterThan(10);
    for (const kind of ['answer', 'clarify', 'smalltalk', 'empty']) {
      for (const calls of callsByKind.get(kind) ?? []) expect(calls, kind).toBeLessThanOrEqual(2);
    }
    expect(firstDeliveries.length).toBeGreaterThan(40);
    // A retry inside the window is answered from the history read (plus, for a hand-off, one
    // read to check its ticket was written); one beyond it from the conditional put.
    for (const calls of duplicateCalls) expect(calls).toBeLessThanOrEqual(2);
    expect(oldDuplicate?.duplicate).toBe(true);
    expect(oldDuplicate?.calls).toBeLessThanOrEqual(3);
  });

  it('reports, in-process, exactly what a recount of the turns and tickets gives', async () => {
    const expected = await recount();
    const report = await app.analytics.report({
      from: expected.days[0],
      to: expected.days.at(-1),
    });

    expect(expected.totals.escalated).toBeGreaterThan(0);
    expect(expected.totals.ticketsClosed).toBeGreaterThan(0);
    expect(expected.totals.down).toBeGreaterThan(0);
    expect(reported(report)).toEqual({ totals: expected.totals, articles: expected.articles });
  });

  it('reports the desk, in-process, exactly as a recount of the tickets and turns gives it', async () => {
    const expected = await deskRecount();
    const report = await app.analytics.report(
      { from: expected.days[0], to: expected.days.at(-1) },
      { queues: app.support.config },
    );
    const { desk } = expected;

    // The scenario has every case the definitions separate.
    expect(desk.firstResponse.byQueue.length).toBeGreaterThan(1);
    expect(desk.firstResponse.byAgent.map((a) => a.agent)).toEqual(AGENTS.slice().sort());
    expect(desk.abandonment.total.abandoned).toBeGreaterThan(0);
    expect(desk.abandonment.total.abandoned).toBeLessThan(desk.abandonment.total.closed);
    expect(desk.csat.total.ratings).toBeGreaterThan(3);
    expect(new Set(desk.abandonment.perDay.map(([day]) => day)).size).toBeGreaterThan(1);
    expect(desk.conversationDuration.count).toBe(28);
    expect(desk.startPages.length).toBeGreaterThan(2);
    expect(reopenedClosed).toBeGreaterThan(0);
    expect(deskReported(report)).toEqual(desk);
    expect(report.desk.agents.onShift?.map((p) => p.staff)).toEqual(['Omar']);
  });

  it('reports the same from the stream, with redelivered, failed and bisected batches', async () => {
    const expected = await recount();
    const expectedDesk = await deskRecount();
    const { stats } = await dynamo.freshTables();
    // The consumer's store goes through a client that fails one write on request (a throttle).
    const client = localClient(dynamo.server.endpoint, { maxAttempts: 1 });
    let failNthUpdate = 0;
    client.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'UpdateItemCommand' && failNthUpdate > 0) {
          if (--failNthUpdate === 0) {
            throw Object.assign(new Error('injected: rate exceeded'), {
              name: 'ProvisionedThroughputExceededException',
            });
          }
        }
        return next(args);
      },
      { step: 'build', name: 'injectFailure' },
    );
    const store = new DynamoStatsStore({ client, tableName: stats });
    const aggregator = new StreamAggregator({ stats: store, logger: new MemoryLogger() });
    const shards = [...recorder.shards.values()];
    let redelivered = 0;
    let bisected = 0;

    for (const shard of shards) {
      for (let i = 0; i < shard.records.length; i += 7) {
        const records = shard.records.slice(i, i + 7);
        const batch = batchOf(shard, records);
        if ((i / 7) % 5 === 1 && records.length > 1) {
          failNthUpdate = 3; // fails after some counter items were written
          await expect(aggregator.process(batch)).rejects.toThrow(/rate exceeded/);
          failNthUpdate = 0;
          // Lambda bisects the failed batch and retries each half; each half is then delivered
          // once more (a retry after a timeout) and must change nothing.
          const half = Math.ceil(records.length / 2);
          for (const part of [records.slice(0, half), records.slice(half)]) {
            await aggregator.process(batchOf(shard, part));
            expect((await aggregator.process(batchOf(shard, part))).applied).toBe(0);
          }
          bisected++;
          continue;
        }
        const first = await aggregator.process(batch);
        if ((i / 7) % 3 === 0) {
          const again = await aggregator.process(batch);
          expect(again.applied).toBe(0);
          expect(again.alreadyApplied).toBe(first.applied + first.alreadyApplied);
          redelivered++;
        }
      }
    }
    const report = await new AnalyticsService({
      stats: store,
      backlog: { read: async () => ({ open: 0, claimed: 0 }) },
      clock: app.clock,
    }).report({ from: expected.days[0], to: expected.days.at(-1) }, { queues: app.support.config });

    expect(redelivered).toBeGreaterThan(2);
    expect(bisected).toBeGreaterThan(0);
    expect(reported(report)).toEqual({ totals: expected.totals, articles: expected.articles });
    expect(deskReported(report)).toEqual(expectedDesk.desk);
  });
});
