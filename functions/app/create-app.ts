/**
 * The composition root: configuration → adapters → core services → routes. The local server and
 * every Lambda handler build their app here (once per process / cold start), so they share the
 * same wiring. Tests pass overrides (a dynalite client, an in-memory store, a fixed clock).
 */
import { randomUUID } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ConversationService } from '#core/conversation/conversation-service.ts';
import { BuiltinIntentRecognizer } from '#core/conversation/builtin-intents.ts';
import { LexIntentRecognizer } from '#adapters/lex/lex-intent-recognizer.ts';
import type { LexRuntimeV2Client } from '@aws-sdk/client-lex-runtime-v2';
import type {
  Clock,
  ContentGapStore,
  Ids,
  IntentRecognizer,
  KnowledgeSource,
  Logger,
  OutboundSms,
  SessionLog,
  TicketStore,
  TurnQueue,
} from '#core/ports.ts';
import type { KnowledgeIndex } from '#core/retrieval/knowledge-index.ts';
import { TicketService } from '#core/tickets/ticket-service.ts';
import { createDynamoClient } from '#adapters/dynamodb/dynamo-client.ts';
import { DynamoContentGapStore } from '#adapters/dynamodb/dynamo-content-gap-store.ts';
import { DynamoSessionLog } from '#adapters/dynamodb/dynamo-session-log.ts';
import { DynamoTicketStore } from '#adapters/dynamodb/dynamo-ticket-store.ts';
import { MemoryContentGapStore } from '#adapters/memory/memory-content-gap-store.ts';
import { MemorySessionLog } from '#adapters/memory/memory-session-log.ts';
import { MemoryTicketStore } from '#adapters/memory/memory-ticket-store.ts';
import { FileTurnQueue } from '#adapters/turn-queue/file-turn-queue.ts';
import { MemoryTurnQueue } from '#adapters/turn-queue/memory-turn-queue.ts';
import { SqsTurnQueue } from '#adapters/turn-queue/sqs-turn-queue.ts';
import { DynamoCustomerDataStore } from '#adapters/dynamodb/dynamo-customer-data-store.ts';
import { MemoryCustomerDataStore } from '#adapters/memory/memory-customer-data-store.ts';
import { smsCustomerKey } from '#adapters/sms/sms-session.ts';
import type { CustomerDataStore } from '#core/privacy/customer-data-store.ts';
import { CustomerErasure } from '#core/privacy/customer-erasure.ts';
import { QueueingSessionLog } from '#adapters/turn-queue/queueing-session-log.ts';
import { FileKnowledgeSource } from '#adapters/knowledge/file-knowledge-source.ts';
import { JsonLogger } from '#adapters/log/json-logger.ts';
import { addChatRoutes } from '#adapters/http/chat-routes.ts';
import { addStaffRoutes } from '#adapters/http/staff-routes.ts';
import { addTwilioRoute } from '#adapters/http/channel-routes.ts';
import { buildAlexaSkill } from '#adapters/alexa/alexa-skill.ts';
import { MemorySmsOptOutStore, type SmsOptOutStore } from '#adapters/sms/sms-opt-out-store.ts';
import { DynamoSmsOptOutStore } from '#adapters/dynamodb/dynamo-sms-opt-out-store.ts';
import { DynamoSmsSessionStore } from '#adapters/dynamodb/dynamo-sms-session-store.ts';
import { MemorySmsSessionStore, type SmsSessionStore } from '#adapters/sms/sms-sessions.ts';
import { CustomerKeys } from '#core/tickets/customer-key.ts';
import { OptOutGuardedSms } from '#adapters/sms/opt-out-guarded-sms.ts';
import { OutboxSms } from '#adapters/sms/outbox-sms.ts';
import type { SmsHandlerDeps } from '#adapters/sms/handle-sms-message.ts';
import type { Skill } from 'ask-sdk-core';
import { EumOutboundSms } from '#adapters/sms/eum-outbound-sms.ts';
import { renderStaffReplySms } from '#core/render/sms.ts';
import path from 'node:path';
import { json } from '#adapters/http/http-types.ts';
import { Router } from '#adapters/http/router.ts';
import { ConfigError, type Config } from './config.ts';
import { ENV } from './env-names.ts';
import { addAnalyticsRoutes } from '#adapters/http/analytics-routes.ts';
import { DynamoStatsStore } from '#adapters/stats/dynamo-stats-store.ts';
import { DynamoTicketBacklog } from '#adapters/stats/dynamo-ticket-backlog.ts';
import { ListingTicketBacklog } from '#adapters/stats/listing-ticket-backlog.ts';
import { MemoryStatsStore } from '#adapters/stats/memory-stats-store.ts';
import { withStats, type Analytics } from '#adapters/stats/with-stats.ts';

export interface AppOverrides {
  /** `memory` keeps everything in process (unit tests, demos); default is DynamoDB. */
  store?: 'dynamo' | 'memory';
  dynamo?: DynamoDBClient;
  /** Replaces the session log (benchmarks measure the cost of logging against one that keeps nothing). */
  sessionLog?: SessionLog;
  knowledge?: KnowledgeSource<KnowledgeIndex>;
  sms?: OutboundSms;
  intents?: IntentRecognizer;
  /** Lex runtime client (tests point it at a local stand-in); used when a Lex bot is configured. */
  lexClient?: LexRuntimeV2Client;
  clock?: Clock;
  ids?: Ids;
  logger?: Logger;
  /** Where SMS opt-outs (STOP) are kept. */
  optOut?: SmsOptOutStore;
  /**
   * Where turns wait while the store is down (default: config.turnQueue — SQS, else a file —
   * or, when none is configured and in memory mode, a queue in this process).
   */
  turnQueue?: TurnQueue;
}

export interface App extends Omit<Analytics, 'sessionLog' | 'ticketStore' | 'gaps'> {
  config: Config;
  logger: Logger;
  knowledge: KnowledgeSource<KnowledgeIndex>;
  sessionLog: SessionLog;
  ticketStore: TicketStore;
  gaps: ContentGapStore;
  conversation: ConversationService;
  tickets: TicketService;
  sms: OutboundSms;
  optOut: SmsOptOutStore;
  /** Which conversation each inbound SMS belongs to (exactly-once per message id). */
  smsSessions: SmsSessionStore;
  /** "Erase my data" for support staff (audited). */
  erasure: CustomerErasure;
  /** Inbound SMS handling shared by the Twilio route and the End User Messaging Lambda. */
  smsHandler: SmsHandlerDeps;
  alexaSkill: Skill;
  clock: Clock;
  ids: Ids;
  /** Every API Gateway route (chat, staff, analytics, SMS, health); the local server adds /alexa and static files. */
  router: Router;
  /**
   * Writes turns queued while the store was down, in batches; resolves with how many it found
   * but could not write (0: all written). Run at start-up and on a timer (local), or by the
   * scheduled flush-turns function (SQS).
   */
  flushQueuedTurns(): Promise<number>;
  /** Turns this process queued and has not written yet (0 with SQS: the flush function writes them). */
  unsavedTurns(): number;
}

const systemClock: Clock = { now: () => new Date() };
const uuidIds: Ids = { next: () => randomUUID() };

export function createApp(config: Config, overrides: AppOverrides = {}): App {
  // Phone numbers are only ever stored hashed with this secret (local mode has a dev default;
  // Lambdas read it from SSM before they get here).
  const secret = config.piiSecret;
  if (!secret) {
    throw new ConfigError(
      `${ENV.piiSecretParam} (or ${ENV.piiSecret}) is required: phone numbers are hashed with it`,
    );
  }
  const logger =
    overrides.logger ?? new JsonLogger({ level: config.logLevel, base: { service: 'mujib' } });
  const clock = overrides.clock ?? systemClock;
  const ids = overrides.ids ?? uuidIds;
  const knowledge = overrides.knowledge ?? new FileKnowledgeSource(config.indexPath);
  const base =
    overrides.store === 'memory' ? memoryStores(config) : dynamoStores(config, overrides.dynamo);
  const stores = withStats(
    overrides.sessionLog ? { ...base, sessionLog: overrides.sessionLog } : base,
    {
      logger,
      clock,
    },
  );
  // Turns the store cannot take wait in a queue (see turn-queue/queueing-session-log.ts): one
  // mechanism for every mode. Only the scheduled flush function drains a shared SQS queue.
  const configured = overrides.store === 'memory' ? undefined : turnQueueOf(config);
  const turnQueue = overrides.turnQueue ?? configured ?? new MemoryTurnQueue();
  const queueing = new QueueingSessionLog(stores.sessionLog, turnQueue, logger, {
    flushWhenBack: !(turnQueue instanceof SqsTurnQueue),
  });
  const sessionLog: SessionLog = queueing;
  const optOut = overrides.optOut ?? base.optOut;
  const erasure = new CustomerErasure({
    store: base.customerData,
    tickets: stores.ticketStore,
    clock,
    ids,
    logger,
    // SMS session ids are `<customer key>:<start>` (adapters/sms/sms-sessions.ts).
    smsSessionPrefix: (phone) => `${smsCustomerKey(phone, secret)}:`,
    forgetQueuedTurns: (ids) => queueing.forgetSessions(ids),
  });
  const sms = new OptOutGuardedSms(overrides.sms ?? outboundSms(config, logger), optOut, secret);

  const tickets = new TicketService({
    tickets: stores.ticketStore,
    gaps: stores.gaps,
    sms,
    clock,
    ids,
    logger,
    formatSms: (notice) => renderStaffReplySms(notice, config.helpUrl),
  });
  const conversation = new ConversationService({
    knowledge,
    sessionLog,
    tickets: stores.ticketStore,
    staffReplies: tickets,
    intents: overrides.intents ?? intentRecognizer(config, logger, overrides.lexClient),
    clock,
    logger,
    thresholds: config.thresholds,
    retentionDays: config.retentionDays,
    customerKeys: new CustomerKeys(secret),
  });

  const router = new Router(logger);
  router.on('GET', '/healthz', async () => {
    const index = await knowledge.current();
    return json(200, {
      ok: true,
      mode: config.mode,
      index: index.meta,
      unsavedTurns: queueing.unsavedTurns,
    });
  });
  addChatRoutes(router, { conversation, sessionLog, tickets, ids });
  addStaffRoutes(router, { tickets, gaps: stores.gaps, erasure, staffToken: config.staffToken });
  addAnalyticsRoutes(router, { ...stores, staffToken: config.staffToken });
  const smsHandler: SmsHandlerDeps = {
    conversation,
    optOut,
    helpUrl: config.helpUrl,
    secret,
    now: () => clock.now(),
    sessions: base.smsSessions,
    retentionDays: config.retentionDays,
    log: ({ event, ...fields }) => logger.info(String(event), fields),
  };
  addTwilioRoute(router, {
    authToken: config.twilio.authToken,
    publicUrl: config.twilio.webhookUrl,
    sms: smsHandler,
  });
  const alexaSkill = buildAlexaSkill({
    conversation,
    skillId: config.alexa.skillId,
    helpUrl: config.helpUrl,
    logger,
  });

  return {
    config,
    logger,
    knowledge,
    ...stores,
    sessionLog,
    conversation,
    tickets,
    sms,
    optOut,
    smsSessions: base.smsSessions,
    erasure,
    smsHandler,
    alexaSkill,
    clock,
    ids,
    router,
    flushQueuedTurns: () => queueing.flush(),
    unsavedTurns: () => queueing.unsavedTurns,
  };
}

/** The durable turn queue configured: SQS (AWS), else a local file; none when neither is set. */
function turnQueueOf(config: Config): TurnQueue | undefined {
  if (config.turnQueue.sqsUrl) return new SqsTurnQueue({ queueUrl: config.turnQueue.sqsUrl });
  return config.turnQueue.file ? new FileTurnQueue({ file: config.turnQueue.file }) : undefined;
}

function dynamoStores(config: Config, client?: DynamoDBClient) {
  const dynamo =
    client ??
    createDynamoClient({
      ...(config.dynamoEndpoint
        ? {
            endpoint: config.dynamoEndpoint,
            region: 'local',
            credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
          }
        : {}),
    });
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
    customerData: new MemoryCustomerDataStore({
      sessionLog,
      tickets: ticketStore,
      gaps,
      stats,
    }) as CustomerDataStore,
    backlog: new ListingTicketBacklog(ticketStore),
    optOut: new MemorySmsOptOutStore() as SmsOptOutStore,
    smsSessions: new MemorySmsSessionStore() as SmsSessionStore,
  };
}

/** Amazon Lex V2 when a bot is configured (falling back to the built-in one on any Lex error). */
function intentRecognizer(
  config: Config,
  logger: Logger,
  client?: LexRuntimeV2Client,
): IntentRecognizer {
  const builtin = new BuiltinIntentRecognizer();
  if (!config.lex) return builtin;
  return new LexIntentRecognizer({
    botId: config.lex.botId,
    botAliasId: config.lex.botAliasId,
    localeIds: config.lex.locales,
    fallback: builtin,
    ...(client ? { client } : {}),
    log: ({ event, ...fields }) => logger.warn(String(event), fields),
  });
}

/**
 * Outbound SMS: AWS End User Messaging when an origination identity is configured; locally an
 * outbox file you can read; otherwise a staff reply to an SMS ticket is recorded as failed,
 * never lost silently.
 */
function outboundSms(config: Config, logger: Logger): OutboundSms {
  const log = ({ event, ...fields }: Record<string, unknown>) => logger.info(String(event), fields);
  if (config.smsOrigination)
    return new EumOutboundSms({ originationIdentity: config.smsOrigination, log });
  if (config.mode === 'local')
    return new OutboxSms({ file: path.join(config.dataDir, 'outbox.jsonl'), log });
  return {
    send: async () => {
      logger.warn('sms_not_configured', {});
      return { id: 'none', status: 'failed', detail: 'no SMS provider configured' };
    },
  } as OutboundSms;
}
