/**
 * Building block of the answer functions (web chat, Twilio SMS, End User Messaging SMS, Alexa):
 * the knowledge index (loaded now, during INIT), the stores, the ticket service and the
 * conversation core. Clients only some of them need are loaded only when configured: Lex when
 * a bot is configured, SQS when DynamoDB first refuses a turn (LazyTurnQueue), End User
 * Messaging only where `sms` is given.
 */
import { BuiltinIntentRecognizer } from '#core/conversation/builtin-intents.ts';
import type { ConversationService } from '#core/conversation/conversation-service.ts';
import type { IntentRecognizer, KnowledgeSource, Logger, OutboundSms } from '#core/ports.ts';
import type { KnowledgeIndex } from '#core/retrieval/knowledge-index.ts';
import type { SupportDesk } from '#core/support/support-desk.ts';
import type { TicketService } from '#core/tickets/ticket-service.ts';
import type { CsatService } from '#core/tickets/csat-service.ts';
import type { Config } from '../config.ts';
import { conversationService } from '../answering-services.ts';
import { csatService } from '../csat-service.ts';
import { loadSupportConfig, supportDesk } from '../support-config.ts';
import {
  guardedSms,
  piiSecretOf,
  smsNotConfigured,
  staffRepliesNotSentHere,
  ticketService,
  type ServiceDeps,
} from '../services.ts';
import { createStores } from '../stores.ts';
import { loadKnowledge } from './knowledge.ts';
import type { LambdaBase } from './lambda-base.ts';
import { lambdaTurnQueue } from './lazy-turn-queue.ts';

export interface AnsweringParts extends ServiceDeps {
  secret: string;
  knowledge: KnowledgeSource<KnowledgeIndex>;
  tickets: TicketService;
  conversation: ConversationService;
  support: SupportDesk;
  /** Ratings and the web/Alexa satisfaction question (no sender: staff close tickets elsewhere). */
  csat: CsatService;
}

export async function answeringParts(
  base: LambdaBase,
  options: { sms?: OutboundSms } = {},
): Promise<AnsweringParts> {
  const { config, logger, clock, ids } = base;
  const secret = piiSecretOf(config);
  // Checked before anything else is loaded: a bad support.json fails INIT with its problems.
  const supportConfig = loadSupportConfig(config);
  const [knowledge, intents] = await Promise.all([
    loadKnowledge(base),
    intentRecognizerOf(config, logger),
  ]);
  const stores = createStores(config, lambdaTurnQueue(config), { logger, clock });
  const deps: ServiceDeps = { config, stores, logger, clock, ids };
  const sms = guardedSms(options.sms ?? smsNotConfigured(logger), stores.base.optOut, secret);
  const tickets = ticketService(deps, sms, staffRepliesNotSentHere);
  const support = supportDesk(supportConfig, {
    presence: stores.base.presence,
    clock,
    logger,
  });
  const conversation = conversationService(deps, { knowledge, tickets, intents, secret, support });
  const csat = csatService(deps, { secret });
  return { ...deps, secret, knowledge, tickets, conversation, support, csat };
}

async function intentRecognizerOf(config: Config, logger: Logger): Promise<IntentRecognizer> {
  if (!config.lex) return new BuiltinIntentRecognizer();
  const { intentRecognizer } = await import('../intents.ts');
  return intentRecognizer(config, logger);
}
