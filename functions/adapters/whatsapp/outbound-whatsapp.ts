/**
 * The outbound WhatsApp port: a free-form (session) message, allowed within WhatsApp's 24-hour
 * customer-service window, or a pre-approved template, allowed at any time. Adapters:
 * TwilioOutboundWhatsApp (Twilio's Messages API; constructed in AWS only) and, locally, the
 * outbox the SMS channel uses (OutboxSms with `channel: 'whatsapp'`). Like OutboundSms, a refused
 * or failed send is a `failed` result with a `detail`, never an exception.
 */
import type { OutboundSmsResult } from '#core/ports.ts';

/** A pre-approved WhatsApp template (Twilio Content API `HX…` sid) and its variables. */
export interface WhatsAppTemplate {
  contentSid: string;
  /** Values by placeholder number: `{ '1': 'MJ-4K7Q2X' }`. */
  variables: Record<string, string>;
}

export abstract class OutboundWhatsApp {
  /** A free-form message to the WhatsApp user with number `to` (E.164). */
  abstract send(to: string, body: string): Promise<OutboundSmsResult>;
  /** The template, filled in, to `to` (E.164). */
  abstract sendTemplate(to: string, template: WhatsAppTemplate): Promise<OutboundSmsResult>;
}

/** The address Twilio uses for a WhatsApp number: `whatsapp:+9665…`. */
export function whatsAppAddress(phone: string): string {
  return phone.startsWith('whatsapp:') ? phone : `whatsapp:${phone}`;
}
