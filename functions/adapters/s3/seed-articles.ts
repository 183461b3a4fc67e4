/**
 * Seeds the knowledge bucket with the repo's articles at deploy time, without ever overwriting
 * what is there: the bucket is the source of truth for live content, git is its seed and backup.
 * A deploy copies each article staged under `seed/` (in the artifact bucket, where BucketDeployment
 * puts the repo's `knowledge/` with fresh timestamps) to `knowledge/` only when the bucket does not
 * hold that article yet. A writer's version, older or newer, is never replaced; changing a live
 * article from git is an explicit `kb push`.
 *
 * Each write is a `PutObject` with `If-None-Match: *` (S3 refuses it with 412 when the key
 * exists, so a writer's upload racing the deploy wins); a HEAD first skips existing keys without
 * a write (and keeps stores without conditional writes, such as s3rver, correct).
 */
import {
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { httpStatus, listObjects } from './s3-objects.ts';

export interface SeedArticlesOptions {
  s3: S3Client;
  /** Where the repo's articles are staged, e.g. the artifact bucket, `seed/knowledge/`. */
  from: { bucket: string; prefix: string };
  /** The live collection, e.g. the knowledge bucket, `knowledge/`. */
  to: { bucket: string; prefix: string };
}

export interface SeedResult {
  /** Collection-relative paths written (the bucket did not hold them). */
  written: string[];
  /** Paths the bucket already held: left as they are. */
  kept: string[];
}

/**
 * Copies every staged article the live collection does not hold yet.
 * @example await seedArticles({ s3, from: { bucket: artifacts, prefix: 'seed/knowledge/' },
 *   to: { bucket: knowledge, prefix: 'knowledge/' } });
 */
export async function seedArticles(options: SeedArticlesOptions): Promise<SeedResult> {
  const { s3, from, to } = options;
  const result: SeedResult = { written: [], kept: [] };
  for (const key of (await listObjects(s3, from.bucket, from.prefix)).map((o) => o.Key!).sort()) {
    const file = key.slice(from.prefix.length);
    if (!file.toLowerCase().endsWith('.md')) continue;
    const target = to.prefix + file;
    if (await exists(s3, to.bucket, target)) {
      result.kept.push(file);
      continue;
    }
    const object = await s3.send(new GetObjectCommand({ Bucket: from.bucket, Key: key }));
    const body = (await object.Body?.transformToString('utf-8')) ?? '';
    const outcome = await putIfAbsent(s3, to.bucket, target, body);
    (outcome === 'written' ? result.written : result.kept).push(file);
  }
  return result;
}

/** PUT that never replaces an object: `exists` when the key is already there (412 from S3). */
export async function putIfAbsent(
  s3: S3Client,
  bucket: string,
  key: string,
  body: string,
): Promise<'written' | 'exists'> {
  try {
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: key,
        Body: body,
        ContentType: 'text/markdown; charset=utf-8',
        IfNoneMatch: '*',
      }),
    );
    return 'written';
  } catch (error) {
    // 412: the key exists; 409: a conflicting conditional write is in flight (S3 says retry —
    // either way another writer got there first, and theirs stands).
    if (httpStatus(error) === 412 || httpStatus(error) === 409) return 'exists';
    throw error;
  }
}

async function exists(s3: S3Client, bucket: string, key: string): Promise<boolean> {
  try {
    await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return true;
  } catch (error) {
    if (httpStatus(error) === 404) return false;
    throw error;
  }
}
