/**
 * Indexer Lambda: an article under the knowledge prefix was created or removed in S3 → rebuild
 * the index from everything published and write the artifact when lint has no errors.
 * A rejected build is a content problem (logged, not retried); S3 failures throw (→ retries, DLQ).
 */
import { S3Client } from '@aws-sdk/client-s3';
import type { S3Event } from 'aws-lambda';
import { ConfigError, loadConfig } from '#app/config.ts';
import { JsonLogger } from '#adapters/log/json-logger.ts';
import { publishKnowledgeIndex, type PublishResult } from '#adapters/s3/publish-knowledge-index.ts';

const config = loadConfig();
const logger = new JsonLogger({
  level: config.logLevel,
  base: { service: 'mujib', fn: 'indexer' },
});
const s3 = new S3Client({});

export async function handler(event: S3Event): Promise<Omit<PublishResult, 'problems'>> {
  if (!config.knowledgeBucket || !config.indexBucket) {
    throw new ConfigError('the indexer needs MUJIB_KNOWLEDGE_BUCKET and MUJIB_INDEX_BUCKET');
  }
  const changed = (event.Records ?? []).map((r) => `${r.eventName} ${r.s3.object.key}`);
  logger.info('indexer.triggered', { changed: changed.slice(0, 20), count: changed.length });
  const { problems: _problems, ...result } = await publishKnowledgeIndex({
    s3,
    knowledgeBucket: config.knowledgeBucket,
    knowledgePrefix: config.knowledgePrefix,
    artifactBucket: config.indexBucket,
    artifactKey: config.indexKey,
    logger,
  });
  return result;
}
