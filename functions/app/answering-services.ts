/**
 * Building blocks of the functions that answer customers (web chat, SMS, Alexa and the local
 * server): the conversation core and inbound SMS handling. A module of its own: it brings the
 * retrieval code (Lunr, the index) with it, which the staff and operations functions never load.
 */
import { ConversationService } from '#core/conversation/conversation-service.ts';
import type { IntentRecognizer, KnowledgeSource } from '#core/ports.ts';
import type { KnowledgeIndex } from '#core/retrieval/knowledge-index.ts';
import type { SupportDesk } from '#core/support/support-desk.ts';
import { CustomerKeys } from '#core/tickets/customer-key.ts';
import type { TicketService } from '#core/tickets/ticket-service.ts';
import type { SmsHandlerDeps } from '#adapters/sms/handle-sms-message.ts';
import type { SmsOptOutStore } from '#adapters/sms/sms-opt-out-store.ts';
import type { ServiceDeps } from './services.ts';

export function conversationService(
  deps: ServiceDeps,
  parts: {
    knowledge: KnowledgeSource<KnowledgeIndex>;
    tickets: TicketService;
    intents: IntentRecognizer;
    secret: string;
    /** Routing and the hand-off promise (./support-config.ts). */
    support: SupportDesk;
  },
): ConversationService {
  return new ConversationService({
    knowledge: parts.knowledge,
    sessionLog: deps.stores.sessionLog,
    tickets: deps.stores.stores.ticketStore,
    staffReplies: parts.tickets,
    intents: parts.intents,
    clock: deps.clock,
    logger: deps.logger,
    thresholds: deps.config.thresholds,
    retentionDays: deps.config.retentionDays,
    customerKeys: new CustomerKeys(parts.secret),
    events: deps.stores.stores.events,
    support: parts.support,
  });
}

/** Inbound SMS handling shared by the Twilio route and the End User Messaging function. */
export function smsHandlerDeps(
  deps: ServiceDeps,
  parts: { conversation: ConversationService; optOut: SmsOptOutStore; secret: string },
): SmsHandlerDeps {
  return {
    conversation: parts.conversation,
    optOut: parts.optOut,
    helpUrl: deps.config.helpUrl,
    secret: parts.secret,
    now: () => deps.clock.now(),
    sessions: deps.stores.base.smsSessions,
    retentionDays: deps.config.retentionDays,
    log: ({ event, ...fields }) => deps.logger.info(String(event), fields),
  };
}
