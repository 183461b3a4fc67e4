/**
 * The real event path of publishing, locally: s3rver emits an S3 notification for every upload
 * and delete → it is queued in SQS (local-aws-sqs, as S3 → SQS does in AWS) → one receive of the
 * batch is handed to the indexer Lambda handler (functions/handlers/indexer.ts) as an SQS event,
 * as the Lambda poller does after its batch window. Broken, deleted, burst and oversized articles:
 * nothing published wrong, nothing lost, every rejection visible (log + IndexRejected metric).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import type { SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KnowledgeIndex } from '#core/retrieval/knowledge-index.ts';
import { artifactBytes } from '#adapters/knowledge/artifact-bytes.ts';
import { startTestDynamo, type TestDynamo } from '../../helpers/dynalite.ts';
import { captureLogs, emfMetrics, lambdaContext, setLambdaEnv } from '../../helpers/lambda-env.ts';
import { startLocalSqs, type LocalSqs } from '../../helpers/local-sqs.ts';
import { startS3TestStore, type S3TestStore } from './s3-test-store.ts';

type Handler = (event: SQSEvent, context: ReturnType<typeof lambdaContext>) => Promise<any>;

const KNOWLEDGE = 'mujib-knowledge-debounced';
const ARTIFACTS = 'mujib-artifacts-debounced';
const ARTIFACT_KEY = 'index/knowledge-index.json';

function article(id: string, topic: string, extra = '', owner?: string): string {
  return [
    '---',
    `id: ${id}`,
    `title: All about ${topic}`,
    `summary: Everything about ${topic}.`,
    ...(owner ? [`owner: ${owner}`] : []),
    'questions:',
    `  - tell me about ${topic}`,
    `  - how does ${topic} work`,
    `  - ${topic} help`,
    '---',
    `## All about ${topic}`,
    `The ${topic} service works every day of the week.${extra}`,
    '',
  ].join('\n');
}

const TOPICS = [
  'returns',
  'refunds',
  'vouchers',
  'shipping',
  'invoices',
  'passwords',
  'accounts',
  'newsletters',
  'warranty',
  'stores',
];

let dir: string;
let dynamo: TestDynamo;
let store: S3TestStore;
let sqs: LocalSqs;
let queueUrl: string;
let handler: Handler;
let sent = 0;
/** SNS (Query protocol) stand-in on 127.0.0.1: the Publish calls it received, as form fields. */
let sns: Server;
const published: Record<string, string>[] = [];
const TOPIC = 'arn:aws:sns:us-east-1:123456789012:mujib-publishing';

/** Waits until every notification s3rver emitted is in the queue (no sleeps: a condition). */
async function queued(count: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  while ((await sqs.depth(queueUrl)) < count) {
    if (Date.now() > deadline) throw new Error(`queue never reached ${count} messages`);
    await new Promise((r) => setImmediate(r));
  }
}

/** What the Lambda poller does after the batch window: receive the batch, invoke once. */
async function drainIntoIndexer(requestId: string) {
  const messages = [];
  for (;;) {
    const page = await sqs.client.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10 }),
    );
    if (!page.Messages?.length) break;
    messages.push(...page.Messages);
  }
  const event: SQSEvent = {
    Records: messages.map((m) => ({
      messageId: m.MessageId ?? '',
      receiptHandle: m.ReceiptHandle ?? '',
      body: m.Body ?? '',
      attributes: {
        ApproximateReceiveCount: '1',
        SentTimestamp: '0',
        SenderId: 'S3',
        ApproximateFirstReceiveTimestamp: '0',
      },
      messageAttributes: {},
      md5OfBody: m.MD5OfBody ?? '',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:knowledge-changes',
      awsRegion: 'us-east-1',
    })),
  };
  const logs = captureLogs();
  const result = await handler(event, lambdaContext(requestId)).finally(() => logs.stop());
  return { result, logs: logs.lines, batch: messages.length };
}

async function publishedIndex(): Promise<KnowledgeIndex> {
  const object = await store.s3.send(
    new GetObjectCommand({ Bucket: ARTIFACTS, Key: ARTIFACT_KEY }),
  );
  const bytes = await object.Body!.transformToByteArray();
  return KnowledgeIndex.load(await artifactBytes(Buffer.from(bytes)));
}

const ALL_IDS = [...TOPICS, 'huge'];

/** Ids of the English articles in the published index. */
async function publishedIds(): Promise<string[]> {
  const index = await publishedIndex();
  return ALL_IDS.filter((id) => index.article('en', id)).sort();
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mujib-indexer-sqs-'));
  dynamo = await startTestDynamo();
  store = await startS3TestStore([KNOWLEDGE, ARTIFACTS]);
  sqs = await startLocalSqs();
  queueUrl = await sqs.createQueue({ visibilityTimeout: 60 });
  // S3 → SQS: every notification for an article under knowledge/ (the bucket notification's
  // filter) becomes one message whose body is the notification JSON.
  store.onEvent((notification) => {
    const record = notification.Records[0] as {
      s3: { bucket: { name: string }; object: { key: string } };
    };
    const key = record.s3.object.key;
    if (
      record.s3.bucket.name !== KNOWLEDGE ||
      !key.startsWith('knowledge/') ||
      !key.endsWith('.md')
    ) {
      return;
    }
    sent += 1;
    void sqs.client.send(
      new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(notification) }),
    );
  });
  sns = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      published.push(Object.fromEntries(new URLSearchParams(body)));
      res.setHeader('content-type', 'text/xml');
      res.end(
        '<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult>' +
          `<MessageId>m-${published.length}</MessageId></PublishResult>` +
          '<ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></PublishResponse>',
      );
    });
  });
  await new Promise<void>((resolve) => sns.listen(0, '127.0.0.1', resolve));
  await setLambdaEnv({
    dir,
    dynamoEndpoint: dynamo.server.endpoint,
    tables: await dynamo.freshTables(),
    extra: {
      MUJIB_LOG_LEVEL: 'info',
      MUJIB_KNOWLEDGE_BUCKET: KNOWLEDGE,
      MUJIB_KNOWLEDGE_PREFIX: 'knowledge/',
      MUJIB_INDEX_BUCKET: ARTIFACTS,
      MUJIB_INDEX_KEY: ARTIFACT_KEY,
      AWS_ENDPOINT_URL_S3: store.endpoint,
      MUJIB_PUBLISH_TOPIC_ARN: TOPIC,
      AWS_ENDPOINT_URL_SNS: `http://127.0.0.1:${(sns.address() as AddressInfo).port}`,
      AWS_ACCESS_KEY_ID: 'S3RVER',
      AWS_SECRET_ACCESS_KEY: 'S3RVER',
    },
  });
  ({ handler } = (await import('../../../functions/handlers/indexer.ts')) as unknown as {
    handler: Handler;
  });
});

afterAll(async () => {
  await new Promise((resolve) => sns?.close(resolve));
  await sqs?.close();
  await store?.stop();
  await dynamo?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('publishing through S3 → SQS → the indexer', () => {
  it('a burst of ten uploads is one rebuild that publishes all ten', async () => {
    // Prepare
    for (const topic of TOPICS) {
      const link = topic === 'refunds' ? ' See [returns](returns.md).' : '';
      await store.put(KNOWLEDGE, `knowledge/en/${topic}.md`, article(topic, topic, link));
    }
    await queued(10);

    // Act
    const { result, logs, batch } = await drainIntoIndexer('burst');

    // Assess
    expect(batch).toBe(10);
    expect(result).toMatchObject({ status: 'published', articles: 10, rejected: [] });
    expect(logs.filter((l) => l.event === 'indexer.published')).toHaveLength(1);
    expect(emfMetrics(logs)).toMatchObject({ IndexPublished: [1] });
    expect(await publishedIds()).toEqual([...TOPICS].sort());
  });

  it('a broken upload is skipped, its last good version keeps serving, and the rest publish', async () => {
    // Prepare: one article broken (an empty section), one changed for the better
    const broken = article('vouchers', 'vouchers', '', 'content@example.com').replace(
      '## All about vouchers',
      '## Empty\n\n## All about vouchers',
    );
    await store.put(KNOWLEDGE, 'knowledge/en/vouchers.md', broken);
    await store.put(
      KNOWLEDGE,
      'knowledge/en/stores.md',
      article('stores', 'stores', ' Now open Sundays.'),
    );
    await queued(2);

    // Act
    const { result, logs } = await drainIntoIndexer('broken');

    // Assess
    expect(result.status).toBe('published');
    expect(result.rejected).toEqual([
      {
        file: 'en/vouchers.md',
        owner: 'content@example.com',
        serving: 'last-good',
        problems: [
          expect.objectContaining({
            line: 11,
            severity: 'error',
            message: "empty section '## Empty'",
          }),
        ],
      },
    ]);
    expect(emfMetrics(logs)).toMatchObject({ IndexRejected: [1], IndexPublished: [1] });
    const rejection = logs.find((l) => l.event === 'indexer.rejected');
    expect(rejection).toMatchObject({
      level: 'ERROR',
      file: 'en/vouchers.md',
      owner: 'content@example.com',
    });
    // The owner gets a message (SNS, filterable by the owner attribute).
    expect(published).toHaveLength(1);
    expect(published[0]).toMatchObject({
      Action: 'Publish',
      TopicArn: TOPIC,
      Subject: 'Mujib: article rejected: en/vouchers.md',
      'MessageAttributes.entry.1.Name': 'owner',
      'MessageAttributes.entry.1.Value.StringValue': 'content@example.com',
    });
    expect(published[0]!.Message).toContain("en/vouchers.md:11: error: empty section '## Empty'");
    expect(published[0]!.Message).toContain('last good version keeps serving');
    const index = await publishedIndex();
    expect(index.article('en', 'vouchers')).toBeDefined();
    expect(JSON.stringify(index.article('en', 'stores'))).toContain('Sundays');
  });

  it('deleting an article others link to takes effect, with a warning, not a block', async () => {
    // Prepare
    await store.remove(KNOWLEDGE, 'knowledge/en/returns.md');
    await queued(1);

    // Act
    const { result, logs } = await drainIntoIndexer('delete');

    // Assess
    expect(result.status).toBe('published');
    expect(await publishedIds()).not.toContain('returns');
    // Its last good version goes too: it cannot come back as a stand-in later.
    await expect(
      store.s3.send(new GetObjectCommand({ Bucket: ARTIFACTS, Key: 'last-good/en/returns.md' })),
    ).rejects.toMatchObject({ name: 'NoSuchKey' });
    const lastGood = await store.s3.send(
      new GetObjectCommand({ Bucket: ARTIFACTS, Key: 'last-good/en/vouchers.md' }),
    );
    expect(await lastGood.Body!.transformToString()).not.toContain('## Empty');
    expect(result.errors).toBe(1); // vouchers is still broken and still reported
    expect(published).toHaveLength(1); // … but its owner is not told again on every rebuild
    expect(logs).toContainEqual(
      expect.objectContaining({
        event: 'indexer.problem',
        file: 'en/refunds.md',
        severity: 'warning',
        problem: expect.stringContaining("broken link 'returns.md'"),
      }),
    );
  });

  it('an oversized new article is rejected with a clear error and nothing else changes', async () => {
    // Prepare
    const huge = article('huge', 'huge', ` ${'>'.repeat(120_000)}`);
    await store.put(KNOWLEDGE, 'knowledge/en/huge.md', huge);
    await queued(1);
    const before = await publishedIds();

    // Act
    const { result, logs } = await drainIntoIndexer('huge');

    // Assess
    expect(result.status).toBe('rejected');
    expect(result.rejected).toContainEqual(
      expect.objectContaining({ file: 'en/huge.md', serving: 'none' }),
    );
    const huges = result.rejected.find((r: { file: string }) => r.file === 'en/huge.md');
    expect(huges.problems[0].message).toMatch(/character|long|limit/i);
    expect(emfMetrics(logs).IndexRejected?.[0]).toBeGreaterThanOrEqual(1);
    expect(emfMetrics(logs).IndexPublished).toBeUndefined();
    expect(await publishedIds()).toEqual(before);
    expect(sent).toBe(14); // every notification reached the queue, none lost
  });
});
