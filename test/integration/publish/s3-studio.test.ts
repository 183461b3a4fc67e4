/**
 * The content studio's AWS parts for the staff function (functions/app/lambda/s3-studio.ts), on
 * s3rver: the live articles' questions as the learning loop's ArticleCatalog (read at most once
 * a minute, a failed read neither fatal nor cached), and the IndexRebuild of a deployed stack
 * (`queued`, with the rejections the indexer last reported).
 */
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '#app/config.ts';
import { liveArticleCatalog, queuedS3Rebuild, s3StudioStores } from '#app/lambda/s3-studio.ts';
import { createTelemetry } from '#app/lambda/telemetry.ts';
import { S3DocumentStore } from '#adapters/s3/s3-document-store.ts';
import { captureLogs } from '../../helpers/lambda-env.ts';
import { startS3TestStore, type S3TestStore } from './s3-test-store.ts';

const KNOWLEDGE = 'mujib-knowledge-studio';
const ARTIFACTS = 'mujib-artifacts-studio';

function article(id: string, title: string, questions: string[]): string {
  return [
    '---',
    `id: ${id}`,
    `title: ${title}`,
    `summary: ${title}.`,
    'questions:',
    ...questions.map((q) => `  - ${q}`),
    '---',
    `## ${title}`,
    `${title} takes a minute from your account page.`,
    '',
  ].join('\n');
}

let s3: S3TestStore;
const logger = createTelemetry('staff', 'info').logger;

beforeAll(async () => {
  s3 = await startS3TestStore([KNOWLEDGE, ARTIFACTS]);
});
afterAll(() => s3?.stop());

/** A clock the test moves by hand. */
function manualClock(start = Date.parse('2026-12-02T07:00:00Z')) {
  let now = start;
  return { now: () => new Date(now), advance: (ms: number) => void (now += ms) };
}

describe('the S3 studio stores', () => {
  it('are the knowledge bucket under knowledge/ and the artifact bucket under studio/', () => {
    const config = loadConfig({
      MUJIB_MODE: 'local',
      MUJIB_KNOWLEDGE_BUCKET: KNOWLEDGE,
      MUJIB_INDEX_BUCKET: ARTIFACTS,
    });

    const stores = s3StudioStores(config, s3.s3);

    expect(stores?.live).toMatchObject({ bucket: KNOWLEDGE, prefix: 'knowledge/' });
    expect(stores?.studio).toMatchObject({ bucket: ARTIFACTS, prefix: 'studio/' });
    expect(s3StudioStores(loadConfig({ MUJIB_MODE: 'local' }), s3.s3)).toBeUndefined();
  });
});

describe('the live article catalog', () => {
  it("gives each language's articles with their listed questions, README and drafts aside", async () => {
    const live = new S3DocumentStore({ s3: s3.s3, bucket: KNOWLEDGE, prefix: 'c1/knowledge/' });
    await live.put(
      'en/gift-cards.md',
      article('gift-cards', 'Redeem a gift card', ['use my voucher']),
    );
    await live.put('ar/gift-cards.md', article('gift-cards', 'استخدام بطاقة الهدية', ['قسيمة']));
    await live.put('README.md', '# not an article');
    const catalog = liveArticleCatalog(live, { clock: manualClock(), logger });

    const english = await catalog.questions('en');
    const arabic = await catalog.questions('ar');

    expect([...english]).toEqual([['gift-cards', ['use my voucher']]]);
    expect([...arabic]).toEqual([['gift-cards', ['قسيمة']]]);
  });

  it('reads the bucket at most once a minute, then only the articles that changed', async () => {
    const client = s3.client();
    const sent: string[] = [];
    client.middlewareStack.add(
      (next, context) => (args) => {
        sent.push(context.commandName ?? '?');
        return next(args);
      },
      { step: 'initialize' },
    );
    const live = new S3DocumentStore({ s3: client, bucket: KNOWLEDGE, prefix: 'c2/knowledge/' });
    await live.put('en/returns.md', article('returns', 'Return an order', ['send it back']));
    await live.put('en/hours.md', article('hours', 'Opening hours', ['when are you open']));
    const clock = manualClock();
    const catalog = liveArticleCatalog(live, { clock, logger });
    const before = await catalog.questions('en');

    // Likely within the same second as the first version: S3 keeps LastModified to the second.
    await live.put(
      'en/returns.md',
      article('returns', 'Return an order', ['send it back', 'return label']),
    );
    sent.length = 0;
    clock.advance(59_000);
    const within = await catalog.questions('en');
    const readsWithin = [...sent];
    clock.advance(1_000);
    const after = await catalog.questions('en');

    expect(before.get('returns')).toEqual(['send it back']);
    expect(within.get('returns')).toEqual(['send it back']);
    expect(readsWithin).toEqual([]);
    expect(after.get('returns')).toEqual(['send it back', 'return label']);
    expect(after.get('hours')).toEqual(['when are you open']);
    expect(sent).toEqual(['ListObjectsV2Command', 'GetObjectCommand']);
    client.destroy();
  });

  it('a failed read answers no questions and is logged, and the next call reads again', async () => {
    const bucket = 'mujib-knowledge-created-later';
    const live = new S3DocumentStore({ s3: s3.s3, bucket, prefix: 'knowledge/' });
    const catalog = liveArticleCatalog(live, { clock: manualClock(), logger });

    const logs = captureLogs();
    const failed = await catalog.questions('en').finally(() => logs.stop());
    await s3.s3.send(new CreateBucketCommand({ Bucket: bucket }));
    await live.put('en/hours.md', article('hours', 'Opening hours', ['when are you open']));
    const retried = await catalog.questions('en');

    expect(failed.size).toBe(0);
    expect(logs.lines).toContainEqual(
      expect.objectContaining({
        level: 'WARN',
        message: 'article_catalog.read_failed',
        error: expect.stringContaining('NoSuchBucket'),
      }),
    );
    expect(retried.get('hours')).toEqual(['when are you open']);
  });
});

describe('the queued rebuild (AWS)', () => {
  it("answers queued with the indexer's last reported rejections, or none before any report", async () => {
    const studio = new S3DocumentStore({ s3: s3.s3, bucket: ARTIFACTS, prefix: 'r1/studio/' });
    const rebuild = queuedS3Rebuild(studio);
    const none = await rebuild.rebuild();
    const rejected = [
      {
        file: 'en/broken.md',
        serving: 'none',
        problems: [
          { file: 'en/broken.md', line: 2, severity: 'error', message: 'title is required' },
        ],
      },
    ];
    await studio.put(
      'report/rejected.json',
      JSON.stringify({ at: '2026-12-02T07:00:00.000Z', rejected }),
    );

    const reported = await rebuild.rebuild();

    expect(none).toEqual({ status: 'queued', rejected: [] });
    expect(reported).toEqual({ status: 'queued', rejected });
  });
});
