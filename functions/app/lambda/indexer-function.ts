/**
 * Composition of the indexer function (S3 ObjectCreated/Removed under the knowledge prefix →
 * rebuild and publish the index artifact): configuration, logs and the S3 client. No DynamoDB,
 * no secrets. After each rebuild it writes the publish report the content studio shows
 * (`<studio prefix>report/rejected.json` in the artifact bucket: which articles are rejected now).
 */
import { S3Client } from '@aws-sdk/client-s3';
import { SNSClient } from '@aws-sdk/client-sns';
import { publishKnowledgeIndex, type PublishResult } from '#adapters/s3/publish-knowledge-index.ts';
import type { RejectionNotifier } from '#adapters/s3/rejection-notifier.ts';
import { S3DocumentStore } from '#adapters/s3/s3-document-store.ts';
import type { RejectedArticle } from '#core/knowledge/select-publishable.ts';
import { REPORT_KEY } from '#core/studio/studio-keys.ts';
import { SnsRejectionNotifier } from '#adapters/sns/sns-rejection-notifier.ts';
import { ConfigError } from '../config.ts';
import { ENV } from '../env-names.ts';
import { lambdaBase, type LambdaBase, type LambdaBaseOptions } from './lambda-base.ts';

export interface IndexerFunction {
  base: LambdaBase;
  /** Rebuilds the index from every article, leaving out (and reporting) the broken ones. */
  publish(): Promise<PublishResult>;
  /**
   * Messages the owner of each rejected article among `changed` (all of them when `changed` is
   * empty), when a topic is configured: a still-broken article is not re-announced on every
   * rebuild (the metric keeps counting it). Never throws: a failed message is logged.
   * Resolves to the number of messages sent.
   */
  notify(rejected: readonly RejectedArticle[], changed: readonly string[]): Promise<number>;
}

export async function composeIndexerFunction(
  options: LambdaBaseOptions & { s3?: S3Client; notifier?: RejectionNotifier } = {},
): Promise<IndexerFunction> {
  const base = await lambdaBase('indexer', options);
  const { config, logger } = base;
  const { knowledgeBucket, indexBucket } = config;
  if (!knowledgeBucket || !indexBucket) {
    throw new ConfigError(`the indexer needs ${ENV.knowledgeBucket} and ${ENV.indexBucket}`);
  }
  const s3 = options.s3 ?? new S3Client({});
  const studio = new S3DocumentStore({ s3, bucket: indexBucket, prefix: config.studioPrefix });
  const notifier =
    options.notifier ??
    (config.publishTopicArn
      ? new SnsRejectionNotifier({ sns: new SNSClient({}), topicArn: config.publishTopicArn })
      : undefined);
  return {
    base,
    async notify(rejected, changed) {
      if (!notifier) return 0;
      const batch = new Set(changed);
      let sent = 0;
      for (const rejection of rejected) {
        const { owner } = rejection;
        if (!owner || (batch.size > 0 && !batch.has(rejection.file))) continue;
        try {
          await notifier.notify({ ...rejection, owner });
          sent += 1;
        } catch (error) {
          logger.error('indexer.notify_failed', {
            file: rejection.file,
            error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
          });
        }
      }
      if (sent > 0) logger.info('indexer.owners_notified', { sent });
      return sent;
    },
    async publish() {
      const result = await publishKnowledgeIndex({
        s3,
        knowledgeBucket,
        knowledgePrefix: config.knowledgePrefix,
        artifactBucket: indexBucket,
        artifactKey: config.indexKey,
        logger,
        ...(config.siteBucket ? { pages: { bucket: config.siteBucket } } : {}),
      });
      // Written after every rebuild, so a fixed article leaves the report. The index is already
      // published: a failed report is logged (the studio shows the previous one), not retried.
      const report = { at: base.clock.now().toISOString(), rejected: result.rejected };
      try {
        await studio.put(REPORT_KEY, JSON.stringify(report));
      } catch (error) {
        logger.error('indexer.report_failed', {
          key: `${studio.prefix}${REPORT_KEY}`,
          error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
        });
      }
      return result;
    },
  };
}
