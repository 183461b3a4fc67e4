/**
 * Building block shared by every composition (the local server's createApp and each Lambda's own
 * composition in ./lambda/): the stores — DynamoDB or in memory — wrapped for analytics, and the
 * session log that queues turns the store cannot take. Light on purpose: it imports the DynamoDB
 * client and plain adapters only; a queue on SQS comes in from the caller (`turnQueue`), so a
 * function that never queues turns never loads the SQS client.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Clock, Logger, SessionLog, TurnQueue } from '#core/ports.ts';
import type { CustomerDataStore } from '#core/privacy/customer-data-store.ts';
import { createDynamoClient } from '#adapters/dynamodb/dynamo-client.ts';
import { DynamoContentGapStore } from '#adapters/dynamodb/dynamo-content-gap-store.ts';
import { DynamoCustomerDataStore } from '#adapters/dynamodb/dynamo-customer-data-store.ts';
import { DynamoSessionLog } from '#adapters/dynamodb/dynamo-session-log.ts';
import { DynamoSmsOptOutStore } from '#adapters/dynamodb/dynamo-sms-opt-out-store.ts';
import { DynamoSmsSessionStore } from '#adapters/dynamodb/dynamo-sms-session-store.ts';
import { DynamoSuggestionStore } from '#adapters/dynamodb/dynamo-suggestion-store.ts';
import { DynamoTicketStore } from '#adapters/dynamodb/dynamo-ticket-store.ts';
import { MemoryContentGapStore } from '#adapters/memory/memory-content-gap-store.ts';
import { MemoryCustomerDataStore } from '#adapters/memory/memory-customer-data-store.ts';
import { MemorySessionLog } from '#adapters/memory/memory-session-log.ts';
import { MemorySuggestionStore } from '#adapters/memory/memory-suggestion-store.ts';
import { MemoryTicketStore } from '#adapters/memory/memory-ticket-store.ts';
import { MemorySmsOptOutStore, type SmsOptOutStore } from '#adapters/sms/sms-opt-out-store.ts';
import { MemorySmsSessionStore, type SmsSessionStore } from '#adapters/sms/sms-sessions.ts';
import { DynamoStatsStore } from '#adapters/stats/dynamo-stats-store.ts';
import { DynamoTicketBacklog } from '#adapters/stats/dynamo-ticket-backlog.ts';
import { ListingTicketBacklog } from '#adapters/stats/listing-ticket-backlog.ts';
import { MemoryStatsStore } from '#adapters/stats/memory-stats-store.ts';
import { withStats } from '#adapters/stats/with-stats.ts';
import { DynamoPresenceStore } from '#adapters/support/dynamo-presence-store.ts';
import { DynamoRecentlyClosedTickets } from '#adapters/dynamodb/dynamo-recently-closed-tickets.ts';
import { ListingRecentlyClosedTickets } from '#adapters/memory/listing-recently-closed-tickets.ts';
import type { RecentlyClosedTickets } from '#core/tickets/recently-closed-tickets.ts';
import { DynamoQueueBacklog } from '#adapters/support/dynamo-queue-backlog.ts';
import { ListingQueueBacklog } from '#adapters/support/listing-queue-backlog.ts';
import { MemoryPresenceStore } from '#adapters/support/memory-presence-store.ts';
import type { PresenceStore } from '#core/support/presence-store.ts';
import type { QueueBacklog } from '#core/support/queue-backlog.ts';
import { FileTurnQueue } from '#adapters/turn-queue/file-turn-queue.ts';
import { MemoryTurnQueue } from '#adapters/turn-queue/memory-turn-queue.ts';
import { QueueingSessionLog } from '#adapters/turn-queue/queueing-session-log.ts';
import type { Config } from './config.ts';

export interface StoreOptions {
  /** `memory` keeps everything in process (unit tests, demos); default is DynamoDB. */
  store?: 'dynamo' | 'memory';
  dynamo?: DynamoDBClient;
  /** Replaces the session log (benchmarks measure the cost of logging against one that keeps nothing). */
  sessionLog?: SessionLog;
  /**
   * Where turns wait while the store is down. Default: the configured file queue, or (none
   * configured, or memory mode) a queue in this process.
   */
  turnQueue?: TurnQueue;
  /**
   * The queue is shared by many processes and drained by the scheduled flush function (SQS):
   * this process then only adds to it and never flushes it itself.
   */
  sharedTurnQueue?: boolean;
}

/** The stores, wrapped for analytics, and the session log that queues what it cannot write. */
export function createStores(
  config: Config,
  options: StoreOptions,
  deps: { logger: Logger; clock: Clock },
) {
  const { logger, clock } = deps;
  const base =
    options.store === 'memory' ? memoryStores(config) : dynamoStores(config, options.dynamo);
  const stores = withStats(
    options.sessionLog ? { ...base, sessionLog: options.sessionLog } : base,
    // AWS: analytics come from the tables' streams (aggregate-stats function); else in-process.
    { logger, clock, source: config.mode === 'aws' ? 'stream' : 'in-process' },
  );
  // Turns the store cannot take wait in a queue (see turn-queue/queueing-session-log.ts): one
  // mechanism for every mode. Only the scheduled flush function drains a shared SQS queue.
  const configured = options.store === 'memory' ? undefined : fileTurnQueueOf(config);
  const turnQueue = options.turnQueue ?? configured ?? new MemoryTurnQueue();
  const queueing = new QueueingSessionLog(stores.sessionLog, turnQueue, logger, {
    flushWhenBack: !options.sharedTurnQueue,
    events: stores.events,
  });
  const sessionLog: SessionLog = queueing;
  return { base, stores, queueing, sessionLog };
}

export type Stores = ReturnType<typeof createStores>;

/** The local durable turn queue (a file), when one is configured. */
function fileTurnQueueOf(config: Config): TurnQueue | undefined {
  return config.turnQueue.file ? new FileTurnQueue({ file: config.turnQueue.file }) : undefined;
}

/** The DynamoDB client of the configuration (a local endpoint with dummy credentials, or AWS). */
export function dynamoClientOf(config: Config): DynamoDBClient {
  return createDynamoClient({
    ...(config.dynamoEndpoint
      ? {
          endpoint: config.dynamoEndpoint,
          region: 'local',
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        }
      : {}),
  });
}

function dynamoStores(config: Config, client?: DynamoDBClient) {
  const dynamo = client ?? dynamoClientOf(config);
  return {
    sessionLog: new DynamoSessionLog({
      client: dynamo,
      tableName: config.tables.turns,
      retentionDays: config.retentionDays,
    }),
    ticketStore: new DynamoTicketStore({
      client: dynamo,
      tableName: config.tables.tickets,
      closedRetentionDays: config.ticketRetentionDays,
    }),
    gaps: new DynamoContentGapStore({
      client: dynamo,
      tableName: config.tables.gaps,
      retentionDays: config.gapRetentionDays,
    }),
    stats: new DynamoStatsStore({ client: dynamo, tableName: config.tables.stats }),
    suggestions: new DynamoSuggestionStore({ client: dynamo, tableName: config.tables.stats }),
    backlog: new DynamoTicketBacklog({ client: dynamo, tableName: config.tables.tickets }),
    optOut: new DynamoSmsOptOutStore({
      client: dynamo,
      tableName: config.tables.stats,
    }) as SmsOptOutStore,
    smsSessions: new DynamoSmsSessionStore({
      client: dynamo,
      tableName: config.tables.stats,
    }) as SmsSessionStore,
    customerData: new DynamoCustomerDataStore({
      client: dynamo,
      tables: config.tables,
    }) as CustomerDataStore,
    // Staff presence (desk heartbeats) lives in the stats table, expired by its TTL.
    presence: new DynamoPresenceStore({
      client: dynamo,
      tableName: config.tables.stats,
    }) as PresenceStore,
    queueBacklog: new DynamoQueueBacklog({
      client: dynamo,
      tableName: config.tables.tickets,
    }) as QueueBacklog,
    // A customer's recently closed tickets (the satisfaction question), from `byCustomer`.
    recentlyClosed: new DynamoRecentlyClosedTickets({
      client: dynamo,
      tableName: config.tables.tickets,
    }) as RecentlyClosedTickets,
  };
}

function memoryStores(config: Config) {
  const ticketStore = new MemoryTicketStore({ closedRetentionDays: config.ticketRetentionDays });
  const sessionLog = new MemorySessionLog({ retentionDays: config.retentionDays });
  const gaps = new MemoryContentGapStore({ retentionDays: config.gapRetentionDays });
  const stats = new MemoryStatsStore();
  return {
    sessionLog,
    ticketStore,
    gaps,
    stats,
    suggestions: new MemorySuggestionStore(),
    customerData: new MemoryCustomerDataStore({
      sessionLog,
      tickets: ticketStore,
      gaps,
      stats,
    }) as CustomerDataStore,
    backlog: new ListingTicketBacklog(ticketStore),
    optOut: new MemorySmsOptOutStore() as SmsOptOutStore,
    smsSessions: new MemorySmsSessionStore() as SmsSessionStore,
    presence: new MemoryPresenceStore() as PresenceStore,
    queueBacklog: new ListingQueueBacklog(ticketStore) as QueueBacklog,
    recentlyClosed: new ListingRecentlyClosedTickets(ticketStore) as RecentlyClosedTickets,
  };
}
