import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileKnowledgeSource } from '#adapters/knowledge/file-knowledge-source.ts';
import { MemoryLogger } from '#adapters/log/json-logger.ts';
import { KnowledgeError } from '#core/errors.ts';
import { parseArticle } from '#core/knowledge/parse-article.ts';
import { buildIndexArtifact } from '#core/retrieval/build-index.ts';

const article = (id: string, title: string, question: string): string =>
  [
    '---',
    `id: ${id}`,
    `title: ${title}`,
    `summary: ${title}.`,
    'questions:',
    `  - ${question}`,
    `  - ${question} please`,
    '---',
    '',
    `${title} from the account page. ${question}.`,
    '',
  ].join('\n');

const RESET = article('reset-password', 'Reset your password', 'how do I reset my password');
const GIFT = article('gift-cards', 'Redeem a gift card', 'how do I redeem a gift card');

const artifactOf = (...sources: string[]): Buffer =>
  gzipSync(
    JSON.stringify(
      buildIndexArtifact(
        sources.map((s, i) => parseArticle(s, `en/a${i}.md`, { defaultLang: 'en' }).article!),
      ),
    ),
  );

describe('FileKnowledgeSource', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kb-file-source-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads a gzip artifact and swaps a rebuilt one in the background, never mid-request', async () => {
    // Prepare: a server holding a one-article index, with a clock we move
    const path = join(dir, 'knowledge-index.json.gz');
    await writeFile(path, artifactOf(RESET));
    let nowMs = 1_000;
    const reloads: number[] = [];
    const source = new FileKnowledgeSource(path, {
      checkEveryMs: 5_000,
      now: () => nowMs,
      onReload: (i) => reloads.push(i.meta.articleCount),
    });
    const first = await source.current();
    expect(first.meta.articleCount).toBe(1);

    // Act: `kb build` writes a new artifact; the next check is due
    await writeFile(path, artifactOf(RESET, GIFT));
    await utimes(path, new Date(), new Date(Date.now() + 10_000));
    nowMs += 6_000;
    const during = await source.current();
    await source.settled();
    const after = await source.current();

    // Assess: the request that noticed kept the old index; the next one has the new
    expect(during).toBe(first);
    expect(after).not.toBe(first);
    expect(after.meta.articleCount).toBe(2);
    expect(reloads).toEqual([2]);
  });

  it('keeps the index it has when the file turns into garbage', async () => {
    // Prepare
    const path = join(dir, 'broken.json');
    await writeFile(
      path,
      JSON.stringify(
        buildIndexArtifact([parseArticle(RESET, 'en/r.md', { defaultLang: 'en' }).article!]),
      ),
    );
    let nowMs = 0;
    const source = new FileKnowledgeSource(path, { now: () => nowMs });
    const first = await source.current();

    // Act
    await writeFile(path, '{"version": 4, "indexes": {');
    await utimes(path, new Date(), new Date(Date.now() + 20_000));
    nowMs += 10_000;
    await source.current();
    await source.settled();

    // Assess
    expect(await source.current()).toBe(first);
  });

  it('logs a rebuilt artifact that does not load, once, and keeps serving the old one', async () => {
    // Prepare
    const path = join(dir, 'logged.json.gz');
    await writeFile(path, artifactOf(RESET));
    let nowMs = 0;
    const logger = new MemoryLogger();
    const source = new FileKnowledgeSource(path, { now: () => nowMs, logger });
    const first = await source.current();
    const truncated = artifactOf(RESET, GIFT);

    // Act: a truncated gzip lands; two checks see it
    await writeFile(path, truncated.subarray(0, truncated.length - 40));
    await utimes(path, new Date(), new Date(Date.now() + 30_000));
    for (let check = 0; check < 2; check++) {
      nowMs += 10_000;
      await source.current();
      await source.settled();
    }

    // Assess
    expect(await source.current()).toBe(first);
    const failures = logger.lines.filter((l) => l.event === 'knowledge.invalid-artifact');
    expect(failures).toHaveLength(1);
    expect(failures[0]?.fields).toMatchObject({ path, error: expect.stringMatching(/gzip/) });
  });

  it('refuses a corrupt gzip file at start-up with a KnowledgeError', async () => {
    const path = join(dir, 'corrupt.json.gz');
    const gzip = artifactOf(RESET);
    await writeFile(path, gzip.subarray(0, gzip.length - 40));

    expect(() => new FileKnowledgeSource(path)).toThrow(KnowledgeError);
  });
});
