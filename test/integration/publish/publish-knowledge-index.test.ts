/**
 * The knowledge publishing pipeline against a local S3 (s3rver + the real S3 client): articles
 * uploaded under `knowledge/` become the index artifact; a broken article leaves the last good
 * artifact in place; answer functions pick up a new artifact within a minute, without a redeploy.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import {
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryLogger } from '#adapters/log/json-logger.ts';
import { publishKnowledgeIndex } from '#adapters/s3/publish-knowledge-index.ts';
import { S3ArtifactSource } from '#adapters/s3/s3-artifact-source.ts';
import { artifactBytes, isGzip } from '#adapters/knowledge/artifact-bytes.ts';
import { buildIndexArtifact } from '#core/retrieval/build-index.ts';
import { DEFAULT_THRESHOLDS } from '#core/retrieval/default-thresholds.ts';
import { KnowledgeIndex } from '#core/retrieval/knowledge-index.ts';
import { parseArticle } from '#core/knowledge/parse-article.ts';
import { startS3TestStore, type S3TestStore } from './s3-test-store.ts';

const KNOWLEDGE = 'mujib-knowledge';
const ARTIFACTS = 'mujib-artifacts';
const ARTIFACT_KEY = 'index/knowledge-index.json';

function article(id: string, title: string, questions: string[], body: string): string {
  return [
    '---',
    `id: ${id}`,
    `title: ${title}`,
    `summary: ${body.split('.')[0]}.`,
    'questions:',
    ...questions.map((q) => `  - ${q}`),
    '---',
    `## ${title}`,
    body,
    '',
  ].join('\n');
}

const RESET = article(
  'reset-password',
  'Reset your password',
  ['I forgot my password', 'how do I reset my password', 'reset email never came'],
  'Tap Forgot password on the sign-in page and open the link we email you. The link expires after one hour.',
);
const TRACK = article(
  'track-your-order',
  'Track your order',
  ['where is my order', 'track my parcel', 'when will my delivery arrive'],
  'Open Orders in your account to see the courier and tracking number. Tracking updates every few hours.',
);
const GIFT = article(
  'gift-cards',
  'Redeem a gift card',
  ['how do I redeem a gift card', 'use my gift voucher', 'gift card code not working'],
  'Enter the gift card code at checkout under Gift cards and vouchers. Gift card balance never expires.',
);
/** Front matter fine, but an empty `##` section: a lint error. */
const BROKEN =
  '---\nid: broken\ntitle: Broken\nquestions: [a, b, c]\n---\n## Empty\n\n## Next\nText.\n';

describe('publishing the knowledge index through S3', () => {
  let store: S3TestStore;
  const logger = new MemoryLogger();
  const publish = () =>
    publishKnowledgeIndex({
      s3: store.s3,
      knowledgeBucket: KNOWLEDGE,
      knowledgePrefix: 'knowledge/',
      artifactBucket: ARTIFACTS,
      artifactKey: ARTIFACT_KEY,
      logger,
    });
  const artifactEtag = async () =>
    (await store.s3.send(new HeadObjectCommand({ Bucket: ARTIFACTS, Key: ARTIFACT_KEY }))).ETag;
  const readArtifact = async () => {
    const object = await store.s3.send(
      new GetObjectCommand({ Bucket: ARTIFACTS, Key: ARTIFACT_KEY }),
    );
    const bytes = await object.Body!.transformToByteArray();
    expect(isGzip(bytes)).toBe(true);
    return KnowledgeIndex.load(await artifactBytes(bytes));
  };
  const topArticle = (index: KnowledgeIndex, text: string) =>
    index.decide({ text, lang: 'en' }, DEFAULT_THRESHOLDS).candidates[0]?.articleId;

  beforeAll(async () => {
    store = await startS3TestStore([KNOWLEDGE, ARTIFACTS]);
  });
  afterAll(async () => {
    await store?.stop();
  });

  it('uploaded articles become the artifact, and answers come from it', async () => {
    // Prepare
    await store.put(KNOWLEDGE, 'knowledge/en/reset-password.md', RESET);
    await store.put(KNOWLEDGE, 'knowledge/en/track-your-order.md', TRACK);
    await store.put(KNOWLEDGE, 'knowledge/README.md', '# not an article');

    // Act
    const result = await publish();

    // Assess
    expect(result).toMatchObject({ status: 'published', files: 2, articles: 2, errors: 0 });
    const index = await readArtifact();
    expect(index.meta.articleCount).toBe(2);
    expect(index.meta.hash).toBe(result.hash);
    const decision = index.decide(
      { text: 'how do I reset my password', lang: 'en' },
      DEFAULT_THRESHOLDS,
    );
    expect(decision.kind).toBe('answer');
    expect(decision.candidates[0]?.articleId).toBe('reset-password');
  });

  it('a run with no content change does not rewrite the artifact', async () => {
    const before = await artifactEtag();
    const result = await publish();
    expect(result.status).toBe('unchanged');
    expect(await artifactEtag()).toBe(before);
  });

  it('a broken article leaves the published artifact unchanged and logs where the problem is', async () => {
    // Prepare
    const before = await artifactEtag();
    await store.put(KNOWLEDGE, 'knowledge/en/broken.md', BROKEN);

    // Act
    const result = await publish();

    // Assess
    expect(result.status).toBe('rejected');
    expect(result.errors).toBeGreaterThan(0);
    expect(result.problems).toContainEqual(
      expect.objectContaining({ file: 'en/broken.md', line: 6, severity: 'error' }),
    );
    expect(await artifactEtag()).toBe(before);
    expect(logger.lines.some((l) => l.event === 'indexer.rejected' && l.level === 'error')).toBe(
      true,
    );
    expect(await readArtifact().then((i) => i.meta.articleCount)).toBe(2);
  });

  it('an answer function picks up the new artifact in the background, at most a minute later', async () => {
    // Prepare: a warm function holding the current artifact, with a clock we move
    let nowMs = 1_000_000;
    const requests: number[] = [];
    const client = store.client();
    client.middlewareStack.add(
      (next) => async (args) => {
        const out = await next(args);
        requests.push((out.response as { statusCode: number }).statusCode);
        return out;
      },
      { step: 'deserialize', name: 'countRequests' },
    );
    const source = new S3ArtifactSource({
      s3: client,
      bucket: ARTIFACTS,
      key: ARTIFACT_KEY,
      fallback: () => {
        throw new Error('the bundled artifact is not needed while S3 has one');
      },
      now: () => nowMs,
    });
    const first = await source.current();
    expect(source.origin).toBe('s3');
    expect(topArticle(first, 'how do I redeem a gift card')).not.toBe('gift-cards');

    // Act: the content team fixes the broken article and adds a new one
    await store.remove(KNOWLEDGE, 'knowledge/en/broken.md');
    await store.put(KNOWLEDGE, 'knowledge/en/gift-cards.md', GIFT);
    expect((await publish()).status).toBe('published');

    // Assess: within the minute the function keeps its index and does not ask S3 …
    nowMs += 30_000;
    expect(await source.current()).toBe(first);
    expect(requests).toEqual([200]);
    // … after it, the request that notices is answered from the index held, while a
    // conditional GET in the background brings the new artifact, swapped in when loaded
    nowMs += 31_000;
    expect(await source.current()).toBe(first);
    await source.settled();
    const second = await source.current();
    expect(second).not.toBe(first);
    expect(requests).toEqual([200, 200]);
    expect(second.meta.articleCount).toBe(3);
    const decision = second.decide(
      { text: 'how do I redeem a gift card', lang: 'en' },
      DEFAULT_THRESHOLDS,
    );
    expect(decision.candidates[0]?.articleId).toBe('gift-cards');
    expect(decision.kind).not.toBe('escalate');

    // … and the next check, with nothing new, is a 304 that keeps the loaded index
    nowMs += 61_000;
    expect(await source.current()).toBe(second);
    await source.settled();
    expect(await source.current()).toBe(second);
    expect(requests).toEqual([200, 200, 304]);
  });

  it('falls back to the bundled artifact when S3 has none', async () => {
    const bundled = KnowledgeIndex.load(
      buildIndexArtifact([
        parseArticle(TRACK, 'en/track-your-order.md', { defaultLang: 'en' }).article!,
      ]),
    );
    const logs = new MemoryLogger();
    const source = new S3ArtifactSource({
      s3: store.s3,
      bucket: ARTIFACTS,
      key: 'index/missing.json',
      fallback: () => bundled,
      logger: logs,
    });
    expect(await source.current()).toBe(bundled);
    expect(source.origin).toBe('bundled');
    expect(logs.lines.map((l) => l.event)).toContain('knowledge.no-artifact');
  });

  it('falls back to the bundled artifact when S3 cannot be reached, and keeps answering', async () => {
    const bundled = KnowledgeIndex.load(
      buildIndexArtifact([
        parseArticle(RESET, 'en/reset-password.md', { defaultLang: 'en' }).article!,
      ]),
    );
    const unreachable = new S3Client({
      endpoint: 'http://127.0.0.1:9', // discard port: connection refused
      region: 'us-east-1',
      forcePathStyle: true,
      maxAttempts: 1,
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    });
    const logs = new MemoryLogger();
    const source = new S3ArtifactSource({
      s3: unreachable,
      bucket: ARTIFACTS,
      key: ARTIFACT_KEY,
      fallback: () => bundled,
      logger: logs,
    });
    const index = await source.current();
    expect(index).toBe(bundled);
    expect(topArticle(index, 'I forgot my password')).toBe('reset-password');
    expect(logs.lines.map((l) => l.event)).toContain('knowledge.s3-unavailable');
    unreachable.destroy();
  });

  it('a corrupt new artifact (truncated gzip, gzip bomb) keeps the old index serving, logged once', async () => {
    // Prepare: a warm function holding a good artifact under its own key
    const key = 'index/corrupt-swap.json.gz';
    const put = (body: Uint8Array) =>
      store.s3.send(new PutObjectCommand({ Bucket: ARTIFACTS, Key: key, Body: body }));
    const good = await store.s3.send(
      new GetObjectCommand({ Bucket: ARTIFACTS, Key: ARTIFACT_KEY }),
    );
    const goodBytes = await good.Body!.transformToByteArray();
    await put(goodBytes);
    let nowMs = 0;
    const logs = new MemoryLogger();
    const source = new S3ArtifactSource({
      s3: store.s3,
      bucket: ARTIFACTS,
      key,
      fallback: () => {
        throw new Error('the bundled artifact is not needed while S3 has one');
      },
      now: () => nowMs,
      logger: logs,
    });
    const first = await source.current();
    const invalid = () => logs.lines.filter((l) => l.event === 'knowledge.invalid-artifact');

    // Act: a truncated upload, checked twice (the same object is not fetched and logged again),
    // then a gzip bomb (257 gzip members of 1 MiB of zeros: ~260 KiB that unpack past the bound)
    await put(goodBytes.subarray(0, goodBytes.length - 64));
    for (let check = 0; check < 2; check++) {
      nowMs += 61_000;
      expect(await source.current()).toBe(first);
      await source.settled();
    }
    const member = gzipSync(Buffer.alloc(1024 * 1024));
    await put(Buffer.concat(Array.from({ length: 257 }, () => member)));
    nowMs += 61_000;
    await source.current();
    await source.settled();

    // Assess
    expect(await source.current()).toBe(first);
    expect(source.origin).toBe('s3');
    expect(invalid()).toHaveLength(2);
    expect(String(invalid()[0]?.fields.error)).toMatch(/KnowledgeError: .*gzip/);
    expect(String(invalid()[1]?.fields.error)).toMatch(/KnowledgeError: .*more than/);
  });

  it('does not download an artifact larger than its bound, and keeps the index it holds', async () => {
    // Prepare: a warm function holding a good artifact, with a bound just above its size
    const key = 'index/oversized.json.gz';
    const put = (body: Uint8Array) =>
      store.s3.send(new PutObjectCommand({ Bucket: ARTIFACTS, Key: key, Body: body }));
    const good = await store.s3.send(
      new GetObjectCommand({ Bucket: ARTIFACTS, Key: ARTIFACT_KEY }),
    );
    const goodBytes = await good.Body!.transformToByteArray();
    const maxBytes = gunzipSync(goodBytes).length + 1_000;
    await put(goodBytes);
    let nowMs = 0;
    const logs = new MemoryLogger();
    const source = new S3ArtifactSource({
      s3: store.s3,
      bucket: ARTIFACTS,
      key,
      fallback: () => {
        throw new Error('the bundled artifact is not needed while S3 has one');
      },
      now: () => nowMs,
      logger: logs,
      maxBytes,
    });
    const first = await source.current();

    // Act: an object over the bound replaces it
    await put(Buffer.alloc(maxBytes + 1));
    nowMs += 61_000;
    await source.current();
    await source.settled();

    // Assess
    expect(await source.current()).toBe(first);
    const invalid = logs.lines.filter((l) => l.event === 'knowledge.invalid-artifact');
    expect(invalid).toHaveLength(1);
    expect(String(invalid[0]?.fields.error)).toMatch(/more than/);
  });
});
