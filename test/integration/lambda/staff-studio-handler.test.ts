/**
 * The content studio in the staff Lambda (functions/handlers/staff-api.ts), on the AWS side:
 * s3rver holds the knowledge bucket (live articles under knowledge/) and the artifact bucket
 * (the published index, and the studio's drafts, history, audit and publish report under
 * studio/), reached by the real S3 client through AWS_ENDPOINT_URL_S3; the indexer composition
 * publishes the index and its report as the S3 event path would. Writers are the JWT's
 * `writers` group; an agent gets 403. Publishing answers `queued` (the bucket's event rebuilds)
 * with the rejections of the indexer's last report, and the learning loop's suggestions leave
 * out phrasings the live article already lists.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoSuggestionStore } from '#adapters/dynamodb/dynamo-suggestion-store.ts';
import { composeIndexerFunction } from '#app/lambda/indexer-function.ts';
import { startTestDynamo, type TestDynamo } from '../../helpers/dynalite.ts';
import {
  captureLogs,
  httpApiEvent,
  lambdaContext,
  setLambdaEnv,
  type HttpApiEventOptions,
} from '../../helpers/lambda-env.ts';
import { startS3TestStore, type S3TestStore } from '../publish/s3-test-store.ts';

type Handler = (
  event: APIGatewayProxyEventV2,
  context: ReturnType<typeof lambdaContext>,
) => Promise<APIGatewayProxyStructuredResultV2>;

const KNOWLEDGE = 'mujib-knowledge-staff-studio';
const ARTIFACTS = 'mujib-artifacts-staff-studio';

const claims = (name: string, groups: string) => ({
  sub: `sub-${name}`,
  email: `${name}@nakheel.example`,
  'cognito:username': name,
  'cognito:groups': groups,
  token_use: 'id',
});
const WRITER = claims('huda', '[staff writers]');
const AGENT = claims('omar', '[staff]');

function article(id: string, title: string, questions: string[], body: string): string {
  return [
    '---',
    `id: ${id}`,
    `title: ${title}`,
    `summary: ${body}`,
    'updated: 2026-11-01',
    'questions:',
    ...questions.map((q) => `  - ${q}`),
    '---',
    `## ${title}`,
    body,
    '',
  ].join('\n');
}

const GIFT = article(
  'gift-cards',
  'Redeem a gift card',
  ['how do I redeem a gift card', 'use my gift voucher'],
  'Enter the gift card code at checkout under Gift cards and vouchers. The balance never expires.',
);
const HOURS = article(
  'store-hours',
  'Store opening hours',
  ['when are your stores open', 'opening hours on friday'],
  'Our stores open from 9 am to 10 pm every day, and from 2 pm to 10 pm on Fridays.',
);

let dir: string;
let dynamo: TestDynamo;
let s3: S3TestStore;
let handler: Handler;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mujib-staff-studio-'));
  dynamo = await startTestDynamo();
  s3 = await startS3TestStore([KNOWLEDGE, ARTIFACTS]);
  const tables = await dynamo.freshTables();
  await setLambdaEnv({
    dir,
    dynamoEndpoint: dynamo.server.endpoint,
    tables,
    extra: {
      MUJIB_STAFF_GROUP: 'staff',
      MUJIB_WRITER_GROUP: 'writers',
      MUJIB_KNOWLEDGE_BUCKET: KNOWLEDGE,
      MUJIB_KNOWLEDGE_PREFIX: 'knowledge/',
      MUJIB_INDEX_BUCKET: ARTIFACTS,
      MUJIB_INDEX_KEY: 'index/knowledge-index.json',
      MUJIB_STUDIO_PREFIX: 'studio/',
      AWS_ENDPOINT_URL_S3: s3.endpoint,
      AWS_ACCESS_KEY_ID: 'S3RVER',
      AWS_SECRET_ACCESS_KEY: 'S3RVER',
    },
  });
  // The bucket as a deploy and a hand upload left it: one good article, one broken; the indexer
  // published the good one and reported the broken one (as the S3 event → SQS path does).
  await s3.put(KNOWLEDGE, 'knowledge/en/gift-cards.md', GIFT);
  await s3.put(KNOWLEDGE, 'knowledge/en/broken.md', '---\nid: broken\n---\nno title here\n');
  const logs = captureLogs();
  try {
    const indexer = await composeIndexerFunction();
    const published = await indexer.publish();
    expect(published).toMatchObject({ status: 'published', articles: 1 });
  } finally {
    logs.stop();
  }
  // Customers picked gift-cards from "did you mean" after two questions, one of which it lists.
  await new DynamoSuggestionStore({ client: dynamo.client, tableName: tables.stats }).addSignals(
    ['How do I redeem a gift card', 'my voucher code is refused at checkout'].map(
      (question, i) => ({
        id: `picked#web-s${i}#m-${i}`,
        kind: 'picked' as const,
        at: '2026-12-01T10:00:00.000Z',
        lang: 'en' as const,
        articleId: 'gift-cards',
        question,
      }),
    ),
  );
  ({ handler } = (await import('../../../functions/handlers/staff-api.ts')) as unknown as {
    handler: Handler;
  });
});

afterAll(async () => {
  await s3?.stop();
  await dynamo?.close();
  await rm(dir, { recursive: true, force: true });
});

async function call(options: HttpApiEventOptions) {
  const logs = captureLogs();
  try {
    const result = await handler(
      httpApiEvent({
        ...options,
        ...(options.body ? { headers: { 'content-type': 'application/json' } } : {}),
      }),
      lambdaContext('staff-studio'),
    );
    return { status: result.statusCode, body: JSON.parse(result.body ?? 'null') };
  } finally {
    logs.stop();
  }
}

async function keys(bucket: string, prefix: string): Promise<string[]> {
  const page = await s3.s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }));
  return (page.Contents ?? []).map((o) => o.Key ?? '');
}

describe('the content studio in the staff Lambda', () => {
  it('is for writers: an agent gets 403 on the studio and the suggestions, and /me tells them apart', async () => {
    const agentList = await call({
      method: 'GET',
      path: '/api/staff/studio/articles',
      claims: AGENT,
    });
    const agentSuggestions = await call({
      method: 'GET',
      path: '/api/staff/suggestions',
      claims: AGENT,
    });
    const agentMe = await call({ method: 'GET', path: '/api/staff/me', claims: AGENT });
    const writerMe = await call({ method: 'GET', path: '/api/staff/me', claims: WRITER });

    expect(agentList.status).toBe(403);
    expect(agentList.body.error).toMatch(/writer role/);
    expect(agentSuggestions.status).toBe(403);
    expect(agentMe.body.roles).toEqual(['agent']);
    expect(writerMe.body.roles).toEqual(['agent', 'writer']);
  });

  it("lists the bucket's articles with the indexer's rejection and its lint messages", async () => {
    const listed = await call({
      method: 'GET',
      path: '/api/staff/studio/articles',
      query: 'lang=en',
      claims: WRITER,
    });

    expect(listed.status).toBe(200);
    const byFile = Object.fromEntries(
      (listed.body.items as { file: string }[]).map((item) => [item.file, item]),
    );
    expect(byFile['en/gift-cards.md']).toMatchObject({ published: true, missingTranslation: true });
    expect(byFile['en/gift-cards.md']).not.toHaveProperty('rejected');
    expect(byFile['en/broken.md']).toMatchObject({
      published: true,
      rejected: { problems: [expect.objectContaining({ severity: 'error' })] },
    });
  });

  it('tries a question against the draft and against the published index from S3', async () => {
    const tried = await call({
      method: 'POST',
      path: '/api/staff/studio/try',
      claims: WRITER,
      body: JSON.stringify({
        file: 'en/store-hours.md',
        source: HOURS,
        question: 'when are your stores open',
      }),
    });

    expect(tried.status).toBe(200);
    expect(tried.body.draft).toMatchObject({ decision: 'answer' });
    expect(tried.body.draft.top[0].articleId).toBe('store-hours');
    // The published index (one article, from the artifact bucket) has no such article yet.
    expect(tried.body.live.top.map((t: { articleId: string }) => t.articleId)).not.toContain(
      'store-hours',
    );
  });

  it('publishes a draft into knowledge/ of the bucket, with history and audit under studio/, queued for the indexer', async () => {
    const saved = await call({
      method: 'PUT',
      path: '/api/staff/studio/articles/en/store-hours/draft',
      claims: WRITER,
      body: JSON.stringify({ source: HOURS }),
    });
    const draftKeys = await keys(ARTIFACTS, 'studio/drafts/');

    const published = await call({
      method: 'POST',
      path: '/api/staff/studio/articles/en/store-hours/publish',
      claims: WRITER,
      body: '{}',
    });

    expect(saved.status).toBe(200);
    expect(draftKeys).toEqual(['studio/drafts/en/store-hours.md']);
    expect(published.status).toBe(200);
    expect(published.body.rebuild).toEqual({
      status: 'queued',
      rejected: [expect.objectContaining({ file: 'en/broken.md' })],
    });
    const object = await s3.s3.send(
      new GetObjectCommand({ Bucket: KNOWLEDGE, Key: 'knowledge/en/store-hours.md' }),
    );
    expect(await object.Body!.transformToString('utf-8')).toBe(HOURS);
    expect(object.ContentType).toMatch(/^text\/markdown/);
    expect(await keys(ARTIFACTS, 'studio/drafts/')).toEqual([]);
    expect(await keys(ARTIFACTS, 'studio/history/en/store-hours.md/')).toEqual([
      `studio/history/en/store-hours.md/${published.body.version}.json`,
    ]);
    const audit = await call({ method: 'GET', path: '/api/staff/studio/audit', claims: WRITER });
    expect(audit.body.items[0]).toMatchObject({
      action: 'publish',
      file: 'en/store-hours.md',
      version: published.body.version,
    });
    // Nothing was written anywhere else in either bucket.
    expect((await keys(KNOWLEDGE, '')).every((k) => k.startsWith('knowledge/'))).toBe(true);
    expect(
      (await keys(ARTIFACTS, '')).filter(
        (k) => !/^(studio|last-good)\//.test(k) && k !== 'index/knowledge-index.json',
      ),
    ).toEqual([]);
  });

  it('suggests only phrasings the live article does not list, and accepting one drafts it', async () => {
    const suggestions = await call({
      method: 'GET',
      path: '/api/staff/suggestions',
      query: 'lang=en',
      claims: WRITER,
    });
    const phrasings = (
      suggestions.body.items as { kind: string; phrasing?: string; id: string }[]
    ).filter((s) => s.kind === 'phrasing');

    expect(phrasings.map((s) => s.phrasing)).toEqual(['my voucher code is refused at checkout']);

    const accepted = await call({
      method: 'POST',
      path: `/api/staff/suggestions/${phrasings[0]!.id}/accept`,
      claims: WRITER,
      body: '{}',
    });
    const article = await call({
      method: 'GET',
      path: '/api/staff/studio/articles/en/gift-cards',
      claims: WRITER,
    });

    expect(accepted.status).toBe(200);
    expect(accepted.body.draft).toMatchObject({ file: 'en/gift-cards.md' });
    expect(article.body.draft.source).toContain('my voucher code is refused at checkout');
    expect(await keys(ARTIFACTS, 'studio/drafts/')).toEqual(['studio/drafts/en/gift-cards.md']);
  });
});
