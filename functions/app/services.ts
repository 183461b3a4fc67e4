/**
 * Building blocks shared by every composition: clock, ids, the PII secret, outbound SMS behind
 * the opt-out check and the ticket service, on top of the stores (./stores.ts). The answering
 * services (./answering-services.ts: conversation core, inbound SMS) and "erase my data"
 * (./erasure-service.ts) are modules of their own, so a function that does not answer questions
 * bundles no retrieval code and one that does bundles no erasure code. No SDK client is imported
 * here: outbound SMS and intent recognition come in as ports.
 */
import { randomUUID } from 'node:crypto';
import type { Clock, Ids, Logger, OutboundSms } from '#core/ports.ts';
import type { ArticleCatalog } from '#core/learning/article-catalog.ts';
import { LearningService } from '#core/learning/learning-service.ts';
import { TicketService, type TicketServiceDeps } from '#core/tickets/ticket-service.ts';
import { OptOutGuardedSms } from '#adapters/sms/opt-out-guarded-sms.ts';
import type { SmsOptOutStore } from '#adapters/sms/sms-opt-out-store.ts';
import { ConfigError, type Config } from './config.ts';
import { ENV } from './env-names.ts';
import type { Stores } from './stores.ts';

export const systemClock: Clock = { now: () => new Date() };
export const uuidIds: Ids = { next: () => randomUUID() };

/** The secret phone numbers are hashed with (local mode has a dev default; Lambdas read SSM). */
export function piiSecretOf(config: Config): string {
  if (!config.piiSecret) {
    throw new ConfigError(
      `${ENV.piiSecretParam} (or ${ENV.piiSecret}) is required: phone numbers are hashed with it`,
    );
  }
  return config.piiSecret;
}

/** A sender for functions that never send SMS themselves: a reply is recorded as not sent. */
export function smsNotConfigured(logger: Logger): OutboundSms {
  return {
    send: async () => {
      logger.warn('sms_not_configured', {});
      return { id: 'none', status: 'failed', detail: 'no SMS provider configured' };
    },
  } as OutboundSms;
}

/** Outbound SMS behind the opt-out check (STOP is honoured whatever the provider). */
export function guardedSms(
  sender: OutboundSms,
  optOut: SmsOptOutStore,
  secret: string,
): OptOutGuardedSms {
  return new OptOutGuardedSms(sender, optOut, secret);
}

export interface ServiceDeps {
  config: Config;
  stores: Stores;
  logger: Logger;
  clock: Clock;
  ids: Ids;
}

/** How a staff reply reads as an SMS (the staff function and the local server send them). */
export type StaffReplySmsFormat = ConstructorParameters<typeof TicketService>[0]['formatSms'];

/**
 * For the answer functions: they open tickets and deliver staff replies on the customer's next
 * message, but never send a staff reply by SMS (the staff function does), so they need no SMS
 * rendering (and do not bundle the Markdown parser it uses).
 */
export const staffRepliesNotSentHere: StaffReplySmsFormat = () => {
  throw new Error('staff replies are sent by SMS from the staff function only');
};

export function ticketService(
  deps: ServiceDeps,
  sms: OutboundSms,
  formatSms: StaffReplySmsFormat,
  /** Other channels whose staff replies are sent at once (WhatsApp). */
  push?: TicketServiceDeps['push'],
  /** What follows a close (the satisfaction question: ./csat-service.ts). */
  closedFollowUp?: TicketServiceDeps['closedFollowUp'],
): TicketService {
  return new TicketService({
    tickets: deps.stores.stores.ticketStore,
    gaps: deps.stores.stores.gaps,
    sms,
    clock: deps.clock,
    ids: deps.ids,
    logger: deps.logger,
    formatSms,
    ...(push ? { push } : {}),
    ...(closedFollowUp ? { closedFollowUp } : {}),
  });
}

/** The learning loop (suggestions, decisions, effect) on the stores' suggestion store. */
export function learningService(deps: ServiceDeps, catalog?: ArticleCatalog): LearningService {
  return new LearningService({
    store: deps.stores.base.suggestions,
    gapReport: deps.stores.stores.gapReport,
    stats: deps.stores.stores.stats,
    clock: deps.clock,
    ...(catalog ? { catalog } : {}),
  });
}
