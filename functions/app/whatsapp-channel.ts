/**
 * Building blocks of the WhatsApp channel (Twilio): inbound handling, which is the SMS handling
 * keyed by the WhatsApp address and rendered for WhatsApp, and staff replies under WhatsApp's
 * rules (opt-out, 24-hour window, template). The sender comes in as a port (./outbound-whatsapp.ts).
 */
import { renderWhatsApp } from '#core/render/whatsapp.ts';
import type { SmsHandlerDeps } from '#adapters/sms/handle-sms-message.ts';
import type { SmsOptOutStore } from '#adapters/sms/sms-opt-out-store.ts';
import type { OutboundWhatsApp } from '#adapters/whatsapp/outbound-whatsapp.ts';
import { WhatsAppStaffReplies } from '#adapters/whatsapp/whatsapp-staff-replies.ts';
import type { ServiceDeps } from './services.ts';

/** Inbound WhatsApp: the SMS handling (`sms`) on the WhatsApp channel, with WhatsApp replies. */
export function whatsAppHandlerDeps(sms: SmsHandlerDeps): SmsHandlerDeps {
  return {
    ...sms,
    channel: 'whatsapp',
    render: (reply) => renderWhatsApp(reply, { helpUrl: sms.helpUrl }),
  };
}

/** Staff replies on WhatsApp through `sender`, for the ticket service's `push`. */
export function whatsAppStaffReplies(
  deps: ServiceDeps,
  parts: { sender: OutboundWhatsApp; optOut: SmsOptOutStore; secret: string },
): WhatsAppStaffReplies {
  return new WhatsAppStaffReplies({
    sender: parts.sender,
    sessions: deps.stores.base.smsSessions,
    optOut: parts.optOut,
    secret: parts.secret,
    clock: deps.clock,
    helpUrl: deps.config.helpUrl,
    ...(deps.config.whatsapp.templateSid ? { templateSid: deps.config.whatsapp.templateSid } : {}),
  });
}
