/**
 * The DynamoDB table design as plain data (no CDK, no SDK): the CDK stack, local start-up
 * (ensure-tables.ts) and the tests all build the same tables from it. All string keys, on-demand
 * billing.
 */

export type KeyType = 'S' | 'N';

export interface KeyAttribute {
  name: string;
  type: KeyType;
}

export interface IndexDesign {
  indexName: string;
  /** Global indexes only; local ones share the table's partition key. */
  partitionKey?: KeyAttribute;
  sortKey: KeyAttribute;
  projection: 'ALL';
}

export interface TableDesign {
  partitionKey: KeyAttribute;
  sortKey?: KeyAttribute;
  localIndexes: IndexDesign[];
  globalIndexes: IndexDesign[];
  /** Attribute holding the expiry time (epoch seconds), when the table uses TTL. */
  timeToLiveAttribute?: string;
}

/** Physical names of the tables (they differ per stage and per test). */
export interface TableNames {
  turns: string;
  tickets: string;
  gaps: string;
  stats: string;
}

/** Session log: one item per turn; `byTime` lists a session's turns in order. */
export const TURNS_TABLE: TableDesign = {
  partitionKey: { name: 'sessionId', type: 'S' },
  sortKey: { name: 'messageId', type: 'S' },
  localIndexes: [{ indexName: 'byTime', sortKey: { name: 'at', type: 'S' }, projection: 'ALL' }],
  globalIndexes: [],
  timeToLiveAttribute: 'expiresAt',
};

/**
 * Tickets by ref. `byStatus`: a status oldest first. `byQueue` (`queue` = `status#lang#channel`):
 * the queue filtered by language and channel. `byCustomer`: a customer's tickets (pending replies).
 */
export const TICKETS_TABLE: TableDesign = {
  partitionKey: { name: 'ref', type: 'S' },
  localIndexes: [],
  globalIndexes: [
    {
      indexName: 'byStatus',
      partitionKey: { name: 'status', type: 'S' },
      sortKey: { name: 'createdAt', type: 'S' },
      projection: 'ALL',
    },
    {
      indexName: 'byQueue',
      partitionKey: { name: 'queue', type: 'S' },
      sortKey: { name: 'createdAt', type: 'S' },
      projection: 'ALL',
    },
    {
      indexName: 'byCustomer',
      partitionKey: { name: 'customerKey', type: 'S' },
      sortKey: { name: 'createdAt', type: 'S' },
      projection: 'ALL',
    },
  ],
  // Set once a ticket is closed (core/privacy/retention.ts).
  timeToLiveAttribute: 'expiresAt',
};

/** Content gaps per language; `id` = `<ISO time>#<uuid>` sorts by time. */
export const GAPS_TABLE: TableDesign = {
  partitionKey: { name: 'lang', type: 'S' },
  sortKey: { name: 'id', type: 'S' },
  localIndexes: [],
  globalIndexes: [],
  timeToLiveAttribute: 'expiresAt',
};

/**
 * Analytics counters and gap questions (adapters/stats/dynamo-stats-store.ts documents the key
 * layout): all writes are UpdateItem ADD on small items; reads are bounded range queries.
 */
export const STATS_TABLE: TableDesign = {
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  localIndexes: [],
  globalIndexes: [],
  // Only gap questions carry it (as long as the turn they came from); counters never expire.
  timeToLiveAttribute: 'expiresAt',
};

/** Every table by its role, for code that builds all of them. */
export const TABLE_DESIGN: Record<keyof TableNames, TableDesign> = {
  turns: TURNS_TABLE,
  tickets: TICKETS_TABLE,
  gaps: GAPS_TABLE,
  stats: STATS_TABLE,
};
