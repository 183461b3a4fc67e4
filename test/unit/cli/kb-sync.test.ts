/**
 * `kb pull` / `kb push` against a local S3 (s3rver on 127.0.0.1, the real S3 client): the bucket
 * is the source of truth; pull brings its articles into a folder, push sends local edits back and
 * refuses to overwrite a version someone published after the last pull, unless --force.
 */
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryOutput } from '../../../functions/cli/output.ts';
import { runKb } from '../../../functions/cli/run-kb.ts';
import { startS3TestStore, type S3TestStore } from '../../integration/publish/s3-test-store.ts';

const BUCKET = 'mujib-knowledge-sync';
let store: S3TestStore;
let dir: string;
const saved = { ...process.env };

const kb = async (...argv: string[]) => {
  const io = memoryOutput();
  const code = await runKb([...argv, dir, '--bucket', BUCKET, '--endpoint', store.endpoint], io);
  return { code, out: io.stdout, err: io.stderr };
};
const live = async (file: string) => {
  const object = await store.s3.send(
    new GetObjectCommand({ Bucket: BUCKET, Key: `knowledge/${file}` }),
  );
  return (await object.Body?.transformToString()) ?? '';
};

beforeAll(async () => {
  store = await startS3TestStore([BUCKET]);
  dir = await mkdtemp(join(tmpdir(), 'kb-sync-'));
  // s3rver's fixed credentials, found by the SDK's default chain as in a real shell.
  Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER' });
  await store.put(BUCKET, 'knowledge/en/a.md', 'A live');
  await store.put(BUCKET, 'knowledge/ar/b.md', 'B live');
  await store.put(BUCKET, 'knowledge/README.md', 'not an article');
});

afterAll(async () => {
  process.env = saved;
  await store?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('kb pull and kb push', () => {
  it('pull copies the bucket’s articles into the folder', async () => {
    await mkdir(join(dir, 'en'), { recursive: true });
    await writeFile(join(dir, 'en', 'draft.md'), 'Draft, never pushed');

    const { code, out, err } = await kb('pull');

    expect(code).toBe(0);
    expect(await readFile(join(dir, 'en', 'a.md'), 'utf-8')).toBe('A live');
    expect(await readFile(join(dir, 'ar', 'b.md'), 'utf-8')).toBe('B live');
    expect(out.at(-1)).toBe('2 pulled, 0 unchanged, 1 only local');
    expect(err).toEqual(['only local: en/draft.md (kb push to publish it, or delete it)']);
  });

  it('push uploads a local edit and a new article', async () => {
    await writeFile(join(dir, 'en', 'a.md'), 'A edited locally');

    const { code, out } = await kb('push');

    expect(code).toBe(0);
    expect(out).toEqual([
      'created en/draft.md',
      'updated en/a.md',
      '1 created, 1 updated, 1 unchanged, 0 refused',
    ]);
    expect(await live('en/a.md')).toBe('A edited locally');
    expect(await live('en/draft.md')).toBe('Draft, never pushed');
  });

  it('push refuses to overwrite a version published after the last pull; --force does', async () => {
    await store.put(BUCKET, 'knowledge/en/a.md', 'A edited by a writer in the bucket');
    await writeFile(join(dir, 'en', 'a.md'), 'A edited locally again');
    await writeFile(join(dir, 'ar', 'b.md'), 'B edited locally');

    const refused = await kb('push');

    expect(refused.code).toBe(1);
    expect(refused.err).toContain(
      'newer in the bucket: en/a.md (kb pull and merge, or push --force)',
    );
    // Nothing was pushed, not even the article without a conflict.
    expect(await live('en/a.md')).toBe('A edited by a writer in the bucket');
    expect(await live('ar/b.md')).toBe('B live');

    const forced = await kb('push', '--force');

    expect(forced.code).toBe(0);
    expect(await live('en/a.md')).toBe('A edited locally again');
    expect(await live('ar/b.md')).toBe('B edited locally');
  });

  it('a pull after a push finds nothing to do', async () => {
    const { code, out } = await kb('pull');

    expect(code).toBe(0);
    expect(out.at(-1)).toBe('0 pulled, 3 unchanged, 0 only local');
  });

  it('needs --bucket (usage error, exit 2)', async () => {
    const io = memoryOutput();
    expect(await runKb(['push', dir], io)).toBe(2);
    expect(io.stderr[0]).toBe('kb push: kb push needs --bucket <knowledge bucket>');
  });
});
