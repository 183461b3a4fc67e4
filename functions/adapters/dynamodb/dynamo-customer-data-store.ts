/**
 * Erasure support on DynamoDB: finds and deletes one customer's data across the turns, tickets,
 * gaps and stats tables, and keeps the erasure audit in the stats table
 * (pk `erasure#log`, sk `<at>#<id>`).
 *
 * Finding a customer by phone or email scans the turns (SMS sessions by id prefix) and tickets
 * tables: erasures are rare staff actions, so no index is kept for them; at a large scale a
 * sparse GSI on the contact would replace the scan.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  DeleteCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import {
  CustomerDataStore,
  type ErasedTurn,
  type ErasureRecord,
  type TicketMatch,
} from '#core/privacy/customer-data-store.ts';
import { ticketMatches } from '#core/privacy/ticket-match.ts';
import type { Ticket } from '#core/ports.ts';
import { LANGS } from '#core/types.ts';
import { documentClient } from './dynamo-client.ts';
import { storeCall } from './store-error.ts';
import type { TableNames } from './table-design.ts';
import { ticketFromItem } from './ticket-item.ts';

const AUDIT_PK = 'erasure#log';
/** BatchWriteItem takes at most 25 requests. */
const BATCH = 25;

export interface DynamoCustomerDataStoreOptions {
  client: DynamoDBClient;
  tables: Pick<TableNames, 'turns' | 'tickets' | 'gaps' | 'stats'>;
}

export class DynamoCustomerDataStore extends CustomerDataStore {
  private readonly doc: DynamoDBDocumentClient;
  private readonly tables: DynamoCustomerDataStoreOptions['tables'];

  constructor(options: DynamoCustomerDataStoreOptions) {
    super();
    this.doc = documentClient(options.client);
    this.tables = options.tables;
  }

  override async sessionsStartingWith(prefix: string): Promise<string[]> {
    if (prefix === '') return [];
    const items = await this.scan(this.tables.turns, {
      FilterExpression: 'begins_with(sessionId, :p)',
      ExpressionAttributeValues: { ':p': prefix },
      ProjectionExpression: 'sessionId',
    });
    return [...new Set(items.map((item) => String(item.sessionId)))];
  }

  override async findTickets(match: TicketMatch): Promise<Ticket[]> {
    const items = await this.scan(this.tables.tickets, {});
    return items.map(ticketFromItem).filter((ticket) => ticketMatches(ticket, match));
  }

  override async deleteTurns(sessionIds: readonly string[]): Promise<ErasedTurn[]> {
    const erased: ErasedTurn[] = [];
    for (const sessionId of sessionIds) {
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await storeCall('Query', { table: this.tables.turns }, () =>
          this.doc.send(
            new QueryCommand({
              TableName: this.tables.turns,
              KeyConditionExpression: 'sessionId = :s',
              ExpressionAttributeValues: { ':s': sessionId },
              ExpressionAttributeNames: { '#at': 'at', '#lang': 'lang' },
              ProjectionExpression: 'sessionId, messageId, #at, #lang',
              ConsistentRead: true,
              ...(startKey ? { ExclusiveStartKey: startKey } : {}),
            }),
          ),
        );
        const turns = (page.Items ?? []) as ErasedTurn[];
        await this.deleteAll(
          this.tables.turns,
          turns.map((t) => ({ sessionId: t.sessionId, messageId: t.messageId })),
        );
        erased.push(...turns);
        startKey = page.LastEvaluatedKey;
      } while (startKey);
    }
    return erased;
  }

  override async deleteGapQuestions(turns: readonly ErasedTurn[]): Promise<number> {
    let deleted = 0;
    for (const turn of turns) {
      const key = {
        pk: `gapq#${turn.lang}#${turn.at.slice(0, 7)}`,
        sk: `${turn.at}#${turn.messageId}`,
      };
      const result = await storeCall('DeleteItem', { table: this.tables.stats }, () =>
        this.doc.send(
          new DeleteCommand({ TableName: this.tables.stats, Key: key, ReturnValues: 'ALL_OLD' }),
        ),
      );
      if (result.Attributes) deleted++;
    }
    return deleted;
  }

  override async deleteContentGaps(ticketRefs: readonly string[]): Promise<number> {
    if (ticketRefs.length === 0) return 0;
    const refs = new Set(ticketRefs);
    let deleted = 0;
    for (const lang of LANGS) {
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await storeCall('Query', { table: this.tables.gaps, lang }, () =>
          this.doc.send(
            new QueryCommand({
              TableName: this.tables.gaps,
              KeyConditionExpression: '#lang = :l',
              ExpressionAttributeNames: { '#lang': 'lang' },
              ExpressionAttributeValues: { ':l': lang },
              FilterExpression: 'attribute_exists(ticketRef)',
              ProjectionExpression: '#lang, id, ticketRef',
              ...(startKey ? { ExclusiveStartKey: startKey } : {}),
            }),
          ),
        );
        const doomed = (page.Items ?? []).filter((g) => refs.has(String(g.ticketRef)));
        await this.deleteAll(
          this.tables.gaps,
          doomed.map((g) => ({ lang: g.lang, id: g.id })),
        );
        deleted += doomed.length;
        startKey = page.LastEvaluatedKey;
      } while (startKey);
    }
    return deleted;
  }

  override async recordErasure(record: ErasureRecord): Promise<void> {
    await storeCall('PutItem', { table: this.tables.stats }, () =>
      this.doc.send(
        new PutCommand({
          TableName: this.tables.stats,
          Item: { pk: AUDIT_PK, sk: record.id, ...record },
        }),
      ),
    );
  }

  override async listErasures(limit = 50): Promise<ErasureRecord[]> {
    const { Items = [] } = await storeCall('Query', { table: this.tables.stats }, () =>
      this.doc.send(
        new QueryCommand({
          TableName: this.tables.stats,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': AUDIT_PK },
          ScanIndexForward: false,
          Limit: limit,
        }),
      ),
    );
    return Items.map(({ pk: _pk, sk: _sk, ...record }) => record as ErasureRecord);
  }

  private async scan(
    table: string,
    input: {
      FilterExpression?: string;
      ExpressionAttributeValues?: Record<string, unknown>;
      ProjectionExpression?: string;
    },
  ): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await storeCall('Scan', { table }, () =>
        this.doc.send(
          new ScanCommand({
            TableName: table,
            ConsistentRead: true,
            ...input,
            ...(startKey ? { ExclusiveStartKey: startKey } : {}),
          }),
        ),
      );
      items.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return items;
  }

  /** Deletes items by key, 25 at a time, retrying what DynamoDB leaves unprocessed. */
  private async deleteAll(table: string, keys: Record<string, unknown>[]): Promise<void> {
    for (let i = 0; i < keys.length; i += BATCH) {
      let requests = keys.slice(i, i + BATCH).map((Key) => ({ DeleteRequest: { Key } }));
      for (let attempt = 0; requests.length > 0; attempt++) {
        if (attempt > 5) throw new Error(`could not delete ${requests.length} items from ${table}`);
        const result = await storeCall('BatchWriteItem', { table }, () =>
          this.doc.send(new BatchWriteCommand({ RequestItems: { [table]: requests } })),
        );
        requests = (result.UnprocessedItems?.[table] ?? []) as typeof requests;
      }
    }
  }
}
