/**
 * The composition root of the local server (and of the tests and benchmarks that stand in for
 * it): one app that serves everything — chat, staff, analytics, SMS, WhatsApp, Alexa — built
 * from the same blocks as each Lambda's own composition (./lambda/): the stores (./stores.ts),
 * the core services (./services.ts), intents (./intents.ts), outbound SMS (./outbound-sms.ts)
 * and WhatsApp (./whatsapp-channel.ts, ./outbound-whatsapp.ts). A Lambda
 * never imports this module: it would load every channel's code and SDK client.
 * The content studio (./studio-service.ts) works on the knowledge folder and `<dataDir>/studio/`
 * (memory stores in memory mode) and republishes into the artifact the FileKnowledgeSource reads.
 * Tests pass overrides (a dynalite client, an in-memory store, a fixed clock, studio stores).
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { LexRuntimeV2Client } from '@aws-sdk/client-lex-runtime-v2';
import type { Skill } from 'ask-sdk-core';
import type { ConversationService } from '#core/conversation/conversation-service.ts';
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
import type { ArticleCatalog } from '#core/learning/article-catalog.ts';
import type { LearningService } from '#core/learning/learning-service.ts';
import type { CustomerErasure } from '#core/privacy/customer-erasure.ts';
import type { KnowledgeIndex } from '#core/retrieval/knowledge-index.ts';
import { renderStaffReplySms } from '#core/render/sms.ts';
import type { TicketService } from '#core/tickets/ticket-service.ts';
import type { CsatService } from '#core/tickets/csat-service.ts';
import type { StudioService } from '#core/studio/studio-service.ts';
import type { SupportConfig } from '#core/support/support-config.ts';
import type { SupportDesk } from '#core/support/support-desk.ts';
import { buildAlexaSkill } from '#adapters/alexa/alexa-skill.ts';
import { addAnalyticsRoutes } from '#adapters/http/analytics-routes.ts';
import { addTwilioRoute, addTwilioWhatsAppRoute } from '#adapters/http/channel-routes.ts';
import { addChatRoutes } from '#adapters/http/chat-routes.ts';
import { addLearningRoutes } from '#adapters/http/learning-routes.ts';
import { Router } from '#adapters/http/router.ts';
import { addStaffRoutes, type StaffAuth } from '#adapters/http/staff-routes.ts';
import { addStudioRoutes } from '#adapters/http/studio-routes.ts';
import { FileKnowledgeSource } from '#adapters/knowledge/file-knowledge-source.ts';
import { JsonLogger } from '#adapters/log/json-logger.ts';
import type { SmsHandlerDeps } from '#adapters/sms/handle-sms-message.ts';
import type { SmsOptOutStore } from '#adapters/sms/sms-opt-out-store.ts';
import type { SmsSessionStore } from '#adapters/sms/sms-sessions.ts';
import type { OutboundWhatsApp } from '#adapters/whatsapp/outbound-whatsapp.ts';
import type { Analytics } from '#adapters/stats/with-stats.ts';
import { SqsTurnQueue } from '#adapters/turn-queue/sqs-turn-queue.ts';
import type { Config } from './config.ts';
import { addHealthRoute } from './health-route.ts';
import { intentRecognizer } from './intents.ts';
import { outboundSms } from './outbound-sms.ts';
import { outboundWhatsApp } from './outbound-whatsapp.ts';
import { conversationService, smsHandlerDeps } from './answering-services.ts';
import { customerErasure } from './erasure-service.ts';
import {
  guardedSms,
  learningService,
  piiSecretOf,
  systemClock,
  ticketService,
  uuidIds,
  type ServiceDeps,
} from './services.ts';
import { createStores } from './stores.ts';
import { csatAsks } from './csat-asks.ts';
import { csatService } from './csat-service.ts';
import { loadSupportConfig, supportDesk } from './support-config.ts';
import { whatsAppHandlerDeps, whatsAppStaffReplies } from './whatsapp-channel.ts';
import { studioService, studioStores, type StudioOverrides } from './studio-service.ts';

export interface AppOverrides {
  /** `memory` keeps everything in process (unit tests, demos); default is DynamoDB. */
  store?: 'dynamo' | 'memory';
  dynamo?: DynamoDBClient;
  /** Replaces the session log (benchmarks measure the cost of logging against one that keeps nothing). */
  sessionLog?: SessionLog;
  knowledge?: KnowledgeSource<KnowledgeIndex>;
  sms?: OutboundSms;
  /** Sends staff replies on WhatsApp (default: config's Twilio account in AWS, the outbox locally). */
  whatsapp?: OutboundWhatsApp;
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
  /**
   * The live articles' `questions`, so suggestions leave out phrasings already listed (default:
   * the studio's live collection).
   */
  articleCatalog?: ArticleCatalog;
  /** The content studio's stores and rebuild (default: config's folders; memory in memory mode). */
  studio?: StudioOverrides;
  /** The support configuration (default: support.json, or the file MUJIB_SUPPORT_CONFIG names). */
  support?: SupportConfig;
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
  /** The satisfaction question after a ticket closes, and the rating (./csat-service.ts). */
  csat: CsatService;
  sms: OutboundSms;
  /** The WhatsApp sender staff replies go out through (unguarded: the ticket service checks). */
  whatsapp: OutboundWhatsApp;
  optOut: SmsOptOutStore;
  /** Which conversation each inbound SMS belongs to (exactly-once per message id). */
  smsSessions: SmsSessionStore;
  /** "Erase my data" for support staff (audited). */
  erasure: CustomerErasure;
  /** The learning loop: suggestions from picks and staff marks, writers' decisions, effect. */
  learning: LearningService;
  /** The content studio: drafts, lint, previews, try-it, test-all, publish, history, audit. */
  studio: StudioService;
  /** Inbound SMS handling shared by the Twilio route and the End User Messaging Lambda. */
  smsHandler: SmsHandlerDeps;
  alexaSkill: Skill;
  /** Support queues, hours and presence (support.json): routing, promises, the queue overview. */
  support: SupportDesk;
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

export function createApp(config: Config, overrides: AppOverrides = {}): App {
  // Phone numbers are only ever stored hashed with this secret (local mode has a dev default;
  // Lambdas read it from SSM before they get here).
  const secret = piiSecretOf(config);
  const logger =
    overrides.logger ?? new JsonLogger({ level: config.logLevel, base: { service: 'mujib' } });
  const clock = overrides.clock ?? systemClock;
  const ids = overrides.ids ?? uuidIds;
  const knowledge = overrides.knowledge ?? new FileKnowledgeSource(config.indexPath, { logger });
  // The stores, their analytics wiring (withStats) and the turn queue live in ./stores.ts, the
  // block every Lambda composition (./lambda/) shares; here the queue may be SQS or a file.
  const turnQueue =
    overrides.turnQueue ?? (overrides.store === 'memory' ? undefined : sqsTurnQueueOf(config));
  const stored = createStores(
    config,
    {
      store: overrides.store,
      dynamo: overrides.dynamo,
      sessionLog: overrides.sessionLog,
      turnQueue,
      sharedTurnQueue: turnQueue instanceof SqsTurnQueue,
    },
    { logger, clock },
  );
  const { base, stores, queueing, sessionLog } = stored;
  // support.json (or MUJIB_SUPPORT_CONFIG), checked here: a bad file stops the app at start.
  const support = supportDesk(overrides.support ?? loadSupportConfig(config), {
    presence: base.presence,
    clock,
    logger,
  });
  const deps: ServiceDeps = { config, stores: stored, logger, clock, ids };
  const optOut = overrides.optOut ?? base.optOut;
  const erasure = customerErasure(deps, secret);
  const sms = guardedSms(overrides.sms ?? outboundSms(config, logger), optOut, secret);
  const whatsapp = overrides.whatsapp ?? outboundWhatsApp(config, logger);
  const csat = csatService(deps, {
    secret,
    asks: csatAsks(deps, { sms, whatsapp, optOut, secret }),
  });
  const tickets = ticketService(
    deps,
    sms,
    (notice) => renderStaffReplySms(notice, config.helpUrl),
    { whatsapp: whatsAppStaffReplies(deps, { sender: whatsapp, optOut, secret }) },
    csat,
  );
  const conversation = conversationService(deps, {
    knowledge,
    tickets,
    intents: overrides.intents ?? intentRecognizer(config, logger, overrides.lexClient),
    secret,
    support,
  });

  // Agents and writers (local tokens; in AWS the JWT and the writers' group).
  const auth: StaffAuth = {
    ...(config.staffToken ? { staffToken: config.staffToken } : {}),
    ...(config.writerToken ? { writerToken: config.writerToken } : {}),
    writerGroup: config.writerGroup,
  };
  const studioParts = studioStores(config, {
    memory: overrides.store === 'memory',
    clock,
    ids,
    ...(overrides.studio ? { overrides: overrides.studio } : {}),
  });
  const learning = learningService(
    deps,
    overrides.articleCatalog ?? studioParts.collection.catalog(),
  );
  const studio = studioService(config, studioParts, {
    knowledge,
    learning,
    ...(overrides.studio?.rebuild ? { rebuild: overrides.studio.rebuild } : {}),
  });

  const router = new Router(logger);
  addHealthRoute(router, { config, knowledge, unsavedTurns: () => queueing.unsavedTurns });
  addChatRoutes(router, { conversation, feedback: conversation, tickets, ids, csat });
  addStaffRoutes(router, {
    tickets,
    gaps: stores.gaps,
    erasure,
    staffToken: auth,
    support: { desk: support, backlog: base.queueBacklog },
  });
  addAnalyticsRoutes(router, { ...stores, staffToken: auth, support });
  addLearningRoutes(router, {
    learning,
    staffToken: auth,
    settleAnalytics: stores.settleAnalytics,
    addToDraft: (lang, articleId, phrasing, by) =>
      studio.addQuestionToDraft(lang, articleId, phrasing, by),
  });
  addStudioRoutes(router, { studio, staffToken: auth });
  const smsHandler = { ...smsHandlerDeps(deps, { conversation, optOut, secret }), csat };
  addTwilioRoute(router, {
    authToken: config.twilio.authToken,
    publicUrl: config.twilio.webhookUrl,
    sms: smsHandler,
  });
  addTwilioWhatsAppRoute(router, {
    authToken: config.twilio.authToken,
    publicUrl: config.whatsapp.webhookUrl,
    sms: whatsAppHandlerDeps(smsHandler),
  });
  const alexaSkill = buildAlexaSkill({
    conversation,
    csat,
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
    csat,
    sms,
    whatsapp,
    optOut,
    smsSessions: base.smsSessions,
    erasure,
    learning,
    studio,
    smsHandler,
    alexaSkill,
    support,
    clock,
    ids,
    router,
    flushQueuedTurns: () => queueing.flush(),
    unsavedTurns: () => queueing.unsavedTurns,
  };
}

/** The SQS turn queue when one is configured (the local file queue is the stores' default). */
function sqsTurnQueueOf(config: Config): TurnQueue | undefined {
  return config.turnQueue.sqsUrl
    ? new SqsTurnQueue({ queueUrl: config.turnQueue.sqsUrl })
    : undefined;
}
