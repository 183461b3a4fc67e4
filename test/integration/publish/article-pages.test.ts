/**
 * The articles' public pages in AWS, against a local S3 (s3rver + the real S3 client): the
 * indexer writes one HTML page per article and one list per language to the site bucket under
 * help/ — where the links in SMS and Alexa answers point — deletes the pages of removed
 * articles, leaves the last good pages when a build is rejected, and does not rewrite pages for
 * an artifact it already published.
 */
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryLogger } from '#adapters/log/json-logger.ts';
import { publishKnowledgeIndex } from '#adapters/s3/publish-knowledge-index.ts';
import { startS3TestStore, type S3TestStore } from './s3-test-store.ts';

const KNOWLEDGE = 'pages-knowledge';
const ARTIFACTS = 'pages-artifacts';
const SITE = 'pages-site';

const article = (id: string, lang: string, title: string, body: string) =>
  [
    '---',
    `id: ${id}`,
    `lang: ${lang}`,
    `title: ${title}`,
    `summary: ${body}`,
    'questions:',
    `  - ${title}?`,
    `  - about ${title}`,
    `  - help with ${title}`,
    '---',
    `## ${title}`,
    body,
    '',
  ].join('\n');

let store: S3TestStore;
const logger = new MemoryLogger();
const publish = () =>
  publishKnowledgeIndex({
    s3: store.s3,
    knowledgeBucket: KNOWLEDGE,
    knowledgePrefix: 'knowledge/',
    artifactBucket: ARTIFACTS,
    artifactKey: 'index/knowledge-index.json',
    logger,
    pages: { bucket: SITE },
  });

async function page(key: string): Promise<{ type?: string; body: string } | undefined> {
  try {
    const object = await store.s3.send(new GetObjectCommand({ Bucket: SITE, Key: key }));
    return { type: object.ContentType, body: (await object.Body?.transformToString()) ?? '' };
  } catch {
    return undefined;
  }
}

beforeAll(async () => {
  store = await startS3TestStore([KNOWLEDGE, ARTIFACTS, SITE]);
  await store.put(
    KNOWLEDGE,
    'knowledge/en/reset-password.md',
    article('reset-password', 'en', 'Reset your password', 'Tap Forgot password & open the link.'),
  );
  await store.put(
    KNOWLEDGE,
    'knowledge/en/track-order.md',
    article('track-order', 'en', 'Track your order', 'Open Orders to see the courier.'),
  );
  await store.put(
    KNOWLEDGE,
    'knowledge/ar/reset-password.md',
    article('reset-password', 'ar', 'إعادة تعيين كلمة المرور', 'اضغط على نسيت كلمة المرور.'),
  );
  // A page left from an article that no longer exists.
  await store.s3.send(
    new PutObjectCommand({ Bucket: SITE, Key: 'help/en/old-article', Body: '<p>old</p>' }),
  );
});

afterAll(async () => {
  await store?.stop();
});

describe('public article pages', () => {
  it('writes a page per article and a list per language, and deletes pages of removed articles', async () => {
    const result = await publish();

    expect(result.status).toBe('published');
    expect(result.pages).toEqual({ status: 'written', written: 5, deleted: 1 });
    const en = await page('help/en/reset-password');
    expect(en?.type).toBe('text/html; charset=utf-8');
    expect(en?.body).toContain('<html lang="en" dir="ltr">');
    expect(en?.body).toContain('<h1>Reset your password</h1>');
    expect(en?.body).toContain('Tap Forgot password &#38; open the link.');
    const ar = await page('help/ar/reset-password');
    expect(ar?.body).toContain('<html lang="ar" dir="rtl">');
    expect(ar?.body).toContain('إعادة تعيين كلمة المرور');
    const list = await page('help/en/');
    expect(list?.body).toContain('<a href="/help/en/reset-password">Reset your password</a>');
    expect(list?.body).toContain('<a href="/help/en/track-order">Track your order</a>');
    expect(await page('help/en/old-article')).toBeUndefined();
  });

  it('does not rewrite the pages of an artifact it already published', async () => {
    const result = await publish();

    expect(result.status).toBe('unchanged');
    expect(result.pages).toEqual({ status: 'unchanged', written: 0, deleted: 0 });
  });

  it('a broken article does not hold back a deletion: the deleted article’s page goes', async () => {
    await store.put(KNOWLEDGE, 'knowledge/en/broken.md', '---\ntitle: Broken\n---\n## Empty\n');
    await store.remove(KNOWLEDGE, 'knowledge/en/track-order.md');
    const result = await publish();
    expect(result.status).toBe('published');
    expect(result.rejected.map((r) => r.file)).toEqual(['en/broken.md']);
    expect(result.pages?.deleted).toBe(1);
    expect(await page('help/en/track-order')).toBeUndefined();
    expect(await page('help/en/broken')).toBeUndefined();
    expect(await page('help/en/reset-password')).toBeDefined();
  });

  it('keeps the last good pages when nothing else changed but a broken upload', async () => {
    const before = await publish();
    expect(before.status).toBe('rejected');
    expect(before.pages).toEqual({ status: 'unchanged', written: 0, deleted: 0 });
    expect(await page('help/en/reset-password')).toBeDefined();
    await store.remove(KNOWLEDGE, 'knowledge/en/broken.md');
    expect((await publish()).status).toBe('unchanged');
  });
});
