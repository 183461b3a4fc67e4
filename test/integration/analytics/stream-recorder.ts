/**
 * Test helper: what DynamoDB Streams (NEW_AND_OLD_IMAGES) would carry for the turns and tickets
 * tables, recorded from the real writes an app makes to dynalite (which has no streams). A
 * middleware on the app's DynamoDB client reads the item before and after every successful
 * PutItem / UpdateItem on a watched table (with a separate client, consistent reads) and keeps a
 * stream record with a rising sequence number, in one of `shards` shards by partition key — so,
 * as in DynamoDB, one item's records stay in order in one shard. Writes to one item must not run
 * concurrently (the tests drive each session and ticket in order).
 *
 * Also counts the calls the app sends, per table, so tests can assert store traffic.
 */
import { GetItemCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import type { WindowedStreamEvent } from '#adapters/stats/stream-aggregator.ts';

interface Watched {
  table: string;
  keys: string[];
}

export interface StreamShard {
  shardId: string;
  eventSourceARN: string;
  records: DynamoDBRecord[];
}

export class StreamRecorder {
  readonly shards = new Map<string, StreamShard>();
  /** Calls sent, by `<table>:<operation>`. */
  readonly calls = new Map<string, number>();
  private sequence = 10n ** 20n;

  constructor(
    private readonly reader: DynamoDBClient,
    private readonly watched: Watched[],
    private readonly shardCount = 2,
  ) {}

  /** Installs the recorder on the client the app uses. */
  attach(client: DynamoDBClient): void {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const input = args.input as { TableName?: string; Item?: Record<string, AttributeValue> };
        const operation = String(context.commandName).replace(/Command$/, '');
        const table = input.TableName ?? '?';
        this.calls.set(`${table}:${operation}`, (this.calls.get(`${table}:${operation}`) ?? 0) + 1);
        const watched = this.watched.find((w) => w.table === table);
        if (!watched || (operation !== 'PutItem' && operation !== 'UpdateItem')) return next(args);
        const source = (input.Item ?? (args.input as { Key: Record<string, AttributeValue> }).Key)!;
        const key = Object.fromEntries(watched.keys.map((k) => [k, source[k]!]));
        const before = await this.read(table, key);
        const result = await next(args);
        const after = await this.read(table, key);
        this.add(table, key, before, after);
        return result;
      },
      { step: 'build', name: 'streamRecorder' },
    );
  }

  /** Calls sent to tables other than `except` since the last reset. */
  callsExcept(except: string): number {
    let n = 0;
    for (const [name, count] of this.calls) if (!name.startsWith(`${except}:`)) n += count;
    return n;
  }

  resetCalls(): void {
    this.calls.clear();
  }

  /** The recorded records of every shard cut into batches of `size`, as Lambda would send them. */
  batches(size: number): WindowedStreamEvent[] {
    const events: WindowedStreamEvent[] = [];
    for (const shard of this.shards.values()) {
      for (let i = 0; i < shard.records.length; i += size) {
        events.push(batchOf(shard, shard.records.slice(i, i + size)));
      }
    }
    return events;
  }

  private async read(table: string, key: Record<string, AttributeValue>) {
    const { Item } = await this.reader.send(
      new GetItemCommand({ TableName: table, Key: key, ConsistentRead: true }),
    );
    return Item;
  }

  private add(
    table: string,
    key: Record<string, AttributeValue>,
    before: Record<string, AttributeValue> | undefined,
    after: Record<string, AttributeValue> | undefined,
  ): void {
    if (!after) return;
    const partition = JSON.stringify(Object.values(key)[0]);
    let hash = 0;
    for (const ch of partition) hash = (hash * 31 + ch.charCodeAt(0)) | 0;
    const shardId = `shardId-${table}-${Math.abs(hash) % this.shardCount}`;
    const arn = `arn:aws:dynamodb:local:000000000000:table/${table}/stream/2026-01-01T00:00:00.000`;
    const shard = this.shards.get(shardId) ?? { shardId, eventSourceARN: arn, records: [] };
    this.shards.set(shardId, shard);
    this.sequence += 1n;
    shard.records.push({
      eventID: `${shardId}-${this.sequence}`,
      eventName: before ? 'MODIFY' : 'INSERT',
      eventSource: 'aws:dynamodb',
      eventSourceARN: arn,
      awsRegion: 'local',
      dynamodb: {
        Keys: key as never,
        NewImage: after as never,
        ...(before ? { OldImage: before as never } : {}),
        SequenceNumber: String(this.sequence),
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
    });
  }
}

/** A tumbling-window stream event for some records of a shard. */
export function batchOf(shard: StreamShard, records: DynamoDBRecord[]): WindowedStreamEvent {
  return {
    Records: records,
    shardId: shard.shardId,
    eventSourceARN: shard.eventSourceARN,
    state: {},
    isFinalInvokeForWindow: false,
  };
}
