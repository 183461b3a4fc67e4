/**
 * Building block: the satisfaction question (core/tickets/csat-service.ts) on the stores. The
 * functions that close tickets (the staff function, the local server) give it the senders that
 * ask by SMS and WhatsApp when a ticket closes (`csatAsks`); the answering functions only take
 * ratings and ask web and Alexa customers, so they need no sender (and load none: the senders
 * are in ./csat-asks.ts).
 */
import { CsatService, type CsatAskPush } from '#core/tickets/csat-service.ts';
import { CustomerKeys } from '#core/tickets/customer-key.ts';
import type { Channel } from '#core/types.ts';
import type { ServiceDeps } from './services.ts';

export type CsatAsks = Partial<Record<Channel, CsatAskPush>>;

export function csatService(
  deps: ServiceDeps,
  parts: { secret: string; asks?: CsatAsks },
): CsatService {
  return new CsatService({
    tickets: deps.stores.stores.ticketStore,
    recentlyClosed: deps.stores.base.recentlyClosed,
    sessionLog: deps.stores.sessionLog,
    customerKeys: new CustomerKeys(parts.secret),
    clock: deps.clock,
    logger: deps.logger,
    ...(parts.asks ? { asks: parts.asks } : {}),
  });
}
