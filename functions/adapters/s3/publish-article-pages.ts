/**
 * The help centre's public pages in AWS: one HTML page per article (`help/<lang>/<id>`) and one
 * list per language (`help/<lang>/`), rendered from the index artifact that was just built and
 * written to the site bucket that CloudFront serves, so every link the bot gives works with no
 * external help centre. Pages of articles that are gone are deleted. A marker object
 * (`help/.artifact-hash`) records which artifact the pages show: the same artifact is not
 * written again, and a site bucket configured later still gets its pages on the next run.
 */
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { Logger } from '#core/ports.ts';
import type { ArticleRecord, IndexArtifact } from '#core/retrieval/index-artifact.ts';
import type { Lang } from '#core/types.ts';
import { renderArticleListPage, renderArticlePage } from '../http/article-page.ts';
import { httpStatus, listObjects } from './s3-objects.ts';

export interface PublishArticlePagesOptions {
  s3: S3Client;
  bucket: string;
  /** Key prefix of the pages; default `help/` (the path articles link to). */
  prefix?: string;
  artifact: IndexArtifact;
  logger: Logger;
}

export interface PagesResult {
  status: 'written' | 'unchanged';
  written: number;
  deleted: number;
}

const HTML = 'text/html; charset=utf-8';
/** Pages change when articles are published: CloudFront and browsers may keep them 5 minutes. */
const CACHE_CONTROL = 'public, max-age=300';
/** Writes in flight at once. */
const PARALLEL = 16;

export async function publishArticlePages(
  options: PublishArticlePagesOptions,
): Promise<PagesResult> {
  const { s3, bucket, artifact, logger } = options;
  const prefix = options.prefix ?? 'help/';
  const markerKey = `${prefix}.artifact-hash`;
  if ((await readText(s3, bucket, markerKey)) === artifact.hash) {
    return { status: 'unchanged', written: 0, deleted: 0 };
  }

  const pages = new Map<string, string>();
  for (const lang of artifact.langs) {
    const list = artifact.indexes[lang]?.articles;
    if (!list) continue;
    const records: ArticleRecord[] = Array.isArray(list)
      ? list
      : Array.from({ length: list.length }, (_, i) => list.get(i));
    for (const record of records) {
      pages.set(`${prefix}${lang}/${record.id}`, renderArticlePage(record));
    }
    pages.set(`${prefix}${lang}/`, renderArticleListPage(lang as Lang, sortedByTitle(records)));
  }

  const entries = [...pages];
  for (let i = 0; i < entries.length; i += PARALLEL) {
    await Promise.all(
      entries.slice(i, i + PARALLEL).map(([key, body]) =>
        s3.send(
          new PutObjectCommand({
            Bucket: bucket,
            Key: key,
            Body: body,
            ContentType: HTML,
            CacheControl: CACHE_CONTROL,
          }),
        ),
      ),
    );
  }
  const stale = (await listObjects(s3, bucket, prefix))
    .map((o) => o.Key!)
    .filter((key) => key !== markerKey && !pages.has(key));
  for (let i = 0; i < stale.length; i += 1000) {
    await s3.send(
      new DeleteObjectsCommand({
        Bucket: bucket,
        Delete: { Objects: stale.slice(i, i + 1000).map((Key) => ({ Key })), Quiet: true },
      }),
    );
  }
  await s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: markerKey,
      Body: artifact.hash,
      ContentType: 'text/plain',
    }),
  );
  logger.info('indexer.pages_published', { written: pages.size, deleted: stale.length });
  return { status: 'written', written: pages.size, deleted: stale.length };
}

function sortedByTitle(records: ArticleRecord[]): { id: string; title: string }[] {
  return records
    .map((r) => ({ id: r.id, title: r.title }))
    .sort((a, b) => a.title.localeCompare(b.title));
}

async function readText(s3: S3Client, bucket: string, key: string): Promise<string | undefined> {
  try {
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return await object.Body?.transformToString();
  } catch (error) {
    const status = httpStatus(error);
    if (status === 404 || status === 403) return undefined;
    throw error;
  }
}
