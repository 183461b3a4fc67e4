/**
 * In AWS the learning signals come from the turns and tickets tables' streams (the stats
 * aggregator), locally from the in-process aggregator: the same conversation must leave the
 * same signals either way, and a redelivered stream batch must change nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoSuggestionStore } from '#adapters/dynamodb/dynamo-suggestion-store.ts';
import { MemoryLogger } from '#adapters/log/json-logger.ts';
import { DynamoStatsStore } from '#adapters/stats/dynamo-stats-store.ts';
import { StreamAggregator } from '#adapters/stats/stream-aggregator.ts';
import type { LearningSignal } from '#core/learning/learning-signal.ts';
import { localClient, startTestDynamo, type TestDynamo } from '../../helpers/dynalite.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';
import { batchOf, StreamRecorder } from '../analytics/stream-recorder.ts';

const CLARIFY_BAND = {
  MUJIB_THRESHOLD_ANSWER: '1',
  MUJIB_THRESHOLD_CLARIFY: '0.0001',
  MUJIB_THRESHOLD_CLARIFY_MARGIN: '1',
};

let dynamo: TestDynamo;
let app: TestApp;
let recorder: StreamRecorder;
let tables: Awaited<ReturnType<TestDynamo['freshTables']>>;

beforeAll(async () => {
  dynamo = await startTestDynamo();
  tables = await dynamo.freshTables();
  const appClient = localClient(dynamo.server.endpoint);
  recorder = new StreamRecorder(dynamo.client, [
    { table: tables.turns, keys: ['sessionId', 'messageId'] },
    { table: tables.tickets, keys: ['ref'] },
  ]);
  recorder.attach(appClient);
  app = await createTestApp({ dynamo: appClient, tables, env: CLARIFY_BAND });
});
afterAll(async () => {
  await dynamo?.close();
});

const byId = (signals: LearningSignal[]) => [...signals].sort((a, b) => a.id.localeCompare(b.id));

describe('learning signals from the stream', () => {
  it('match the in-process ones and survive redelivery', async () => {
    // Prepare: a pick, a thumbs down on it, and an escalated ticket marked "answered by".
    const say = (sessionId: string, messageId: string, text: string) =>
      app.conversation.handle({ sessionId, messageId, text, channel: 'web' });
    const asked = await say('s1', 'm1', 'locked out of my account password');
    expect(asked.reply.kind).toBe('clarify');
    expect((await say('s1', 'm2', '2')).reply.kind).toBe('answer');
    await app.conversation.giveFeedback('s1', 'm2', 'down');
    await say('s2', 'm1', 'password');
    await say('s2', 'm2', 'my password');
    const escalated = await say('s2', 'm3', 'password reset link never came');
    expect(escalated.reply.kind).toBe('escalate');
    const ref = (escalated.reply as { ticketRef: string }).ticketRef;
    const ticket = await app.tickets.get(ref);
    await app.tickets.answeredBy(ref, 'Huda', ticket.candidates[0]!.articleId);
    await app.settleAnalytics();
    const appStore = new DynamoSuggestionStore({ client: dynamo.client, tableName: tables.stats });
    const inProcess = byId(await appStore.signals('en'));

    // Act: the recorded stream through the aggregator, every batch delivered twice.
    const { stats } = await dynamo.freshTables();
    const learning = new DynamoSuggestionStore({ client: dynamo.client, tableName: stats });
    const aggregator = new StreamAggregator({
      stats: new DynamoStatsStore({ client: dynamo.client, tableName: stats }),
      logger: new MemoryLogger(),
      learning,
    });
    for (const shard of recorder.shards.values()) {
      for (let i = 0; i < shard.records.length; i += 3) {
        const batch = batchOf(shard, shard.records.slice(i, i + 3));
        await aggregator.process(batch);
        await aggregator.process(batch);
      }
    }

    // Assess
    expect(inProcess.map((s) => s.kind).sort()).toEqual(['answered-by', 'picked', 'thumbs-down']);
    expect(byId(await learning.signals('en'))).toEqual(inProcess);
  });
});
