/**
 * Indexer Lambda: an article under the knowledge prefix was created or removed in S3 → rebuild
 * the index from everything published and write the artifact when lint has no errors.
 * A rejected build is a content problem (logged and counted as the `IndexRejected` metric, not
 * retried); S3 failures throw (→ retries, DLQ).
 */
import middy from '@middy/core';
import type { S3Event } from 'aws-lambda';
import type { PublishResult } from '#adapters/s3/publish-knowledge-index.ts';
import { composeIndexerFunction } from '#app/lambda/indexer-function.ts';
import { startFunction } from '#app/lambda/start-function.ts';

const fn = await startFunction('indexer', () => composeIndexerFunction());

export const handler = middy<S3Event, Omit<PublishResult, 'problems'>>()
  .use(fn.base.telemetry.middlewares())
  .handler(async (event: S3Event) => {
    const changed = (event.Records ?? []).map((r) => `${r.eventName} ${r.s3.object.key}`);
    fn.base.logger.info('indexer.triggered', {
      changed: changed.slice(0, 20),
      count: changed.length,
    });
    const { problems: _problems, ...result } = await fn.publish();
    // Publishing outcome as EMF (the stack alarms on IndexRejected: a rejected upload).
    if (result.status === 'rejected') fn.base.telemetry.record('IndexRejected', 'Count', 1);
    if (result.status === 'published') fn.base.telemetry.record('IndexPublished', 'Count', 1);
    return result;
  });
