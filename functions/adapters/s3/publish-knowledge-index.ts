/**
 * The indexer's work, with the S3 client injected so it runs against any S3-compatible store:
 * read every article under the knowledge prefix → parse → lint → build the index artifact →
 * write it to the artifact key when the content changed. A broken article is left out on its own
 * (its last good version, kept under `last-good/` in the artifact bucket, serves instead) and the
 * rest publish; links to a deleted article are warnings (select-publishable.ts).
 *
 * Steps: list + read → selectPublishable (parse, lint, leave out) → refuse when nothing is left →
 * compare the content hash with the published artifact's `hash` metadata → PutObject (the binary
 * artifact, artifact-container.ts, gzip-compressed: ~4× less to store and download).
 */
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { Problem } from '#core/knowledge/article.ts';
import type { Logger } from '#core/ports.ts';
import { encodeArtifact } from '#core/retrieval/artifact-container.ts';
import type { IndexArtifact } from '#core/retrieval/index-artifact.ts';
import { publishArticlePages, type PagesResult } from './publish-article-pages.ts';
import { buildIndexArtifact } from '#core/retrieval/build-index.ts';
import { LastGoodArticles } from './last-good-articles.ts';
import { S3ArticleSource } from './s3-article-source.ts';
import { selectPublishable, type RejectedArticle } from '#core/knowledge/select-publishable.ts';
import { httpStatus } from './s3-objects.ts';

export interface PublishKnowledgeIndexOptions {
  s3: S3Client;
  knowledgeBucket: string;
  /** e.g. `knowledge/` */
  knowledgePrefix: string;
  artifactBucket: string;
  /** e.g. `index/knowledge-index.json` (must be outside the knowledge prefix). */
  artifactKey: string;
  logger: Logger;
  now?: () => Date;
  /**
   * Where the articles' public HTML pages go (the CloudFront site bucket): written from the
   * artifact built when it is published or unchanged (publish-article-pages.ts), never from a
   * rejected build, so the last good pages keep serving.
   */
  pages?: { bucket: string; prefix?: string };
  /** Prefix in the artifact bucket of the last good article versions (default `last-good/`). */
  lastGoodPrefix?: string;
}

/**
 * What happened to the live index: `published` (a new artifact, possibly without some rejected
 * articles), `unchanged` (nothing to do), `rejected` (articles were rejected and nothing else
 * changed, or nothing at all is publishable): the last good artifact keeps serving.
 */
export type PublishStatus = 'published' | 'unchanged' | 'rejected';

export interface PublishResult {
  status: PublishStatus;
  /** Markdown files read. */
  files: number;
  articles: number;
  errors: number;
  warnings: number;
  /** Content hash of the artifact built (published or unchanged). */
  hash?: string;
  /** Size in bytes of the artifact written (gzip). */
  bytes?: number;
  /** Size in bytes of the artifact before compression. */
  rawBytes?: number;
  /** The public pages, when a pages bucket is configured. */
  pages?: PagesResult;
  problems: Problem[];
  /** Articles left out (or served in their last good version), with their lint messages. */
  rejected: RejectedArticle[];
}

const gzipAsync = promisify(gzip);

/** Metadata key (x-amz-meta-content-hash) carrying the artifact's content hash. */
export const HASH_METADATA = 'content-hash';

/**
 * Rebuilds and publishes the index from what is in the knowledge bucket now.
 * @example await publishKnowledgeIndex({ s3, knowledgeBucket, knowledgePrefix: 'knowledge/',
 *   artifactBucket, artifactKey: 'index/knowledge-index.json', logger });
 */
export async function publishKnowledgeIndex(
  options: PublishKnowledgeIndexOptions,
): Promise<PublishResult> {
  const { s3, logger } = options;
  const files = await new S3ArticleSource({
    s3,
    bucket: options.knowledgeBucket,
    prefix: options.knowledgePrefix,
  }).readAll();
  const lastGood = new LastGoodArticles({
    s3,
    bucket: options.artifactBucket,
    ...(options.lastGoodPrefix ? { prefix: options.lastGoodPrefix } : {}),
  });
  const selection = await selectPublishable(files, (file) => lastGood.read(file));
  const { articles, rejected } = selection;
  const problems = [...rejected.flatMap((r) => r.problems), ...selection.warnings];
  const errors = problems.filter((p) => p.severity === 'error').length;
  const base = {
    files: files.length,
    articles: articles.length,
    errors,
    warnings: problems.length - errors,
    problems,
    rejected,
  };
  for (const p of selection.warnings) {
    // `problem`, not `message`: the logger writes the event name to `message`.
    logger.warn('indexer.problem', {
      file: p.file,
      line: p.line,
      severity: p.severity,
      problem: p.message,
    });
  }
  for (const r of rejected) {
    logger.error('indexer.rejected', {
      file: r.file,
      serving: r.serving,
      ...(r.owner ? { owner: r.owner } : {}),
      problems: r.problems.map((p) => `${p.file}:${p.line}: ${p.severity}: ${p.message}`),
    });
  }

  if (articles.length === 0) {
    // Nothing publishable at all (an empty prefix is far more often a mistake than intent).
    logger.error('indexer.rejected', { ...summary(base), reason: 'no articles to publish' });
    return { status: 'rejected', ...base };
  }

  const artifact = buildIndexArtifact(articles, { now: options.now?.() });
  const published = await publishedHash(options);
  const present = new Set(files.map((f) => f.file));
  if (published === artifact.hash) {
    await lastGood.update(selection.accepted, present);
    // Nothing changed in the live index: if an upload was rejected, that is the whole outcome.
    const status = rejected.length > 0 ? 'rejected' : 'unchanged';
    logger.info('indexer.unchanged', { ...summary(base), hash: artifact.hash });
    const pages = await publishPages(options, artifact);
    return { status, ...base, hash: artifact.hash, ...(pages ? { pages } : {}) };
  }

  const raw = Buffer.concat(encodeArtifact(artifact));
  const body = await gzipAsync(raw);
  await s3.send(
    new PutObjectCommand({
      Bucket: options.artifactBucket,
      Key: options.artifactKey,
      Body: body,
      ContentType: 'application/octet-stream',
      // Readers gunzip it themselves (s3-artifact-source.ts); the header says what it is.
      ContentEncoding: 'gzip',
      Metadata: { [HASH_METADATA]: artifact.hash, articles: String(artifact.articleCount) },
    }),
  );
  await lastGood.update(selection.accepted, present);
  const bytes = body.length;
  const rawBytes = raw.length;
  logger.info('indexer.published', { ...summary(base), hash: artifact.hash, bytes, rawBytes });
  const pages = await publishPages(options, artifact);
  return {
    status: 'published',
    ...base,
    hash: artifact.hash,
    bytes,
    rawBytes,
    ...(pages ? { pages } : {}),
  };
}

function publishPages(
  options: PublishKnowledgeIndexOptions,
  artifact: IndexArtifact,
): Promise<PagesResult | undefined> {
  if (!options.pages) return Promise.resolve(undefined);
  return publishArticlePages({
    s3: options.s3,
    bucket: options.pages.bucket,
    ...(options.pages.prefix ? { prefix: options.pages.prefix } : {}),
    artifact,
    logger: options.logger,
  });
}

/** Hash of the artifact published now; undefined when there is none yet. */
async function publishedHash(options: PublishKnowledgeIndexOptions): Promise<string | undefined> {
  try {
    const head = await options.s3.send(
      new HeadObjectCommand({ Bucket: options.artifactBucket, Key: options.artifactKey }),
    );
    return head.Metadata?.[HASH_METADATA];
  } catch (error) {
    const status = httpStatus(error);
    // 403: without s3:ListBucket (the indexer has none on the artifact bucket) S3 answers a
    // missing key with 403; a real lack of access then fails on the PutObject below.
    if (status === 404 || status === 403) return undefined;
    throw error;
  }
}

function summary(r: { files: number; articles: number; errors: number; warnings: number }) {
  return { files: r.files, articles: r.articles, errors: r.errors, warnings: r.warnings };
}
