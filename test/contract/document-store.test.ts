// Runs the DocumentStore contract against DiskDocumentStore (a temp folder) and S3DocumentStore
// (s3rver on 127.0.0.1), plus what only one of them can show: temporary files, content types and
// the bucket prefix. (Listing past one ListObjectsV2 page is the shared listObjects helper's job;
// s3rver 3 cannot make a continuation token on Node 20 — it uses DES, which OpenSSL 3 refuses.)
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiskDocumentStore } from '#adapters/disk/disk-document-store.ts';
import { S3DocumentStore } from '#adapters/s3/s3-document-store.ts';
import { startS3TestStore, type S3TestStore } from '../integration/publish/s3-test-store.ts';
import { documentStoreContract } from './document-store.contract.ts';

const BUCKET = 'mujib-document-store-contract';

let s3rver: S3TestStore;
const folders: string[] = [];
let stores = 0;

beforeAll(async () => {
  s3rver = await startS3TestStore([BUCKET]);
});
afterAll(async () => {
  await s3rver?.stop();
  await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
});

async function freshFolder(): Promise<string> {
  const folder = await mkdtemp(path.join(tmpdir(), 'mujib-documents-'));
  folders.push(folder);
  return folder;
}

/** A store under a prefix of its own, with neighbours outside the prefix it must not see. */
async function freshS3Store(): Promise<S3DocumentStore> {
  stores += 1;
  const prefix = `store-${stores}/studio`;
  await s3rver.put(BUCKET, `store-${stores}/studio-archive/drafts/en/a.md`, 'neighbour');
  await s3rver.put(BUCKET, `store-${stores}/drafts/en/a.md`, 'outside');
  return new S3DocumentStore({ s3: s3rver.s3, bucket: BUCKET, prefix });
}

documentStoreContract('DiskDocumentStore in a temp folder', async () => {
  return new DiskDocumentStore({ root: path.join(await freshFolder(), 'studio') });
});
documentStoreContract('S3DocumentStore on s3rver', freshS3Store);

describe('DiskDocumentStore', () => {
  it('leaves no temporary file behind and never lists one of an unfinished write', async () => {
    const root = await freshFolder();
    const store = new DiskDocumentStore({ root });
    await store.put('drafts/en/a.md', 'a');
    // What a write cut short (a crash between write and rename) leaves in the folder.
    await writeFile(path.join(root, 'drafts', 'en', '.b.md.0123456789abcdef.tmp'), 'half');

    const listed = await store.list('drafts/');

    expect(listed.map((d) => d.key)).toEqual(['drafts/en/a.md']);
    expect((await readdir(path.join(root, 'drafts', 'en'))).sort()).toEqual([
      '.b.md.0123456789abcdef.tmp',
      'a.md',
    ]);
  });

  it('a write that cannot land keeps the old state and cleans up its temporary file', async () => {
    const root = await freshFolder();
    const store = new DiskDocumentStore({ root });
    await store.put('en/a/b.md', 'b'); // `en/a` is a folder now

    await expect(store.put('en/a', 'over a folder')).rejects.toMatchObject({
      code: expect.stringMatching(/^E(ISDIR|NOTEMPTY|EXIST)$/),
    });

    expect(await readdir(path.join(root, 'en'))).toEqual(['a']);
    expect((await store.get('en/a/b.md'))?.text).toBe('b');
  });

  it('lists dotfiles that are documents (e.g. .kb-sync.json), only temp files are hidden', async () => {
    const root = await freshFolder();
    await mkdir(path.join(root, 'en'), { recursive: true });
    await writeFile(path.join(root, '.kb-sync.json'), '{}');
    const store = new DiskDocumentStore({ root });

    expect((await store.list('')).map((d) => d.key)).toEqual(['.kb-sync.json']);
  });
});

describe('S3DocumentStore', () => {
  it('stores Markdown as text/markdown and everything else as JSON, under its prefix', async () => {
    const store = new S3DocumentStore({ s3: s3rver.s3, bucket: BUCKET, prefix: '/typed/' });

    await store.put('en/a.md', '# A');
    await store.put('drafts/en/a.md.json', '{}');
    const markdown = await s3rver.s3.send(
      new HeadObjectCommand({ Bucket: BUCKET, Key: 'typed/en/a.md' }),
    );
    const json = await s3rver.s3.send(
      new HeadObjectCommand({ Bucket: BUCKET, Key: 'typed/drafts/en/a.md.json' }),
    );

    expect(store.prefix).toBe('typed/');
    expect(markdown.ContentType).toMatch(/^text\/markdown/);
    expect(json.ContentType).toMatch(/^application\/json/);
  });

  it('leaves out objects no key can name (console folders, backslashes)', async () => {
    const store = new S3DocumentStore({ s3: s3rver.s3, bucket: BUCKET, prefix: 'odd/' });
    await store.put('drafts/en/a.md', 'a');
    for (const Key of ['odd/drafts/', 'odd/drafts/en/back\\slash.md']) {
      await s3rver.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key, Body: 'x' }));
    }

    expect((await store.list('drafts/')).map((d) => d.key)).toEqual(['drafts/en/a.md']);
  });
});
