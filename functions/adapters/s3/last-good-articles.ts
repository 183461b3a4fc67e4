/**
 * The last good version of every article, kept in the artifact bucket under `last-good/` (outside
 * the knowledge prefix, so writing it never triggers the indexer): the source of each article as
 * it was when it last passed lint. When a writer uploads a broken version, the indexer serves
 * this one instead; when an article is deleted from the knowledge bucket, its last good version
 * is deleted too, so a deletion always takes effect.
 */
import { createHash } from 'node:crypto';
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { ArticleFile } from './s3-article-source.ts';
import { httpStatus, listObjects } from './s3-objects.ts';

export const LAST_GOOD_PREFIX = 'last-good/';

export interface LastGoodArticlesOptions {
  s3: S3Client;
  bucket: string;
  /** Default `last-good/`. */
  prefix?: string;
}

export class LastGoodArticles {
  private readonly prefix: string;

  constructor(private readonly options: LastGoodArticlesOptions) {
    this.prefix = options.prefix ?? LAST_GOOD_PREFIX;
  }

  /** The last good source of `file`, or undefined when it never passed. */
  async read(file: string): Promise<string | undefined> {
    try {
      const object = await this.options.s3.send(
        new GetObjectCommand({ Bucket: this.options.bucket, Key: this.prefix + file }),
      );
      return await object.Body?.transformToString('utf-8');
    } catch (error) {
      if (httpStatus(error) === 404 || httpStatus(error) === 403) return undefined;
      throw error;
    }
  }

  /**
   * Records the accepted versions (only those that changed: the listing's ETag is the MD5 of
   * a single-part upload) and deletes the versions of files no longer in the collection.
   */
  async update(
    accepted: readonly ArticleFile[],
    present: ReadonlySet<string>,
  ): Promise<{ written: number; deleted: number }> {
    const { s3, bucket } = this.options;
    const held = await this.list();
    const changed = accepted.filter((f) => held.get(f.file) !== md5(f.source));
    for (const { file, source } of changed) {
      await s3.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: this.prefix + file,
          Body: source,
          ContentType: 'text/markdown; charset=utf-8',
        }),
      );
    }
    const gone = [...held.keys()].filter((file) => !present.has(file));
    for (let i = 0; i < gone.length; i += 1000) {
      await s3.send(
        new DeleteObjectsCommand({
          Bucket: bucket,
          Delete: {
            Objects: gone.slice(i, i + 1000).map((file) => ({ Key: this.prefix + file })),
            Quiet: true,
          },
        }),
      );
    }
    return { written: changed.length, deleted: gone.length };
  }

  /** file → ETag (without quotes) of every last good version held. */
  private async list(): Promise<Map<string, string>> {
    const held = new Map<string, string>();
    for (const o of await listObjects(this.options.s3, this.options.bucket, this.prefix)) {
      held.set(o.Key!.slice(this.prefix.length), (o.ETag ?? '').replace(/"/g, ''));
    }
    return held;
  }
}

function md5(text: string): string {
  return createHash('md5').update(text, 'utf-8').digest('hex');
}
