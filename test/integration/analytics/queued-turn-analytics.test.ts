/**
 * Turns queued while the store was down count in the analytics once they are written, and open
 * a conversation exactly when they are the session's first stored turn — as a recount of the
 * turns table says; a queued turn the session went past while it waited leaves the
 * conversation's duration as the recount has it. The real app on dynalite through the real AWS SDK; the outage is the store
 * refusing calls (a throttle injected into the app's client), as DynamoDB does when it sheds load.
 */
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bucketOf, bucketValue } from '#core/analytics/duration-histogram.ts';
import type { Turn } from '#core/ports.ts';
import { localClient, startTestDynamo, type TestDynamo } from '../../helpers/dynalite.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';

let dynamo: TestDynamo;
let app: TestApp;
let tables: Awaited<ReturnType<TestDynamo['freshTables']>>;
/** Commands the store refuses right now (e.g. QueryCommand, PutItemCommand). */
const refused = new Set<string>();
/** The app's clock: the time now unless a test sets it. */
let fixedNow: number | undefined;
const clock = { now: () => new Date(fixedNow ?? Date.now()) };

beforeAll(async () => {
  dynamo = await startTestDynamo();
  tables = await dynamo.freshTables();
  const client = localClient(dynamo.server.endpoint, { maxAttempts: 1 });
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (refused.has(String(context.commandName))) {
        throw Object.assign(new Error('injected: rate exceeded'), {
          name: 'ProvisionedThroughputExceededException',
        });
      }
      return next(args);
    },
    { step: 'build', name: 'injectOutage' },
  );
  app = await createTestApp({ dynamo: client, tables, clock });
}, 60_000);

afterAll(async () => {
  await dynamo?.close();
});

const ask = (sessionId: string, messageId: string, text: string) =>
  app.conversation.handle({ sessionId, messageId, text, channel: 'web' });

async function storedTurns(): Promise<Turn[]> {
  const page = await dynamo.client.send(
    new ScanCommand({ TableName: tables.turns, ConsistentRead: true }),
  );
  return (page.Items ?? []).map((item) => unmarshall(item) as Turn);
}

/** The report's conversations and questions against a recount of the stored turns. */
async function reportAndRecount() {
  await app.settleAnalytics();
  const turns = await storedTurns();
  const days = [...new Set(turns.map((t) => t.at.slice(0, 10)))].sort();
  const { totals } = await app.analytics.report({ from: days[0], to: days.at(-1) });
  return {
    reported: { conversations: totals.conversations, questions: totals.questions },
    recounted: {
      conversations: new Set(turns.map((t) => t.sessionId)).size,
      questions: turns.length,
    },
    opening: turns.filter((t) => t.firstOfSession).map((t) => `${t.sessionId}/${t.messageId}`),
  };
}

describe('turns queued while the store was down', () => {
  it('open the conversation when the core could not read the history', async () => {
    // Prepare: the session's only message arrives while the store refuses everything, so the
    // core cannot know the message opens a session.
    refused.add('QueryCommand').add('PutItemCommand');
    const handled = await ask('queued-a', 'm-1', 'How do I track my order?');
    refused.clear();

    // Act
    const left = await app.flushQueuedTurns();
    const { reported, recounted, opening } = await reportAndRecount();

    // Assess
    expect(handled.logged).toBe(false);
    expect(left).toBe(0);
    expect(recounted).toEqual({ conversations: 1, questions: 1 });
    expect(reported).toEqual(recounted);
    expect(opening).toEqual(['queued-a/m-1']);
  });

  it('do not open a second conversation when the session went on while they waited', async () => {
    // Prepare: the session's first message is read against an empty history (it opens the
    // session) but its write is refused; the store comes back and the customer writes again
    // before the flush: that turn finds no history either.
    refused.add('PutItemCommand');
    const first = await ask('queued-b', 'm-1', 'I forgot my password');
    refused.clear();
    const second = await ask('queued-b', 'm-2', 'when will my refund arrive');

    // Act
    const left = await app.flushQueuedTurns();
    const { reported, recounted, opening } = await reportAndRecount();

    // Assess: two sessions so far (this one and the one above), each counted once
    expect([first.logged, second.logged]).toEqual([false, true]);
    expect(left).toBe(0);
    expect(recounted).toEqual({ conversations: 2, questions: 3 });
    expect(reported).toEqual(recounted);
    expect(opening.filter((key) => key.startsWith('queued-b/'))).toHaveLength(1);
  });

  it('leave the conversation duration as the recount has it when the session went past them', async () => {
    // Prepare: on a day of its own, the second of three messages is refused (queued) and the
    // third is answered before the flush, from a history without the second.
    fixedNow = Date.parse('2026-04-01T09:00:00.000Z');
    await ask('queued-c', 'm-1', 'how do I track my order?');
    fixedNow += 100_000;
    refused.add('PutItemCommand');
    const second = await ask('queued-c', 'm-2', 'I forgot my password');
    refused.clear();
    fixedNow += 600_000;
    await ask('queued-c', 'm-3', 'when will my refund arrive');

    // Act
    const left = await app.flushQueuedTurns();
    await app.settleAnalytics();
    const { desk } = await app.analytics.report({ from: '2026-04-01', to: '2026-04-01' });
    const turns = (await storedTurns()).filter((t) => t.sessionId === 'queued-c');
    fixedNow = undefined;

    // Assess: one conversation of 700 s (first to last turn), the queued turn moving nothing
    const times = turns.map((t) => Date.parse(t.at));
    const seconds = (Math.max(...times) - Math.min(...times)) / 1000;
    expect(second.logged).toBe(false);
    expect(left).toBe(0);
    expect(turns).toHaveLength(3);
    expect(seconds).toBe(700);
    expect(desk.conversationDuration.total).toEqual({
      count: 1,
      medianSeconds: Math.round(bucketValue(bucketOf(seconds))),
      p90Seconds: Math.round(bucketValue(bucketOf(seconds))),
    });
  });
});
