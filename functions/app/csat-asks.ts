/**
 * Building block of the functions that close tickets (the staff function, the local server): how
 * the satisfaction question goes out when a ticket closes — SMS through the opt-out guarded
 * sender, WhatsApp through its sender within the 24-hour window.
 */
import type { OutboundSms } from '#core/ports.ts';
import { SmsCsatAsk } from '#adapters/sms/sms-csat-ask.ts';
import type { SmsOptOutStore } from '#adapters/sms/sms-opt-out-store.ts';
import type { OutboundWhatsApp } from '#adapters/whatsapp/outbound-whatsapp.ts';
import { WhatsAppCsatAsk } from '#adapters/whatsapp/whatsapp-csat-ask.ts';
import type { CsatAsks } from './csat-service.ts';
import type { ServiceDeps } from './services.ts';

/**
 * How the question goes out when a ticket closes: SMS through `sms` (opt-out guarded), WhatsApp
 * through `whatsapp` within the 24-hour window.
 */
export function csatAsks(
  deps: ServiceDeps,
  parts: { sms: OutboundSms; whatsapp: OutboundWhatsApp; optOut: SmsOptOutStore; secret: string },
): CsatAsks {
  return {
    sms: new SmsCsatAsk(parts.sms),
    whatsapp: new WhatsAppCsatAsk({
      sender: parts.whatsapp,
      sessions: deps.stores.base.smsSessions,
      optOut: parts.optOut,
      secret: parts.secret,
      clock: deps.clock,
    }),
  };
}
