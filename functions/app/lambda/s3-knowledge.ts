/**
 * The knowledge index from the artifact the indexer published to S3 (bundled copy as fallback).
 * A module of its own so that only a function configured with an index bucket loads the S3
 * client (lambda-base.ts imports it dynamically).
 */
import { S3Client } from '@aws-sdk/client-s3';
import type { KnowledgeSource, Logger } from '#core/ports.ts';
import type { KnowledgeIndex } from '#core/retrieval/knowledge-index.ts';
import { bundledArtifact, S3ArtifactSource } from '#adapters/s3/s3-artifact-source.ts';
import type { Config } from '../config.ts';

export function s3KnowledgeSource(
  config: Config,
  bucket: string,
  logger: Logger,
  s3?: S3Client,
): KnowledgeSource<KnowledgeIndex> {
  return new S3ArtifactSource({
    s3: s3 ?? new S3Client({}),
    bucket,
    key: config.indexKey,
    fallback: bundledArtifact(config.indexPath),
    logger,
  });
}
