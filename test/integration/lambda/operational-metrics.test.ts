/**
 * The EMF metrics the stack's customer-facing alarms read (cdk/constructs/operations.ts), from
 * the real handlers driven as AWS drives them: the scheduled flush-turns function reports the
 * ticket backlog every run (`TicketsWaiting`, `OldestWaitingTicketAge` — the backlog-age alarm),
 * and the indexer counts a published index (`IndexPublished`) and a rejected upload
 * (`IndexRejected` — the publishing-failure alarm). DynamoDB on dynalite, SQS and S3 stand-ins on
 * 127.0.0.1, all through the real AWS SDK.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { S3Event } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoTicketStore } from '#adapters/dynamodb/dynamo-ticket-store.ts';
import { newTicket } from '#core/tickets/new-ticket.ts';
import { startTestDynamo, type TestDynamo } from '../../helpers/dynalite.ts';
import {
  captureLogs,
  emfMetrics,
  lambdaContext,
  s3Event,
  setLambdaEnv,
} from '../../helpers/lambda-env.ts';
import { startLocalSqs, type LocalSqs } from '../../helpers/local-sqs.ts';
import { startS3TestStore, type S3TestStore } from '../publish/s3-test-store.ts';

type Handler<E> = (event: E, context: ReturnType<typeof lambdaContext>) => Promise<unknown>;

const KNOWLEDGE = 'mujib-knowledge-metrics';
const ARTIFACTS = 'mujib-artifacts-metrics';
const TWO_HOURS_MS = 2 * 60 * 60 * 1000;

let dir: string;
let dynamo: TestDynamo;
let sqs: LocalSqs;
let s3: S3TestStore;
let tickets: DynamoTicketStore;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mujib-ops-metrics-'));
  dynamo = await startTestDynamo();
  sqs = await startLocalSqs();
  s3 = await startS3TestStore([KNOWLEDGE, ARTIFACTS]);
  const tables = await dynamo.freshTables();
  tickets = new DynamoTicketStore({ client: dynamo.client, tableName: tables.tickets });
  await setLambdaEnv({
    dir,
    dynamoEndpoint: dynamo.server.endpoint,
    tables,
    extra: {
      MUJIB_TURN_QUEUE_URL: await sqs.createQueue({ visibilityTimeout: 2 }),
      MUJIB_KNOWLEDGE_BUCKET: KNOWLEDGE,
      MUJIB_KNOWLEDGE_PREFIX: 'knowledge/',
      MUJIB_INDEX_BUCKET: ARTIFACTS,
      MUJIB_INDEX_KEY: 'index/knowledge-index.json',
      AWS_ENDPOINT_URL_S3: s3.endpoint,
      // One set of local credentials for the stand-ins (s3rver checks its fixed ones).
      AWS_ACCESS_KEY_ID: 'S3RVER',
      AWS_SECRET_ACCESS_KEY: 'S3RVER',
    },
  });
});

afterAll(async () => {
  await s3?.stop();
  await sqs?.close();
  await dynamo?.close();
  await rm(dir, { recursive: true, force: true });
});

const scheduled = { source: 'aws.events', 'detail-type': 'Scheduled Event' as const, detail: {} };

describe('operational metrics for the alarms', () => {
  it('flush-turns reports no backlog as 0 waiting, 0 seconds', async () => {
    const { handler } = (await import('../../../functions/handlers/flush-turns.ts')) as unknown as {
      handler: Handler<typeof scheduled>;
    };
    const logs = captureLogs();
    await handler(scheduled, lambdaContext('flush-empty')).finally(() => logs.stop());

    const metrics = emfMetrics(logs.lines);
    expect(metrics.TicketsWaiting).toEqual([0]);
    expect(metrics.OldestWaitingTicketAge).toEqual([0]);
  });

  it('flush-turns reports how long the oldest open ticket has waited, in seconds', async () => {
    // Prepare: an open ticket created two hours ago, and a newer one.
    const now = Date.now();
    for (const [n, ageMs] of [
      [1, TWO_HOURS_MS],
      [2, 60_000],
    ] as const) {
      await tickets.create(
        newTicket(
          {
            sourceKey: `web:backlog-${n}:m-${n}`,
            question: `question ${n}`,
            lang: 'en',
            channel: 'web',
            sessionId: `backlog-${n}`,
            customerKey: `customer-${n}`,
            reason: 'low-confidence',
            transcript: [],
            candidates: [],
            contact: {},
          },
          new Date(now - ageMs),
        ),
      );
    }
    const { handler } = (await import('../../../functions/handlers/flush-turns.ts')) as unknown as {
      handler: Handler<typeof scheduled>;
    };

    // Act: the scheduled run.
    const logs = captureLogs();
    await handler(scheduled, lambdaContext('flush-backlog')).finally(() => logs.stop());

    // Assess: two waiting, the oldest for about two hours (the run took well under a minute).
    const metrics = emfMetrics(logs.lines);
    expect(metrics.TicketsWaiting).toEqual([2]);
    const [age] = metrics.OldestWaitingTicketAge ?? [];
    expect(age).toBeGreaterThanOrEqual(TWO_HOURS_MS / 1000);
    expect(age).toBeLessThan(TWO_HOURS_MS / 1000 + 60);
    const unit = logs.lines
      .flatMap((l) => l._aws?.CloudWatchMetrics ?? [])
      .flatMap((d: { Metrics: { Name: string; Unit: string }[] }) => d.Metrics)
      .find((m: { Name: string }) => m.Name === 'OldestWaitingTicketAge');
    expect(unit).toMatchObject({ Unit: 'Seconds' });
  });

  it('the indexer counts a published index and a rejected upload', async () => {
    const { handler } = (await import('../../../functions/handlers/indexer.ts')) as unknown as {
      handler: Handler<S3Event>;
    };
    await s3.put(
      KNOWLEDGE,
      'knowledge/en/gift-cards.md',
      [
        '---',
        'id: gift-cards',
        'title: Redeem a gift card',
        'summary: Enter the gift card code at checkout.',
        '---',
        '## Redeem a gift card',
        'Enter the gift card code at checkout under Gift cards and vouchers.',
        '',
      ].join('\n'),
    );
    const published = captureLogs();
    await handler(
      s3Event(KNOWLEDGE, [{ key: 'knowledge/en/gift-cards.md' }]),
      lambdaContext('index-ok'),
    ).finally(() => published.stop());

    await s3.put(KNOWLEDGE, 'knowledge/en/broken.md', '---\nid: broken\n---\nno title\n');
    const rejected = captureLogs();
    const result = await handler(
      s3Event(KNOWLEDGE, [{ key: 'knowledge/en/broken.md' }]),
      lambdaContext('index-bad'),
    ).finally(() => rejected.stop());

    expect(emfMetrics(published.lines)).toMatchObject({ IndexPublished: [1] });
    expect(emfMetrics(published.lines).IndexRejected).toBeUndefined();
    expect(result).toMatchObject({ status: 'rejected' });
    expect(emfMetrics(rejected.lines)).toMatchObject({ IndexRejected: [1] });
    expect(emfMetrics(rejected.lines).IndexPublished).toBeUndefined();
  });
});
