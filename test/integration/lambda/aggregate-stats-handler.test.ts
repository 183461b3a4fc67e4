/**
 * The analytics stream consumer (functions/handlers/aggregate-stats.ts) as Lambda invokes it
 * from the turns table's DynamoDB Stream with a tumbling window: records carry the item images
 * in DynamoDB JSON, the event names the shard. Turns written by the real session log to dynalite
 * become stream records; the handler counts each once — also when Lambda delivers the same batch
 * again — and a record that is not a turn is skipped and logged without losing the others.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GetItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoSessionLog } from '#adapters/dynamodb/dynamo-session-log.ts';
import { DynamoStatsStore } from '#adapters/stats/dynamo-stats-store.ts';
import type {
  WindowedStreamEvent,
  WindowedStreamResponse,
} from '#adapters/stats/stream-aggregator.ts';
import type { Turn } from '#core/ports.ts';
import { startTestDynamo, type TestDynamo } from '../../helpers/dynalite.ts';
import { captureLogs, lambdaContext, setLambdaEnv } from '../../helpers/lambda-env.ts';

type Handler = (
  event: WindowedStreamEvent,
  context: ReturnType<typeof lambdaContext>,
) => Promise<WindowedStreamResponse>;

const DAY = '2026-03-01';
const STREAM_ARN =
  'arn:aws:dynamodb:us-east-1:123456789012:table/turns/stream/2026-03-01T00:00:00.000';

let dir: string;
let dynamo: TestDynamo;
let tables: Awaited<ReturnType<TestDynamo['freshTables']>>;
let handler: Handler;
let stats: DynamoStatsStore;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mujib-aggregate-lambda-'));
  dynamo = await startTestDynamo();
  tables = await dynamo.freshTables();
  await setLambdaEnv({
    dir,
    dynamoEndpoint: dynamo.server.endpoint,
    tables,
    extra: { MUJIB_LOG_LEVEL: 'warn' },
  });
  stats = new DynamoStatsStore({ client: dynamo.client, tableName: tables.stats });
  ({ handler } = (await import('../../../functions/handlers/aggregate-stats.ts')) as unknown as {
    handler: Handler;
  });
});

afterAll(async () => {
  await dynamo?.close();
  await rm(dir, { recursive: true, force: true });
});

const turn = (n: number, outcome: Turn['outcome'], extra: Partial<Turn> = {}): Turn => ({
  sessionId: `web:agg-${n}`,
  messageId: `m${n}`,
  at: `${DAY}T10:0${n}:00.000Z`,
  channel: 'web',
  lang: 'en',
  text: 'how do I reset my password',
  outcome,
  reply: 'Open Settings, then Account.',
  firstOfSession: true,
  ...extra,
});

/** Writes the turn with the real session log and returns the stream record of that write. */
async function written(t: Turn, sequence: number): Promise<DynamoDBRecord> {
  const log = new DynamoSessionLog({ client: dynamo.client, tableName: tables.turns });
  await log.recordTurn(t);
  const { Item } = await dynamo.client.send(
    new GetItemCommand({
      TableName: tables.turns,
      Key: { sessionId: { S: t.sessionId }, messageId: { S: t.messageId } },
      ConsistentRead: true,
    }),
  );
  return record(Item!, sequence);
}

function record(image: Record<string, AttributeValue>, sequence: number): DynamoDBRecord {
  return {
    eventID: `e${sequence}`,
    eventName: 'INSERT',
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: 'us-east-1',
    eventSourceARN: STREAM_ARN,
    dynamodb: {
      ApproximateCreationDateTime: 1_772_359_200,
      Keys: { sessionId: image.sessionId, messageId: image.messageId } as never,
      NewImage: image as never,
      SequenceNumber: String(100_000_000_000_000_000_000n + BigInt(sequence)),
      SizeBytes: 300,
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
  };
}

const windowed = (records: DynamoDBRecord[]): WindowedStreamEvent => ({
  Records: records,
  shardId: 'shardId-00000001772359200000-aaaaaaaa',
  eventSourceARN: STREAM_ARN,
  state: {},
  isFinalInvokeForWindow: false,
});

async function dayTotals() {
  const [day] = await stats.dailyCounters('all', DAY, DAY);
  return day?.counts ?? {};
}

describe('the aggregate-stats Lambda', () => {
  it('counts a batch of turn records once, even when Lambda delivers it again', async () => {
    const batch = [
      await written(turn(1, 'answer', { articleId: 'reset-password', confidence: 0.9 }), 1),
      await written(turn(2, 'answer', { articleId: 'reset-password', confidence: 0.8 }), 2),
      await written(turn(3, 'escalate', { confidence: 0.1 }), 3),
    ];

    const first = await handler(windowed(batch), lambdaContext('agg-1'));
    const again = await handler(windowed(batch), lambdaContext('agg-2'));

    expect(first).toEqual({ state: {}, batchItemFailures: [] });
    expect(again).toEqual({ state: {}, batchItemFailures: [] });
    const totals = await dayTotals();
    expect(totals.turns).toBe(3);
    expect(totals.answered).toBe(2);
    expect(totals.escalated).toBe(1);
    expect(totals.conversations).toBe(3);
  });

  it('skips and logs a record that is not a turn, and counts the rest', async () => {
    const before = await dayTotals();
    const good = await written(turn(4, 'clarify', { confidence: 0.5 }), 4);
    const broken = record({ sessionId: { S: 'web:x' }, messageId: { S: 'm' } }, 5);
    const logs = captureLogs();
    try {
      await handler(windowed([good, broken]), lambdaContext('agg-3'));
    } finally {
      logs.stop();
    }

    const after = await dayTotals();
    expect((after.turns ?? 0) - (before.turns ?? 0)).toBe(1);
    expect((after.clarified ?? 0) - (before.clarified ?? 0)).toBe(1);
    expect(
      logs.lines.some(
        (l) => l.event === 'stream_record_skipped' || l.message === 'stream_record_skipped',
      ),
    ).toBe(true);
  });
});
