/**
 * The dashboard's numbers equal a recount from the tables. Many turns (three channels, two
 * languages, retried deliveries inside and beyond the history window, feedback given and
 * changed, tickets answered and closed) go through the real app on dynalite. Then:
 *  - every answered turn cost at most 2 DynamoDB calls (one query, one conditional put);
 *  - the in-process aggregator's report equals a recount from the turns and tickets tables;
 *  - the stream consumer, fed the stream records of the same writes — with batches delivered
 *    twice, and batches that fail half-written and are bisected into halves, each delivered
 *    twice — reports the same numbers into its own stats table.
 */
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoStatsStore } from '#adapters/stats/dynamo-stats-store.ts';
import { StreamAggregator } from '#adapters/stats/stream-aggregator.ts';
import { MemoryLogger } from '#adapters/log/json-logger.ts';
import { AnalyticsService } from '#core/analytics/analytics-service.ts';
import type { AnalyticsReport } from '#core/analytics/analytics-report.ts';
import type { Ticket, Turn } from '#core/ports.ts';
import type { Channel } from '#core/types.ts';
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
const CHANNELS: Channel[] = ['web', 'sms', 'alexa'];

let dynamo: TestDynamo;
let app: TestApp;
let recorder: StreamRecorder;
let tables: Awaited<ReturnType<TestDynamo['freshTables']>>;
/** Store calls of each first delivery, by reply kind. */
const callsByKind = new Map<string, number[]>();
const duplicateCalls: number[] = [];
let oldDuplicate: { duplicate: boolean; calls: number } | undefined;

async function ask(sessionId: string, messageId: string, text: string, channel: Channel) {
  recorder.resetCalls();
  const handled = await app.conversation.handle({ sessionId, messageId, text, channel });
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
  app = await createTestApp({ dynamo: appClient, tables });

  let q = 0;
  const answered: { sessionId: string; messageId: string }[] = [];
  for (let s = 0; s < 24; s++) {
    const sessionId = `recount-${s}`;
    const channel = CHANNELS[s % CHANNELS.length]!;
    const turns = s === 0 ? 11 : 1 + (s % 5);
    for (let t = 0; t < turns; t++) {
      const messageId = `m-${t}`;
      const text = QUESTIONS[q++ % QUESTIONS.length]!;
      const { handled, calls } = await ask(sessionId, messageId, text, channel);
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
  // Staff: claim and answer some tickets, close some of those.
  const page = await app.tickets.list({}, { limit: 100 });
  for (const [i, ticket] of page.items.entries()) {
    if (i % 2 === 1) continue;
    await app.tickets.claim(ticket.ref, 'Huda');
    await app.tickets.reply(ticket.ref, 'Huda', 'We are on it.');
    if (i % 4 === 0) await app.tickets.close(ticket.ref, 'Huda');
  }
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
  const tickets = await scan<Ticket>(tables.tickets);
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
  return {
    days,
    turns,
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
      ticketsClosed: tickets.filter((t) => t.status === 'closed').length,
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

  it('reports the same from the stream, with redelivered, failed and bisected batches', async () => {
    const expected = await recount();
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
    }).report({ from: expected.days[0], to: expected.days.at(-1) });

    expect(redelivered).toBeGreaterThan(2);
    expect(bisected).toBeGreaterThan(0);
    expect(reported(report)).toEqual({ totals: expected.totals, articles: expected.articles });
  });
});
