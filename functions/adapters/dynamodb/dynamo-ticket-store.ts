/**
 * Tickets on DynamoDB (table `tickets`, see table-design.ts). Creation is idempotent on the
 * ticket's `sourceKey` through its derived ref and a conditional put (no transactions: dynalite
 * has none); updates are conditional on `version`. Lists walk the status/queue indexes oldest
 * first with signed cursors (ticket-list-plan.ts); a support-queue filter is a FilterExpression
 * on `supportQueue`, where the item keeps `Ticket.queue` (ticket-item.ts).
 */
import { isDeepStrictEqual } from 'node:util';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  PutCommand,
  QueryCommand,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import {
  TicketStore,
  type Page,
  type Ticket,
  type TicketFilter,
  type TicketQueueFilter,
} from '#core/ports.ts';
import { PageCursorCodec } from '#core/tickets/page-cursor.ts';
import {
  checkDays,
  DEFAULT_TICKET_RETENTION_DAYS,
  ticketWithExpiry,
} from '#core/privacy/retention.ts';
import {
  checkExpectedVersion,
  checkSourceKey,
  checkTicketList,
  compareTickets,
  MAX_REF_ATTEMPTS,
  noFreeTicketRef,
  versionMismatch,
} from '#core/tickets/store-rules.ts';
import { ticketRefFor } from '#core/tickets/ticket-ref.ts';
import { documentClient } from './dynamo-client.ts';
import { errorName, storeCall } from './store-error.ts';
import { SUPPORT_QUEUE_ATTRIBUTE, ticketFromItem, ticketToItem } from './ticket-item.ts';
import {
  checkListCursor,
  filterKey,
  planList,
  type ListPartition,
  type PartitionPosition,
} from './ticket-list-plan.ts';

export interface DynamoTicketStoreOptions {
  client: DynamoDBClient;
  tableName: string;
  /** HMAC key for paging cursors; every instance serving the same desk must share it. */
  cursorSecret?: string;
  /** Days a closed ticket is kept before DynamoDB TTL removes it. Default 180. */
  closedRetentionDays?: number;
}

export class DynamoTicketStore extends TicketStore {
  private readonly doc: DynamoDBDocumentClient;
  private readonly tableName: string;
  private readonly cursors: PageCursorCodec;
  private readonly closedRetentionDays: number;

  constructor(options: DynamoTicketStoreOptions) {
    super();
    this.doc = documentClient(options.client);
    this.tableName = options.tableName;
    this.cursors = new PageCursorCodec(
      options.cursorSecret ?? `mujib-tickets:${options.tableName}`,
    );
    this.closedRetentionDays = checkDays(
      options.closedRetentionDays,
      DEFAULT_TICKET_RETENTION_DAYS,
      'closedRetentionDays',
    );
  }

  /** Stores `ticket` under the ref derived from its sourceKey (`ticket.ref` is replaced by it). */
  override async create(ticket: Ticket): Promise<{ created: boolean; ticket: Ticket }> {
    checkSourceKey(ticket);
    for (let attempt = 0; attempt < MAX_REF_ATTEMPTS; attempt++) {
      const candidate = ticketWithExpiry(
        { ...ticket, ref: ticketRefFor(ticket.sourceKey, attempt) },
        this.closedRetentionDays,
      );
      try {
        await this.put(candidate, 'attribute_not_exists(#ref)', {});
        return { created: true, ticket: candidate };
      } catch (error) {
        if (errorName(error) !== 'ConditionalCheckFailedException') throw error;
        const existing = await this.get(candidate.ref);
        if (existing?.sourceKey === ticket.sourceKey) return { created: false, ticket: existing };
      }
    }
    throw noFreeTicketRef(ticket.sourceKey);
  }

  override async get(ref: string): Promise<Ticket | undefined> {
    if (typeof ref !== 'string' || ref === '') return undefined;
    const { Item } = await storeCall('GetItem', { table: this.tableName, ref }, () =>
      this.doc.send(
        new GetCommand({ TableName: this.tableName, Key: { ref }, ConsistentRead: true }),
      ),
    );
    return Item ? fromItem(Item) : undefined;
  }

  override async list(
    filter: TicketFilter,
    page: { limit: number; cursor?: string },
  ): Promise<Page<Ticket>> {
    const limit = checkTicketList(filter, page);
    const partitions = planList(filter);
    const positions: PartitionPosition[] =
      page.cursor !== undefined
        ? checkListCursor(this.cursors.decode(page.cursor), filter, partitions.length).p
        : partitions.map(() => null);

    // 1. Read up to limit + 1 matching items from every partition not yet done.
    const reads = await Promise.all(
      partitions.map((partition, i) =>
        this.readPartition(partition, positions[i] ?? null, limit + 1),
      ),
    );
    // 2. Merge the partitions oldest first, taking `limit` items.
    const taken = reads.map(() => 0);
    const items: Ticket[] = [];
    while (items.length < limit) {
      let best = -1;
      reads.forEach((read, i) => {
        const head = read.items[taken[i] ?? 0];
        const current = best >= 0 ? reads[best]?.items[taken[best] ?? 0] : undefined;
        if (head && (!current || compareTickets(head, current) < 0)) best = i;
      });
      if (best < 0) break;
      items.push(reads[best]!.items[taken[best]!]!);
      taken[best]! += 1;
    }
    // 3. Remember where each partition stands.
    const next: PartitionPosition[] = reads.map((read, i) => {
      const used = taken[i] ?? 0;
      if (used === read.items.length) return read.end;
      const last = read.items[used - 1];
      return last ? [last.createdAt, last.ref] : (positions[i] ?? null);
    });
    const done = next.every((position) => position === 'done');
    return {
      items,
      ...(done ? {} : { nextCursor: this.cursors.encode({ f: filterKey(filter), p: next }) }),
    };
  }

  override async update(ticket: Ticket, expectedVersion: number): Promise<Ticket> {
    checkExpectedVersion(expectedVersion);
    const stored = ticketWithExpiry(
      { ...ticket, version: expectedVersion + 1 },
      this.closedRetentionDays,
    );
    try {
      await this.put(stored, 'attribute_exists(#ref) AND #version = :expected', {
        ':expected': expectedVersion,
      });
      return stored;
    } catch (error) {
      if (errorName(error) !== 'ConditionalCheckFailedException') throw error;
      const current = await this.get(ticket.ref);
      // The SDK retried a write whose first attempt landed (its response lost to a timeout):
      // the stored ticket is this very update, not someone else's.
      if (current && sameTicket(current, stored)) return current;
      throw versionMismatch(ticket.ref, expectedVersion, current);
    }
  }

  override async pendingReplies(customerKey: string): Promise<Ticket[]> {
    if (typeof customerKey !== 'string' || customerKey === '') return [];
    const tickets: Ticket[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const result = await this.query({
        IndexName: 'byCustomer',
        KeyConditionExpression: 'customerKey = :c',
        FilterExpression: 'pendingCount > :zero',
        ExpressionAttributeValues: { ':c': customerKey, ':zero': 0 },
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      });
      tickets.push(...(result.Items ?? []).map(fromItem));
      startKey = result.LastEvaluatedKey;
    } while (startKey);
    return tickets;
  }

  /** Matching items of one partition after `position`, at most `want`, and where it ended. */
  private async readPartition(
    partition: ListPartition,
    position: PartitionPosition,
    want: number,
  ): Promise<{ items: Ticket[]; end: PartitionPosition }> {
    if (position === 'done') return { items: [], end: 'done' };
    const names: Record<string, string> = { '#k': partition.keyName };
    const values: Record<string, unknown> = { ':k': partition.keyValue };
    const conditions: string[] = [];
    for (const [attribute, value] of Object.entries(partition.filter)) {
      names[`#${attribute}`] = attribute;
      values[`:${attribute}`] = value;
      conditions.push(`#${attribute} = :${attribute}`);
    }
    if (partition.queue) conditions.push(queueCondition(partition.queue, names, values));
    const items: Ticket[] = [];
    let startKey: Record<string, unknown> | undefined = position
      ? { ref: position[1], [partition.keyName]: partition.keyValue, createdAt: position[0] }
      : undefined;
    let end: PartitionPosition = position;
    while (items.length < want) {
      const result = await this.query({
        IndexName: partition.indexName,
        KeyConditionExpression: '#k = :k',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ...(conditions.length ? { FilterExpression: conditions.join(' AND ') } : {}),
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        Limit: Math.max(want - items.length, conditions.length ? 25 : 1),
      });
      items.push(...(result.Items ?? []).map(fromItem));
      startKey = result.LastEvaluatedKey;
      if (!startKey) return { items, end: 'done' };
      end = [String(startKey.createdAt), String(startKey.ref)];
    }
    return { items, end };
  }

  private query(input: Omit<QueryCommandInput, 'TableName'>) {
    return storeCall('Query', { table: this.tableName, index: input.IndexName }, () =>
      this.doc.send(new QueryCommand({ TableName: this.tableName, ...input })),
    );
  }

  private put(ticket: Ticket, condition: string, values: Record<string, unknown>) {
    const names: Record<string, string> = { '#ref': 'ref' };
    if (condition.includes('#version')) names['#version'] = 'version';
    return storeCall('PutItem', { table: this.tableName, ref: ticket.ref }, () =>
      this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: toItem(ticket),
          ConditionExpression: condition,
          ExpressionAttributeNames: names,
          ...(Object.keys(values).length ? { ExpressionAttributeValues: values } : {}),
        }),
      ),
    );
  }
}

const toItem = ticketToItem;
const fromItem = ticketFromItem;

/**
 * The FilterExpression part for a support queue: routed to it, or (tickets from before routing)
 * without a queue in a language it is the default of.
 */
function queueCondition(
  queue: TicketQueueFilter,
  names: Record<string, string>,
  values: Record<string, unknown>,
): string {
  names['#supportQueue'] = SUPPORT_QUEUE_ATTRIBUTE;
  values[':supportQueue'] = queue.id;
  const langs = queue.defaultFor ?? [];
  if (langs.length === 0) return '#supportQueue = :supportQueue';
  names['#lang'] = 'lang';
  const list = langs.map((lang, i) => {
    values[`:defaultLang${i}`] = lang;
    return `:defaultLang${i}`;
  });
  return `(#supportQueue = :supportQueue OR (attribute_not_exists(#supportQueue) AND #lang IN (${list.join(', ')})))`;
}

/** Whether two tickets hold the same values (as stored: undefined fields left out). */
function sameTicket(a: Ticket, b: Ticket): boolean {
  return isDeepStrictEqual(JSON.parse(JSON.stringify(a)), JSON.parse(JSON.stringify(b)));
}
