/**
 * Presence on DynamoDB, in the general-purpose `stats` table (pk/sk, TTL on `expiresAt`): one
 * item per staff member, pk `presence`, sk their name, replaced by each heartbeat. "Who is on
 * shift" is one Query of that partition (a desk's staff: a few KB), filtered to fresh
 * heartbeats; DynamoDB's TTL removes old items a day after they lapse. No table of its own:
 * the items are few, small and short-lived.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { checkPresence, PresenceStore, type StaffPresence } from '#core/support/presence-store.ts';
import { documentClient } from '../dynamodb/dynamo-client.ts';
import { storeCall } from '../dynamodb/store-error.ts';

export interface DynamoPresenceStoreOptions {
  client: DynamoDBClient;
  /** The stats table (pk, sk; TTL attribute `expiresAt`). */
  tableName: string;
}

/** The stats table partition holding presence (cdk/stack.ts grants the answering functions a Query on it alone). */
export const PRESENCE_PARTITION = 'presence';
const PK = PRESENCE_PARTITION;
/** Seconds a lapsed heartbeat stays before TTL may delete it (kept a day for "who was on"). */
const KEEP_SECONDS = 86_400;

export class DynamoPresenceStore extends PresenceStore {
  private readonly doc: DynamoDBDocumentClient;

  constructor(private readonly options: DynamoPresenceStoreOptions) {
    super();
    this.doc = documentClient(options.client);
  }

  override async heartbeat(presence: StaffPresence): Promise<void> {
    const stored = checkPresence(presence);
    const expiresAt = Math.floor(Date.parse(stored.until) / 1000) + KEEP_SECONDS;
    await storeCall('PutItem', { table: this.options.tableName }, () =>
      this.doc.send(
        new PutCommand({
          TableName: this.options.tableName,
          Item: { pk: PK, sk: stored.staff, ...stored, expiresAt },
        }),
      ),
    );
  }

  override async onShift(now: Date): Promise<StaffPresence[]> {
    const present: StaffPresence[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const result = await storeCall('Query', { table: this.options.tableName }, () =>
        this.doc.send(
          new QueryCommand({
            TableName: this.options.tableName,
            KeyConditionExpression: 'pk = :pk',
            FilterExpression: '#until > :now',
            ExpressionAttributeNames: { '#until': 'until' },
            ExpressionAttributeValues: { ':pk': PK, ':now': now.toISOString() },
            ConsistentRead: true,
            ...(startKey ? { ExclusiveStartKey: startKey } : {}),
          }),
        ),
      );
      for (const item of result.Items ?? []) {
        const { staff, queues, until } = item;
        // ISO strings compare as times only in one format: check the instant as well.
        if (typeof staff !== 'string' || typeof until !== 'string') continue;
        if (!(Date.parse(until) > now.getTime()) || !Array.isArray(queues)) continue;
        present.push({ staff, queues: queues.map(String), until });
      }
      startKey = result.LastEvaluatedKey;
    } while (startKey);
    return present.sort((a, b) => (a.staff < b.staff ? -1 : a.staff > b.staff ? 1 : 0));
  }
}
