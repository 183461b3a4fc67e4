/**
 * Indexer Lambda: articles under the knowledge prefix were created or removed in S3 → rebuild
 * the index from everything published and write the artifact. In AWS the S3 notifications go
 * through an SQS queue whose batch window gathers a burst of uploads into one invocation (one
 * rebuild); a direct S3 event is accepted too. Each rejected article is logged with its owner
 * and lint messages and counted in the `IndexRejected` metric (the stack alarms on it), and
 * its owner gets a message when a publishing topic is configured; S3 failures throw (→ the
 * batch returns to the queue, then the DLQ).
 */
import middy from '@middy/core';
import type { S3Event, SQSEvent } from 'aws-lambda';
import type { PublishResult } from '#adapters/s3/publish-knowledge-index.ts';
import { changedArticleFiles, changedKeys } from '#adapters/s3/s3-change-events.ts';
import { composeIndexerFunction } from '#app/lambda/indexer-function.ts';
import { startFunction } from '#app/lambda/start-function.ts';

const fn = await startFunction('indexer', () => composeIndexerFunction());

export const handler = middy<S3Event | SQSEvent, Omit<PublishResult, 'problems'>>()
  .use(fn.base.telemetry.middlewares())
  .handler(async (event) => {
    const changed = changedKeys(event);
    fn.base.logger.info('indexer.triggered', {
      changed: changed.slice(0, 20),
      count: changed.length,
    });
    const { problems: _problems, ...result } = await fn.publish();
    // Publishing outcome as EMF: one IndexRejected per rejected article (or per refused build).
    const rejected = Math.max(result.rejected.length, result.status === 'rejected' ? 1 : 0);
    if (rejected > 0) fn.base.telemetry.record('IndexRejected', 'Count', rejected);
    if (result.status === 'published') fn.base.telemetry.record('IndexPublished', 'Count', 1);
    await fn.notify(result.rejected, changedArticleFiles(event, fn.base.config.knowledgePrefix));
    return result;
  });
