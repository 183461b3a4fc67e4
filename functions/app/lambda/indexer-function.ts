/**
 * Composition of the indexer function (S3 ObjectCreated/Removed under the knowledge prefix →
 * rebuild and publish the index artifact): configuration, logs and the S3 client. No DynamoDB,
 * no secrets.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { publishKnowledgeIndex, type PublishResult } from '#adapters/s3/publish-knowledge-index.ts';
import { ConfigError } from '../config.ts';
import { ENV } from '../env-names.ts';
import { lambdaBase, type LambdaBase, type LambdaBaseOptions } from './lambda-base.ts';

export interface IndexerFunction {
  base: LambdaBase;
  /** Rebuilds the index from every published article; publishes it when lint has no errors. */
  publish(): Promise<PublishResult>;
}

export async function composeIndexerFunction(
  options: LambdaBaseOptions & { s3?: S3Client } = {},
): Promise<IndexerFunction> {
  const base = await lambdaBase('indexer', options);
  const { config, logger } = base;
  const { knowledgeBucket, indexBucket } = config;
  if (!knowledgeBucket || !indexBucket) {
    throw new ConfigError(`the indexer needs ${ENV.knowledgeBucket} and ${ENV.indexBucket}`);
  }
  const s3 = options.s3 ?? new S3Client({});
  return {
    base,
    publish: () =>
      publishKnowledgeIndex({
        s3,
        knowledgeBucket,
        knowledgePrefix: config.knowledgePrefix,
        artifactBucket: indexBucket,
        artifactKey: config.indexKey,
        logger,
        ...(config.siteBucket ? { pages: { bucket: config.siteBucket } } : {}),
      }),
  };
}
