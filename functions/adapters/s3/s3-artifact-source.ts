/**
 * The knowledge index of an answer Lambda: the artifact the indexer published to S3, picked up
 * without a redeploy. S3 is asked at most once a minute, with a conditional GET
 * (`If-None-Match` the ETag held: 304 keeps the loaded index, so a warm Lambda costs one cheap
 * request a minute). The copy bundled at deploy time is the fallback while S3 has no artifact,
 * cannot be reached, or holds one that does not load.
 *
 * @example
 *   const knowledge = new S3ArtifactSource({ s3: new S3Client({}), bucket, key,
 *     fallback: bundledArtifact('/var/task/knowledge-index.json'), logger });
 *   const index = await knowledge.current();
 */
import { readFileSync } from 'node:fs';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { KnowledgeSource, Logger } from '#core/ports.ts';
import { KnowledgeIndex } from '#core/retrieval/knowledge-index.ts';

export interface S3ArtifactSourceOptions {
  s3: S3Client;
  bucket: string;
  key: string;
  /** Loads the bundled artifact; called at most once, when S3 cannot provide one. */
  fallback: () => KnowledgeIndex;
  /** Minimum time between two S3 checks (default 60 000 ms). */
  checkEveryMs?: number;
  /** Milliseconds clock (injected by tests). */
  now?: () => number;
  logger?: Logger;
}

export class S3ArtifactSource implements KnowledgeSource<KnowledgeIndex> {
  private index?: KnowledgeIndex;
  private etag?: string;
  private checkedAt = Number.NEGATIVE_INFINITY;
  private refreshing?: Promise<void>;
  private fallbackIndex?: KnowledgeIndex;

  constructor(private readonly options: S3ArtifactSourceOptions) {}

  /** The newest index known; asks S3 first when the last check is over a minute old. */
  async current(): Promise<KnowledgeIndex> {
    const now = this.options.now?.() ?? Date.now();
    if (!this.index || now - this.checkedAt >= (this.options.checkEveryMs ?? 60_000)) {
      this.checkedAt = now;
      this.refreshing ??= this.refresh().finally(() => {
        this.refreshing = undefined;
      });
      await this.refreshing;
    }
    return this.index ?? this.useFallback();
  }

  /** Where the index in use came from (for health checks and logs). */
  get origin(): 's3' | 'bundled' | 'none' {
    if (!this.index) return 'none';
    return this.index === this.fallbackIndex ? 'bundled' : 's3';
  }

  private async refresh(): Promise<void> {
    const { s3, bucket, key, logger } = this.options;
    try {
      const object = await s3.send(
        new GetObjectCommand({ Bucket: bucket, Key: key, IfNoneMatch: this.etag }),
      );
      const text = (await object.Body?.transformToString('utf-8')) ?? '';
      const etag = object.ETag;
      try {
        this.index = KnowledgeIndex.load(text);
        this.etag = etag;
        logger?.info('knowledge.loaded', {
          origin: 's3',
          hash: this.index.meta.hash,
          articles: this.index.meta.articleCount,
        });
      } catch (error) {
        // Remember the ETag: the same broken object is not downloaded again every minute.
        this.etag = etag;
        logger?.error('knowledge.invalid-artifact', { bucket, key, error: describe(error) });
        this.index ??= this.useFallback();
      }
    } catch (error) {
      if (httpStatus(error) === 304) return; // unchanged: keep the loaded index
      if (httpStatus(error) === 404 || httpStatus(error) === 403) {
        logger?.warn('knowledge.no-artifact', { bucket, key, status: httpStatus(error) });
      } else {
        logger?.error('knowledge.s3-unavailable', { bucket, key, error: describe(error) });
      }
      this.index ??= this.useFallback();
    }
  }

  private useFallback(): KnowledgeIndex {
    if (!this.fallbackIndex) {
      this.fallbackIndex = this.options.fallback();
      this.options.logger?.info('knowledge.loaded', {
        origin: 'bundled',
        hash: this.fallbackIndex.meta.hash,
        articles: this.fallbackIndex.meta.articleCount,
      });
    }
    this.index ??= this.fallbackIndex;
    return this.fallbackIndex;
  }
}

/** A fallback that loads the artifact bundled with the function (read once, when needed). */
export function bundledArtifact(path: string): () => KnowledgeIndex {
  return () => KnowledgeIndex.load(readFileSync(path, 'utf8'));
}

function httpStatus(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
