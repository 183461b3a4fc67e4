/**
 * The indexer Lambda (functions/handlers/indexer.ts) as S3 invokes it: an ObjectCreated event for
 * an article uploaded under knowledge/ rebuilds the index from every published article and
 * writes the artifact (s3rver on 127.0.0.1, reached by the real S3 client through
 * AWS_ENDPOINT_URL_S3). An answer function configured with the index bucket then loads that
 * artifact from S3 during INIT, before its first request. Every rebuild writes the publish report
 * the content studio reads (studio/report/rejected.json in the artifact bucket).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import type { S3Event } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3DocumentStore } from '#adapters/s3/s3-document-store.ts';
import { composeChatFunction } from '#app/lambda/chat-function.ts';
import { startTestDynamo, type TestDynamo } from '../../helpers/dynalite.ts';
import {
  captureLogs,
  httpApiEvent,
  lambdaContext,
  s3Event,
  setLambdaEnv,
} from '../../helpers/lambda-env.ts';
import { startS3TestStore, type S3TestStore } from '../publish/s3-test-store.ts';

type Handler = (event: S3Event, context: ReturnType<typeof lambdaContext>) => Promise<unknown>;

const KNOWLEDGE = 'mujib-knowledge-lambda';
const ARTIFACTS = 'mujib-artifacts-lambda';
const ARTIFACT_KEY = 'index/knowledge-index.json';

const GIFT = [
  '---',
  'id: gift-cards',
  'title: Redeem a gift card',
  'summary: Enter the gift card code at checkout.',
  'questions:',
  '  - how do I redeem a gift card',
  '  - use my gift voucher',
  '  - gift card code not working',
  '---',
  '## Redeem a gift card',
  'Enter the gift card code at checkout under Gift cards and vouchers. Gift card balance never expires.',
  '',
].join('\n');

let dir: string;
let dynamo: TestDynamo;
let store: S3TestStore;
let handler: Handler;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mujib-indexer-lambda-'));
  dynamo = await startTestDynamo();
  store = await startS3TestStore([KNOWLEDGE, ARTIFACTS]);
  await setLambdaEnv({
    dir,
    dynamoEndpoint: dynamo.server.endpoint,
    tables: await dynamo.freshTables(),
    extra: {
      MUJIB_KNOWLEDGE_BUCKET: KNOWLEDGE,
      MUJIB_KNOWLEDGE_PREFIX: 'knowledge/',
      MUJIB_INDEX_BUCKET: ARTIFACTS,
      MUJIB_INDEX_KEY: ARTIFACT_KEY,
      AWS_ENDPOINT_URL_S3: store.endpoint,
      // s3rver's fixed credentials (the Lambda runtime would provide the role's).
      AWS_ACCESS_KEY_ID: 'S3RVER',
      AWS_SECRET_ACCESS_KEY: 'S3RVER',
    },
  });
  ({ handler } = (await import('../../../functions/handlers/indexer.ts')) as unknown as {
    handler: Handler;
  });
});

afterAll(async () => {
  await store?.stop();
  await dynamo?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the indexer Lambda handler', () => {
  it('publishes the index when an article is uploaded (S3 ObjectCreated event)', async () => {
    await store.put(KNOWLEDGE, 'knowledge/en/gift-cards.md', GIFT);

    const logs = captureLogs();
    const result = await handler(
      s3Event(KNOWLEDGE, [{ key: 'knowledge/en/gift-cards.md' }]),
      lambdaContext('indexer-1'),
    ).finally(() => logs.stop());

    expect(result).toMatchObject({ status: 'published' });
    const head = await store.s3.send(
      new HeadObjectCommand({ Bucket: ARTIFACTS, Key: ARTIFACT_KEY }),
    );
    expect(head.ContentLength).toBeGreaterThan(0);
  });

  it('an answer function configured with the bucket loads that artifact during INIT', async () => {
    const chat = await composeChatFunction();
    const logs = captureLogs();

    const response = await chat.router.handle({
      method: 'POST',
      path: '/api/chat',
      query: new URLSearchParams(),
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sessionId: 'web-s3-1', text: 'how do I redeem a gift card' }),
      requestId: 'r-1',
    });
    const health = await chat.router.handle({
      ...httpApiEventRequest(),
    });
    logs.stop();

    expect(response.status).toBe(200);
    expect(JSON.parse(response.body).reply).toMatchObject({ kind: 'answer' });
    // The published one-article index, not the bundled help centre.
    expect(JSON.parse(health.body).index.articleCount).toBe(1);
  });

  it('a rejected event is a content problem reported in the result, not a crash', async () => {
    await store.put(KNOWLEDGE, 'knowledge/en/broken.md', '---\nid: broken\n---\nno title\n');

    const logs = captureLogs();
    const result = await handler(
      s3Event(KNOWLEDGE, [{ key: 'knowledge/en/broken.md' }]),
      lambdaContext('indexer-2'),
    ).finally(() => logs.stop());

    expect(result).toMatchObject({ status: 'rejected' });
  });

  it('writes the publish report the studio reads, and a fixed article leaves it', async () => {
    const studio = new S3DocumentStore({ s3: store.s3, bucket: ARTIFACTS, prefix: 'studio/' });
    const key = 'knowledge/en/store-hours.md';
    await store.put(KNOWLEDGE, key, '---\nid: store-hours\n---\nno title, no questions\n');

    const logs = captureLogs();
    await handler(s3Event(KNOWLEDGE, [{ key }]), lambdaContext('indexer-3'));
    const broken = await studio.get('report/rejected.json');
    await store.put(KNOWLEDGE, key, GIFT.replace('id: gift-cards', 'id: store-hours'));
    await store.remove(KNOWLEDGE, 'knowledge/en/broken.md');
    await handler(s3Event(KNOWLEDGE, [{ key }]), lambdaContext('indexer-4'));
    const fixed = await studio.get('report/rejected.json');
    logs.stop();

    const before = JSON.parse(broken!.text) as { at: string; rejected: { file: string }[] };
    const after = JSON.parse(fixed!.text) as { at: string; rejected: { file: string }[] };
    expect(before.rejected.map((r) => r.file).sort()).toEqual([
      'en/broken.md',
      'en/store-hours.md',
    ]);
    expect(before.rejected[0]).toMatchObject({
      problems: [expect.objectContaining({ severity: 'error' })],
    });
    expect(after.rejected).toEqual([]);
    expect(Date.parse(after.at)).toBeGreaterThanOrEqual(Date.parse(before.at));
  });
});

function httpApiEventRequest() {
  const event = httpApiEvent({ method: 'GET', path: '/healthz' });
  return {
    method: 'GET',
    path: event.rawPath,
    query: new URLSearchParams(),
    headers: {},
    body: '',
    requestId: event.requestContext.requestId,
  };
}
