/**
 * The satisfaction question on WhatsApp, under WhatsApp's rules: nothing to a number that said
 * STOP on WhatsApp, and free text only within the 24-hour customer-service window opened by the
 * customer's last message. Outside the window the question is not asked at all (a template just
 * to ask for a rating is not worth a paid, pre-approved message): the result is `failed` with
 * detail `outside-24h-window`, and the ticket stays unasked.
 */
import type { OutboundSmsResult, Ticket } from '#core/ports.ts';
import type { CsatAskPush } from '#core/tickets/csat-service.ts';
import type { OutboundWhatsApp } from './outbound-whatsapp.ts';
import { OUTSIDE_WINDOW, whatsAppReach, type WhatsAppReachDeps } from './whatsapp-reach.ts';

export interface WhatsAppCsatAskDeps extends WhatsAppReachDeps {
  sender: OutboundWhatsApp;
}

export class WhatsAppCsatAsk implements CsatAskPush {
  constructor(private readonly deps: WhatsAppCsatAskDeps) {}

  async send(ticket: Ticket, text: string): Promise<OutboundSmsResult> {
    const reach = await whatsAppReach(this.deps, ticket);
    if ('refused' in reach) return reach.refused;
    if (!reach.windowOpen) return { id: '', status: 'failed', detail: OUTSIDE_WINDOW };
    return this.deps.sender.send(reach.phone, text);
  }
}
