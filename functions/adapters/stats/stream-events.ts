/**
 * DynamoDB Streams records (NEW_AND_OLD_IMAGES) of the turns and tickets tables → the same
 * analytics events the conversation core emits in-process:
 *   turns    INSERT                        → turn-recorded (the new image; `firstOfSession` on it)
 *   turns    MODIFY with a new `feedback`  → feedback-given (old image, old and new value)
 *   tickets  INSERT                        → ticket-changed (created)
 *   tickets  MODIFY                        → ticket-changed (old → new image)
 * Everything else (REMOVE by TTL or erasure, a MODIFY that changed nothing counted) adds nothing.
 * The table is told by the record's keys (turns: sessionId + messageId; tickets: ref). A record
 * whose image is not a readable turn or ticket is reported as skipped, never thrown: one bad
 * record must not block the shard.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue as LambdaAttributeValue, DynamoDBRecord } from 'aws-lambda';
import type { AnalyticsEvent } from '#core/analytics/analytics-events.ts';
import type { Feedback, Ticket, Turn } from '#core/ports.ts';
import { CHANNELS, LANGS } from '#core/types.ts';
import { ticketFromItem } from '../dynamodb/ticket-item.ts';

export type RecordEvents = { events: AnalyticsEvent[] } | { skipped: string };

type Image = Record<string, LambdaAttributeValue> | undefined;

function read(image: Image): Record<string, unknown> | undefined {
  return image ? unmarshall(image as Record<string, AttributeValue>) : undefined;
}

/** The analytics events one stream record stands for (or why it was skipped). */
export function eventsOfRecord(record: DynamoDBRecord): RecordEvents {
  const keys = record.dynamodb?.Keys ?? {};
  const name = record.eventName;
  if (name === 'REMOVE') return { events: [] };
  if (name !== 'INSERT' && name !== 'MODIFY') return { skipped: `unknown event ${String(name)}` };
  const after = read(record.dynamodb?.NewImage);
  const before = read(record.dynamodb?.OldImage);
  if (!after) return { skipped: 'no new image (the stream must be NEW_AND_OLD_IMAGES)' };
  if ('messageId' in keys && 'sessionId' in keys) {
    if (!isTurn(after)) return { skipped: 'new image is not a turn' };
    if (name === 'INSERT') return { events: [{ type: 'turn-recorded', turn: after }] };
    const previous = before && isTurn(before) ? before.feedback : undefined;
    const feedback = after.feedback;
    if (!feedback || feedback === previous) return { events: [] };
    const turn = before && isTurn(before) ? before : after;
    return {
      events: [{ type: 'feedback-given', turn, feedback, ...(previous ? { previous } : {}) }],
    };
  }
  if ('ref' in keys) {
    // An image is a table item: its `queue` is an index key, the support queue `supportQueue`.
    if (!isTicket(after)) return { skipped: 'new image is not a ticket' };
    if (name === 'INSERT') {
      return { events: [{ type: 'ticket-changed', after: ticketFromItem(after) }] };
    }
    if (!before || !isTicket(before)) return { skipped: 'ticket change without an old image' };
    return {
      events: [
        { type: 'ticket-changed', before: ticketFromItem(before), after: ticketFromItem(after) },
      ],
    };
  }
  return { skipped: 'record of an unknown table' };
}

const isTime = (value: unknown) => typeof value === 'string' && !Number.isNaN(Date.parse(value));
const isFeedback = (value: unknown): value is Feedback | undefined =>
  value === undefined || value === 'up' || value === 'down';

function isTurn(item: Record<string, unknown>): item is Record<string, unknown> & Turn {
  return (
    typeof item.sessionId === 'string' &&
    typeof item.messageId === 'string' &&
    typeof item.outcome === 'string' &&
    isTime(item.at) &&
    (CHANNELS as readonly unknown[]).includes(item.channel) &&
    (LANGS as readonly unknown[]).includes(item.lang) &&
    isFeedback(item.feedback)
  );
}

function isTicket(item: Record<string, unknown>): item is Record<string, unknown> & Ticket {
  return (
    typeof item.ref === 'string' &&
    typeof item.status === 'string' &&
    isTime(item.createdAt) &&
    isTime(item.updatedAt) &&
    Array.isArray(item.replies) &&
    (CHANNELS as readonly unknown[]).includes(item.channel) &&
    (LANGS as readonly unknown[]).includes(item.lang)
  );
}
