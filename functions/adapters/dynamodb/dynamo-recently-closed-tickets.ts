/**
 * A customer's recently closed tickets from the tickets table's `byCustomer` index (partition:
 * the stored customer key): one query over the customer's few tickets, filtered to closed ones
 * that closed at or after a time. The index is eventually consistent; callers re-read a ticket
 * (consistently) before they change it.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Ticket } from '#core/ports.ts';
import { RecentlyClosedTickets } from '#core/tickets/recently-closed-tickets.ts';
import { documentClient } from './dynamo-client.ts';
import { storeCall } from './store-error.ts';
import { ticketFromItem } from './ticket-item.ts';

export interface DynamoRecentlyClosedTicketsOptions {
  client: DynamoDBClient;
  /** The tickets table (see table-design.ts, index `byCustomer`). */
  tableName: string;
}

export class DynamoRecentlyClosedTickets extends RecentlyClosedTickets {
  private readonly doc: DynamoDBDocumentClient;

  constructor(private readonly options: DynamoRecentlyClosedTicketsOptions) {
    super();
    this.doc = documentClient(options.client);
  }

  override async closedSince(customerKey: string, since: string): Promise<Ticket[]> {
    if (typeof customerKey !== 'string' || customerKey === '') return [];
    const table = this.options.tableName;
    const tickets: Ticket[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const result = await storeCall('Query', { table, index: 'byCustomer' }, () =>
        this.doc.send(
          new QueryCommand({
            TableName: table,
            IndexName: 'byCustomer',
            KeyConditionExpression: 'customerKey = :c',
            FilterExpression: '#status = :closed AND closedAt >= :since',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':c': customerKey, ':closed': 'closed', ':since': since },
            ...(startKey ? { ExclusiveStartKey: startKey } : {}),
          }),
        ),
      );
      tickets.push(...(result.Items ?? []).map(ticketFromItem));
      startKey = result.LastEvaluatedKey;
    } while (startKey);
    return tickets;
  }
}
