/**
 * The ticket backlog from the tickets table's `byStatus` index: one query per waiting status
 * (open, claimed), reading only `createdAt`, oldest first.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  TicketBacklog,
  waitingBacklog,
  type Backlog,
  type StatusBacklog,
} from '#core/analytics/ticket-backlog.ts';
import { documentClient } from '../dynamodb/dynamo-client.ts';
import { storeCall } from '../dynamodb/store-error.ts';

export interface DynamoTicketBacklogOptions {
  client: DynamoDBClient;
  /** The tickets table (see table-design.ts, index `byStatus`). */
  tableName: string;
}

export class DynamoTicketBacklog extends TicketBacklog {
  private readonly doc: DynamoDBDocumentClient;

  constructor(private readonly options: DynamoTicketBacklogOptions) {
    super();
    this.doc = documentClient(options.client);
  }

  override read(): Promise<Backlog> {
    return waitingBacklog((status) => this.status(status));
  }

  private async status(status: string): Promise<StatusBacklog> {
    let count = 0;
    let oldest: string | undefined;
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
              ExpressionAttributeNames: { '#s': 'status', '#c': 'createdAt' },
              ExpressionAttributeValues: { ':s': status },
              ProjectionExpression: '#c',
              ...(startKey ? { ExclusiveStartKey: startKey } : {}),
            }),
          ),
      );
      count += result.Count ?? 0;
      const first = result.Items?.[0]?.createdAt;
      if (oldest === undefined && typeof first === 'string') oldest = first;
      startKey = result.LastEvaluatedKey;
    } while (startKey);
    return { count, ...(oldest ? { oldest } : {}) };
  }
}
