/**
 * The satisfaction question on WhatsApp, under WhatsApp's rules: nothing to a number that said
 * STOP on WhatsApp, and free text only within the 24-hour customer-service window opened by the
 * customer's last message. Outside the window the question is not asked at all (a template just
 * to ask for a rating is not worth a paid, pre-approved message): the result is `failed` with
 * detail `outside-24h-window`, and the ticket stays unasked.
 */
import type { Clock, OutboundSmsResult, Ticket } from '#core/ports.ts';
import type { CsatAskPush } from '#core/tickets/csat-service.ts';
import type { SmsOptOutStore } from '#adapters/sms/sms-opt-out-store.ts';
import { phoneCustomerKey } from '#adapters/sms/sms-session.ts';
import type { SmsSessionStore } from '#adapters/sms/sms-sessions.ts';
import type { OutboundWhatsApp } from './outbound-whatsapp.ts';
import { OUTSIDE_WINDOW, withinWindow } from './whatsapp-staff-replies.ts';

export interface WhatsAppCsatAskDeps {
  sender: OutboundWhatsApp;
  /** Knows when each WhatsApp number last wrote (`latest(customerKey).lastAt`). */
  sessions: SmsSessionStore;
  optOut: SmsOptOutStore;
  /** Secret phone numbers are hashed with (as the inbound handling uses). */
  secret: string;
  clock: Clock;
}

export class WhatsAppCsatAsk implements CsatAskPush {
  constructor(private readonly deps: WhatsAppCsatAskDeps) {}

  async send(ticket: Ticket, text: string): Promise<OutboundSmsResult> {
    const phone = ticket.contact.phone;
    if (!phone) return { id: '', status: 'failed', detail: 'no phone number on the ticket' };
    const customerKey = phoneCustomerKey('whatsapp', phone, this.deps.secret);
    if (await this.deps.optOut.isOptedOut(customerKey)) {
      return { id: '', status: 'failed', detail: 'opted-out' };
    }
    const last = await this.deps.sessions.latest(customerKey);
    if (!withinWindow(last?.lastAt, this.deps.clock.now())) {
      return { id: '', status: 'failed', detail: OUTSIDE_WINDOW };
    }
    return this.deps.sender.send(phone, text);
  }
}
