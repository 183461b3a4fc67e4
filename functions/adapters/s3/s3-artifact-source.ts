/**
 * The knowledge index of an answer Lambda: the artifact the indexer published to S3 (gzip, or
 * plain JSON), picked up without a redeploy. S3 is asked at most once a minute, with a
 * conditional GET (`If-None-Match` the ETag held: 304 keeps the loaded index, so a warm Lambda
 * costs one cheap request a minute). Only the first call (init) waits for S3; later checks run
 * in the background and swap the new index in when it has loaded, so no request waits for a
 * reload. The copy bundled at deploy time is the fallback while S3 has no artifact, cannot be
 * reached, or holds one that does not load.
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
import {
  artifactBytes,
  artifactBytesSync,
  MAX_ARTIFACT_BYTES,
} from '../knowledge/artifact-bytes.ts';
import { httpStatus } from './s3-objects.ts';

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
  /**
   * Largest artifact taken, stored or unpacked (default MAX_ARTIFACT_BYTES): a bigger object is
   * not downloaded, a gzip one that unpacks past it is refused; the index held keeps serving.
   */
  maxBytes?: number;
}

export class S3ArtifactSource implements KnowledgeSource<KnowledgeIndex> {
  private index?: KnowledgeIndex;
  private etag?: string;
  private checkedAt = Number.NEGATIVE_INFINITY;
  private refreshing?: Promise<void>;
  private fallbackIndex?: KnowledgeIndex;

  constructor(private readonly options: S3ArtifactSourceOptions) {}

  /**
   * The newest index loaded. The first call waits for S3 (or the fallback); later, when the
   * last check is over a minute old, a check starts in the background and this returns the
   * index held now.
   */
  async current(): Promise<KnowledgeIndex> {
    const now = this.options.now?.() ?? Date.now();
    if (!this.index || now - this.checkedAt >= (this.options.checkEveryMs ?? 60_000)) {
      this.checkedAt = now;
      this.refreshing ??= this.refresh().finally(() => {
        this.refreshing = undefined;
      });
      if (!this.index) await this.refreshing;
    }
    return this.index ?? this.useFallback();
  }

  /** Resolves when no background check is running (tests, graceful shutdown). */
  async settled(): Promise<void> {
    await this.refreshing;
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
      const etag = object.ETag;
      const maxBytes = this.options.maxBytes ?? MAX_ARTIFACT_BYTES;
      const size = object.ContentLength;
      if (size !== undefined && size > maxBytes) {
        (object.Body as { destroy?: () => void } | undefined)?.destroy?.();
        this.etag = etag;
        logger?.error('knowledge.invalid-artifact', {
          bucket,
          key,
          error: `the object is ${size} bytes, more than ${maxBytes}`,
        });
        this.index ??= this.useFallback();
        return;
      }
      const bytes = (await object.Body?.transformToByteArray()) ?? new Uint8Array();
      try {
        // Loaded aside, then swapped in: requests keep using the old index meanwhile.
        this.index = KnowledgeIndex.load(await artifactBytes(bytes, { maxBytes }));
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
  return () => KnowledgeIndex.load(artifactBytesSync(readFileSync(path)));
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
