/**
 * Building block of the staff function (and the local server): "erase my data" (audited).
 */
import { CustomerErasure } from '#core/privacy/customer-erasure.ts';
import { phoneCustomerKey } from '#adapters/sms/sms-session.ts';
import type { ServiceDeps } from './services.ts';

/** "Erase my data" for support staff (audited). */
export function customerErasure(deps: ServiceDeps, secret: string): CustomerErasure {
  const { stores } = deps;
  return new CustomerErasure({
    store: stores.base.customerData,
    tickets: stores.stores.ticketStore,
    clock: deps.clock,
    ids: deps.ids,
    logger: deps.logger,
    // SMS and WhatsApp session ids are `<customer key>:<start>` (adapters/sms/sms-sessions.ts).
    smsSessionPrefix: (phone) =>
      (['sms', 'whatsapp'] as const).map(
        (channel) => `${phoneCustomerKey(channel, phone, secret)}:`,
      ),
    forgetQueuedTurns: (ids) => stores.queueing.forgetSessions(ids),
    learningSignals: stores.base.suggestions,
  });
}
