/**
 * `kb pull` / `kb push`: the knowledge bucket is the source of truth for live content, the
 * repo's `knowledge/` its seed and backup. Pull copies the bucket's articles into a local folder
 * and records the ETag of each version it got (in `<dir>/.kb-sync.json`); push uploads local
 * articles that differ from the bucket, refusing — for the whole push — when the bucket's version
 * is not the one last pulled or pushed (someone published since), unless forced. Neither
 * deletes: articles only on one side are reported.
 *
 * Push writes are conditional: `If-None-Match: *` for a new article and `If-Match: <ETag seen>`
 * for a changed one, so a writer's upload racing the push is not overwritten either.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import {
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { putIfAbsent } from './seed-articles.ts';
import { httpStatus, listObjects } from './s3-objects.ts';

export interface SyncTarget {
  s3: S3Client;
  bucket: string;
  /** e.g. `knowledge/` */
  prefix: string;
  /** Local folder, e.g. `knowledge`. */
  dir: string;
}

export interface PullResult {
  /** Files written (new or changed locally). */
  written: string[];
  unchanged: string[];
  /** Local articles the bucket does not hold (not deleted: push them, or delete them). */
  localOnly: string[];
}

export interface PushResult {
  /** New in the bucket. */
  created: string[];
  /** Changed in the bucket. */
  updated: string[];
  unchanged: string[];
  /** The bucket's version is newer than the local file: nothing was pushed (unless forced). */
  conflicts: string[];
  /** In the bucket only (not deleted). */
  remoteOnly: string[];
}

/** The file in the folder recording which bucket version each local article came from. */
export const SYNC_STATE_FILE = '.kb-sync.json';

interface RemoteArticle {
  key: string;
  etag: string;
}

/** Copies every article of the bucket into the folder. */
export async function pullArticles(target: SyncTarget): Promise<PullResult> {
  const remote = await listRemote(target);
  const local = new Set(await listLocal(target.dir));
  const result: PullResult = { written: [], unchanged: [], localOnly: [] };
  const state = await readState(target.dir);
  for (const [file, object] of remote) {
    const body = await readRemote(target, object.key);
    const path = join(target.dir, ...file.split('/'));
    const current = local.has(file) ? await readFile(path, 'utf-8') : undefined;
    if (current === body) result.unchanged.push(file);
    else {
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, body);
      result.written.push(file);
    }
    state[file] = object.etag;
  }
  result.localOnly = [...local].filter((file) => !remote.has(file)).sort();
  await writeState(target.dir, state);
  return result;
}

/** Uploads the local articles that differ from the bucket's. */
export async function pushArticles(
  target: SyncTarget,
  options: { force?: boolean } = {},
): Promise<PushResult> {
  const remote = await listRemote(target);
  const local = await listLocal(target.dir);
  const result: PushResult = {
    created: [],
    updated: [],
    unchanged: [],
    conflicts: [],
    remoteOnly: [...remote.keys()].filter((file) => !local.includes(file)).sort(),
  };
  const state = await readState(target.dir);
  const changes: { file: string; body: string; etag?: string }[] = [];
  for (const file of local) {
    const path = join(target.dir, ...file.split('/'));
    const body = await readFile(path, 'utf-8');
    const object = remote.get(file);
    if (!object) {
      changes.push({ file, body });
      continue;
    }
    if ((await readRemote(target, object.key)) === body) {
      result.unchanged.push(file);
      continue;
    }
    // Changed in the bucket since this folder last pulled or pushed it (or never pulled).
    if (state[file] !== object.etag && !options.force) result.conflicts.push(file);
    changes.push({ file, body, etag: object.etag });
  }
  if (result.conflicts.length > 0 && !options.force) return result;
  result.conflicts = [];

  for (const { file, body, etag } of changes) {
    const key = target.prefix + file;
    if (etag === undefined) {
      const outcome = await putIfAbsent(target.s3, target.bucket, key, body);
      (outcome === 'written' ? result.created : result.conflicts).push(file);
      if (outcome === 'written') state[file] = await remoteEtag(target, key);
      continue;
    }
    try {
      const put = await target.s3.send(
        new PutObjectCommand({
          Bucket: target.bucket,
          Key: key,
          Body: body,
          ContentType: 'text/markdown; charset=utf-8',
          ...(options.force ? {} : { IfMatch: etag }),
        }),
      );
      result.updated.push(file);
      state[file] = put.ETag ?? '';
    } catch (error) {
      if (httpStatus(error) !== 412) throw error;
      result.conflicts.push(file);
    }
  }
  await writeState(target.dir, state);
  return result;
}

/** Articles in the bucket by collection-relative path (README.md and non-.md left out). */
async function listRemote(target: SyncTarget): Promise<Map<string, RemoteArticle>> {
  const remote = new Map<string, RemoteArticle>();
  for (const o of await listObjects(target.s3, target.bucket, target.prefix)) {
    if (!o.Key || !isArticle(o.Key)) continue;
    const file = o.Key.slice(target.prefix.length);
    // A key that would land outside the folder (`..`, empty or absolute parts) is not pulled.
    if (file.split('/').some((part) => part === '' || part === '.' || part === '..')) continue;
    remote.set(file, { key: o.Key, etag: o.ETag ?? '' });
  }
  return remote;
}

async function remoteEtag(target: SyncTarget, key: string): Promise<string> {
  const head = await target.s3.send(new HeadObjectCommand({ Bucket: target.bucket, Key: key }));
  return head.ETag ?? '';
}

/** file → ETag of the bucket version the local file was pulled from or pushed as. */
async function readState(dir: string): Promise<Record<string, string>> {
  try {
    const parsed: unknown = JSON.parse(await readFile(join(dir, SYNC_STATE_FILE), 'utf-8'));
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, string>) : {};
  } catch {
    return {}; // none yet, or unreadable: every differing article counts as changed remotely
  }
}

async function writeState(dir: string, state: Record<string, string>): Promise<void> {
  await mkdir(dir, { recursive: true });
  const sorted = Object.fromEntries(Object.entries(state).sort(([a], [b]) => (a < b ? -1 : 1)));
  await writeFile(join(dir, SYNC_STATE_FILE), `${JSON.stringify(sorted, null, 2)}\n`);
}

async function readRemote(target: SyncTarget, key: string): Promise<string> {
  const object = await target.s3.send(new GetObjectCommand({ Bucket: target.bucket, Key: key }));
  return (await object.Body?.transformToString('utf-8')) ?? '';
}

/** Local articles as posix paths relative to `dir`, sorted; an absent folder has none. */
async function listLocal(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { recursive: true, withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return entries
    .filter((e) => e.isFile() && isArticle(e.name))
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
    .sort();
}

function isArticle(key: string): boolean {
  const name = key.slice(key.lastIndexOf('/') + 1).toLowerCase();
  return name.endsWith('.md') && name !== 'readme.md';
}
