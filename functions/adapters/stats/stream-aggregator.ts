/**
 * The analytics in AWS: a DynamoDB Streams consumer (turns and tickets tables) that turns each
 * batch of records into the same events the core emits in-process (stream-events.ts), runs the
 * one aggregator on them (core/analytics/aggregate-events.ts) and writes one update per
 * aggregate per batch.
 *
 * Exactly-once counts under redelivery. Lambda retries a failed batch (and, with bisect on
 * error, its halves); a batch can also be delivered again after a timeout that struck after the
 * writes. Every counter update carries an origin: writer = the stream shard, position = the
 * sequence number of the last record behind each counter item's counts (zero-padded so strings
 * compare like numbers). The store adds the counts and records that position in ONE conditional
 * write per counter item, skipping an item that already holds that writer's position or a later
 * one. Records of a shard arrive in sequence order and a shard is processed by one batch at a
 * time (parallelization factor 1), so:
 *  - a batch delivered again skips every item it already wrote and writes the rest;
 *  - a bisected half [r1..r5] of a batch [r1..r10] that had written item X skips X (X holds
 *    the position of its last record, which is ≥ any of the half's records behind X) and writes
 *    the items the failed attempt had not; the halves delivered again are skipped the same way.
 * What this does not cover: a range already applied redelivered inside a larger one (Lambda
 * does not do that: it checkpoints after every successful batch or half).
 * The shard id comes with every invocation because the event source mapping uses a tumbling
 * window (the only event shape that names the shard); the window state itself is not used.
 * Gap questions are keyed puts (idempotent by themselves).
 *
 * Each stream shard writes to one counter shard (hash of its id), so many stream shards spread a
 * hot day over COUNTER_SHARDS items while one shard's positions stay on one item.
 */
import { createHash } from 'node:crypto';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { AnalyticsEvent } from '#core/analytics/analytics-events.ts';
import { aggregatePositionedEvents } from '#core/analytics/aggregate-events.ts';
import {
  COUNTER_SHARDS,
  type IncrementOrigin,
  type IncrementResult,
  type StatsStore,
} from '#core/analytics/stats-store.ts';
import type { SuggestionStore } from '#core/learning/suggestion-store.ts';
import type { Logger } from '#core/ports.ts';
import { eventsOfRecord } from './stream-events.ts';

/** A stream event as Lambda sends it with a tumbling window (shard id, window state). */
export interface WindowedStreamEvent extends DynamoDBStreamEvent {
  shardId?: string;
  eventSourceARN?: string;
  state?: Record<string, string>;
  isFinalInvokeForWindow?: boolean;
}

/** The reply a tumbling-window invocation owes Lambda (state is required, and unused here). */
export interface WindowedStreamResponse {
  state: Record<string, string>;
  batchItemFailures: { itemIdentifier: string }[];
}

export interface BatchSummary {
  records: number;
  events: number;
  skippedRecords: number;
  /** Counter items written, and skipped as already applied (a redelivery). */
  applied: number;
  alreadyApplied: number;
  gapQuestions: number;
}

/** Stream sequence numbers are 21–40 digits: padded to 40 they compare as strings. */
const POSITION_DIGITS = 40;

export class StreamAggregator {
  constructor(
    private readonly deps: {
      stats: StatsStore;
      logger: Logger;
      /** Where learning signals go (core/learning); without it they are not kept. */
      learning?: SuggestionStore;
    },
  ) {}

  /** Lambda entry (see handlers/aggregate-stats.ts). Throws when the store fails: Lambda retries. */
  async handle(event: WindowedStreamEvent): Promise<WindowedStreamResponse> {
    const summary = await this.process(event);
    if (summary.records > 0) this.deps.logger.info('stream_batch_aggregated', { ...summary });
    return { state: {}, batchItemFailures: [] };
  }

  /** Aggregates one batch of records and writes it, idempotently (see the module comment). */
  async process(event: WindowedStreamEvent): Promise<BatchSummary> {
    const records = event.Records ?? [];
    const events: { event: AnalyticsEvent; position: string }[] = [];
    let skippedRecords = 0;
    for (const record of records) {
      const result = eventsOfRecord(record);
      if ('skipped' in result) {
        skippedRecords++;
        this.deps.logger.warn('stream_record_skipped', {
          eventID: record.eventID,
          reason: result.skipped,
        });
      } else {
        const position = positionOf(record);
        events.push(...result.events.map((event) => ({ event, position })));
      }
    }
    const summary: BatchSummary = {
      records: records.length,
      events: events.length,
      skippedRecords,
      applied: 0,
      alreadyApplied: 0,
      gapQuestions: 0,
    };
    if (events.length === 0) return summary;
    const { updates, gapQuestions, learningSignals } = aggregatePositionedEvents(events);
    const { learning } = this.deps;
    const origin = this.originOf(event, records);
    // Every write settles before the batch may fail: a retry must never race writes of the
    // attempt it replaces (an in-flight write landing after a bisected half would count twice).
    const [increment, ...puts] = await Promise.allSettled([
      this.deps.stats.increment(updates, origin),
      ...gapQuestions.map((q) => this.deps.stats.addGapQuestion(q)),
      ...(learning && learningSignals.length > 0 ? [learning.addSignals(learningSignals)] : []),
    ]);
    const failed = [increment, ...puts].find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
    const result = (increment as PromiseFulfilledResult<IncrementResult>).value;
    return {
      ...summary,
      applied: result.applied,
      alreadyApplied: result.skipped,
      gapQuestions: gapQuestions.length,
    };
  }

  private originOf(
    event: WindowedStreamEvent,
    records: DynamoDBRecord[],
  ): IncrementOrigin | undefined {
    const source = event.eventSourceARN ?? records[0]?.eventSourceARN;
    const position = records.map(positionOf).reduce((a, b) => (b > a ? b : a), '');
    if (!event.shardId || !source || !/^0*[1-9]\d*$/.test(position)) {
      // Without the shard there is no ordered writer to compare against: at-least-once.
      this.deps.logger.warn('stream_batch_without_shard', { records: records.length });
      return undefined;
    }
    return { writer: `${source}|${event.shardId}`, position, shard: counterShardOf(event.shardId) };
  }
}

/** A record's sequence number, padded so positions compare as strings. */
function positionOf(record: DynamoDBRecord): string {
  return (record.dynamodb?.SequenceNumber ?? '').padStart(POSITION_DIGITS, '0');
}

/** The counter shard a stream shard writes to (stable for the shard's life). */
export function counterShardOf(shardId: string): number {
  return createHash('sha256').update(shardId).digest().readUInt32BE(0) % COUNTER_SHARDS;
}
