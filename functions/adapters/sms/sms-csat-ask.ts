/**
 * The satisfaction question as an SMS to the ticket's number, through the sender staff replies
 * use (behind the opt-out check: a number that said STOP is not asked).
 */
import type { OutboundSms, OutboundSmsResult, Ticket } from '#core/ports.ts';
import type { CsatAskPush } from '#core/tickets/csat-service.ts';

export class SmsCsatAsk implements CsatAskPush {
  /** @param sms an opt-out guarded sender (app/services.ts `guardedSms`). */
  constructor(private readonly sms: OutboundSms) {}

  async send(ticket: Ticket, text: string): Promise<OutboundSmsResult> {
    const phone = ticket.contact.phone;
    if (!phone) return { id: '', status: 'failed', detail: 'no phone number on the ticket' };
    return this.sms.send(phone, text);
  }
}
