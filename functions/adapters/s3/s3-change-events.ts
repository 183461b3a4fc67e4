/**
 * The article changes an indexer invocation was told about, from either shape it receives: an
 * S3 notification (direct), or an SQS batch whose messages wrap S3 notifications (the debounced
 * path in AWS; S3's `s3:TestEvent` and unreadable bodies are skipped, never a crash). The
 * indexer rebuilds from the whole bucket anyway, so this is for logs only.
 */
import type { S3Event, SQSEvent } from 'aws-lambda';

/** `"<eventName> <key>"` for every S3 record in the event, in order. */
export function changedKeys(event: S3Event | SQSEvent): string[] {
  const records: unknown[] = Array.isArray(event?.Records) ? event.Records : [];
  const changes: string[] = [];
  for (const record of records) {
    if (isSqsRecord(record)) {
      let body: unknown;
      try {
        body = JSON.parse(record.body);
      } catch {
        changes.push('unreadable message');
        continue;
      }
      const inner = (body as { Records?: unknown })?.Records;
      if (Array.isArray(inner)) for (const r of inner) pushS3(r, changes);
    } else {
      pushS3(record, changes);
    }
  }
  return changes;
}

function isSqsRecord(record: unknown): record is { body: string } {
  return (
    typeof record === 'object' &&
    record !== null &&
    (record as { eventSource?: unknown }).eventSource === 'aws:sqs' &&
    typeof (record as { body?: unknown }).body === 'string'
  );
}

function pushS3(record: unknown, changes: string[]): void {
  const r = record as { eventName?: unknown; s3?: { object?: { key?: unknown } } };
  if (typeof r?.eventName === 'string' && typeof r.s3?.object?.key === 'string') {
    // Keys in S3 notifications are URL-encoded with '+' for spaces.
    changes.push(`${r.eventName} ${decodeKey(r.s3.object.key)}`);
  }
}

function decodeKey(key: string): string {
  try {
    return decodeURIComponent(key.replace(/\+/g, ' '));
  } catch {
    return key;
  }
}

/** Collection-relative paths of the articles changed (`knowledge/en/x.md` → `en/x.md`). */
export function changedArticleFiles(event: S3Event | SQSEvent, prefix: string): string[] {
  const files = new Set<string>();
  for (const change of changedKeys(event)) {
    const key = change.slice(change.indexOf(' ') + 1);
    if (key.startsWith(prefix)) files.add(key.slice(prefix.length));
  }
  return [...files];
}
