/**
 * The knowledge index of an answer function (its own module: only the answer functions bundle
 * the retrieval code and, for the published artifact, the S3 client).
 */
import type { KnowledgeSource } from '#core/ports.ts';
import type { KnowledgeIndex } from '#core/retrieval/knowledge-index.ts';
import { FileKnowledgeSource } from '#adapters/knowledge/file-knowledge-source.ts';
import type { LambdaBase } from './lambda-base.ts';

/**
 * The knowledge index, loaded now (during INIT). From S3 when an index bucket is configured —
 * the artifact the indexer published, checked again at most once a minute, with the copy
 * bundled at deploy time as the fallback; the S3 client is only loaded then. Otherwise the
 * bundled artifact file.
 */
export async function loadKnowledge(base: LambdaBase): Promise<KnowledgeSource<KnowledgeIndex>> {
  const { config, logger } = base;
  let source: KnowledgeSource<KnowledgeIndex>;
  if (config.indexBucket) {
    const { s3KnowledgeSource } = await import('./s3-knowledge.ts');
    source = s3KnowledgeSource(config, config.indexBucket, logger);
  } else {
    source = new FileKnowledgeSource(config.indexPath, { checkEveryMs: 60_000, logger });
  }
  await source.current();
  return source;
}
