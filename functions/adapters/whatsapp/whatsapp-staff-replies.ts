/**
 * Staff replies on WhatsApp, under WhatsApp's rules:
 *  - a number that said STOP on WhatsApp gets nothing (`opted-out`), as on SMS;
 *  - free text only within the 24-hour customer-service window, which opens with each message
 *    the customer sends (the time their conversation was last active, kept by the SMS session
 *    store under their WhatsApp key);
 *  - outside it, the configured pre-approved template (ticket reference as its variable `1`),
 *    or, with none configured, nothing: the reply is `failed` with detail `outside-24h-window`,
 *    which the desk explains.
 */
import type { StaffReplyNotice } from '#core/conversation/conversation.ts';
import type { Clock, OutboundSmsResult, Ticket } from '#core/ports.ts';
import { renderStaffReplyWhatsApp } from '#core/render/whatsapp.ts';
import type { StaffReplyPush } from '#core/tickets/ticket-service.ts';
import type { SmsOptOutStore } from '#adapters/sms/sms-opt-out-store.ts';
import { phoneCustomerKey } from '#adapters/sms/sms-session.ts';
import type { SmsSessionStore } from '#adapters/sms/sms-sessions.ts';
import type { OutboundWhatsApp } from './outbound-whatsapp.ts';

/** The delivery detail of a reply refused because the window had closed (the desk explains it). */
export const OUTSIDE_WINDOW = 'outside-24h-window';
/** Hours a customer's message keeps WhatsApp's customer-service window open. */
export const WHATSAPP_WINDOW_HOURS = 24;

export interface WhatsAppStaffRepliesDeps {
  sender: OutboundWhatsApp;
  /** Knows when each WhatsApp number last wrote (`latest(customerKey).lastAt`). */
  sessions: SmsSessionStore;
  optOut: SmsOptOutStore;
  /** Secret phone numbers are hashed with (as the inbound handling uses). */
  secret: string;
  clock: Clock;
  /** Public base URL of the help centre (the link of a reply too long for one message). */
  helpUrl: string;
  /** Pre-approved template (`HX…`) sent outside the window; none: such replies are not sent. */
  templateSid?: string;
}

export class WhatsAppStaffReplies implements StaffReplyPush {
  constructor(private readonly deps: WhatsAppStaffRepliesDeps) {}

  async send(ticket: Ticket, notice: StaffReplyNotice): Promise<OutboundSmsResult> {
    const phone = ticket.contact.phone;
    if (!phone) return { id: '', status: 'failed', detail: 'no phone number on the ticket' };
    const customerKey = phoneCustomerKey('whatsapp', phone, this.deps.secret);
    if (await this.deps.optOut.isOptedOut(customerKey)) {
      return { id: '', status: 'failed', detail: 'opted-out' };
    }
    const last = await this.deps.sessions.latest(customerKey);
    if (withinWindow(last?.lastAt, this.deps.clock.now())) {
      return this.deps.sender.send(phone, renderStaffReplyWhatsApp(notice, this.deps.helpUrl));
    }
    if (!this.deps.templateSid) return { id: '', status: 'failed', detail: OUTSIDE_WINDOW };
    const sent = await this.deps.sender.sendTemplate(phone, {
      contentSid: this.deps.templateSid,
      variables: { '1': notice.ticketRef },
    });
    if (sent.status === 'failed') return sent;
    return { ...sent, detail: `template ${this.deps.templateSid} (${OUTSIDE_WINDOW})` };
  }
}

/**
 * Whether a message at `now` is inside the window opened by the customer's message at
 * `lastInbound` (ISO-8601; undefined: they never wrote).
 *
 * @example withinWindow('2026-11-23T10:00:00Z', new Date('2026-11-24T09:59:59Z')) // → true
 */
export function withinWindow(lastInbound: string | undefined, now: Date): boolean {
  if (!lastInbound) return false;
  // (A message stamped a moment after `now`, by another function's clock, is inside.)
  const elapsed = now.getTime() - Date.parse(lastInbound);
  return elapsed < WHATSAPP_WINDOW_HOURS * 3_600_000;
}
