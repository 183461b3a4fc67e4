/**
 * The per-queue backlog from the tickets table's `byStatus` index: one paged query per waiting
 * status (open, claimed), reading only the ticket's language, support queue and creation time.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { QueueBacklog, type WaitingTicket } from '#core/support/queue-backlog.ts';
import { LANGS, type Lang } from '#core/types.ts';
import { documentClient } from '../dynamodb/dynamo-client.ts';
import { storeCall } from '../dynamodb/store-error.ts';
import { SUPPORT_QUEUE_ATTRIBUTE } from '../dynamodb/ticket-item.ts';

export interface DynamoQueueBacklogOptions {
  client: DynamoDBClient;
  /** The tickets table (see table-design.ts, index `byStatus`). */
  tableName: string;
}

export class DynamoQueueBacklog extends QueueBacklog {
  private readonly doc: DynamoDBDocumentClient;

  constructor(private readonly options: DynamoQueueBacklogOptions) {
    super();
    this.doc = documentClient(options.client);
  }

  override async waiting(): Promise<WaitingTicket[]> {
    const [open, claimed] = await Promise.all([this.status('open'), this.status('claimed')]);
    return [...open, ...claimed];
  }

  private async status(status: WaitingTicket['status']): Promise<WaitingTicket[]> {
    const waiting: WaitingTicket[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const result = await storeCall(
        'Query',
        { table: this.options.tableName, index: 'byStatus' },
        () =>
          this.doc.send(
            new QueryCommand({
              TableName: this.options.tableName,
              IndexName: 'byStatus',
              KeyConditionExpression: '#s = :s',
              ExpressionAttributeNames: {
                '#s': 'status',
                '#c': 'createdAt',
                '#l': 'lang',
                '#q': SUPPORT_QUEUE_ATTRIBUTE,
              },
              ExpressionAttributeValues: { ':s': status },
              ProjectionExpression: '#c, #l, #q',
              ...(startKey ? { ExclusiveStartKey: startKey } : {}),
            }),
          ),
      );
      for (const item of result.Items ?? []) {
        const lang = item.lang as Lang;
        if (typeof item.createdAt !== 'string' || !LANGS.includes(lang)) continue;
        const queue = item[SUPPORT_QUEUE_ATTRIBUTE];
        waiting.push({
          status,
          lang,
          createdAt: item.createdAt,
          ...(typeof queue === 'string' ? { queue } : {}),
        });
      }
      startKey = result.LastEvaluatedKey;
    } while (startKey);
    return waiting;
  }
}
