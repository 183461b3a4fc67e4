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
import type { OutboundSmsResult, Ticket } from '#core/ports.ts';
import { renderStaffReplyWhatsApp } from '#core/render/whatsapp.ts';
import type { StaffReplyPush } from '#core/tickets/ticket-service.ts';
import type { OutboundWhatsApp } from './outbound-whatsapp.ts';
import { OUTSIDE_WINDOW, whatsAppReach, type WhatsAppReachDeps } from './whatsapp-reach.ts';

export interface WhatsAppStaffRepliesDeps extends WhatsAppReachDeps {
  sender: OutboundWhatsApp;
  /** Public base URL of the help centre (the link of a reply too long for one message). */
  helpUrl: string;
  /** Pre-approved template (`HX…`) sent outside the window; none: such replies are not sent. */
  templateSid?: string;
}

export class WhatsAppStaffReplies implements StaffReplyPush {
  constructor(private readonly deps: WhatsAppStaffRepliesDeps) {}

  async send(ticket: Ticket, notice: StaffReplyNotice): Promise<OutboundSmsResult> {
    const reach = await whatsAppReach(this.deps, ticket);
    if ('refused' in reach) return reach.refused;
    const { phone } = reach;
    if (reach.windowOpen) {
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
