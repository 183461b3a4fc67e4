/**
 * The staff side of tickets: list, read, claim, reply, close, reopen, and delivery of staff
 * replies to the customer on the channel they used. SMS replies go out at once through the
 * OutboundSms port, and so do those of any channel given a `StaffReplyPush` (WhatsApp); web chat
 * picks them up on its next poll and Alexa at the next launch (`takePending`). Every write is conditional on the ticket's version, so two people acting at
 * once cannot both win; a lost race is re-read and re-judged by the lifecycle rules.
 */
import type { StaffReplyNotice } from '../conversation/conversation.ts';
import { NotFoundError, TicketVersionConflictError, ValidationError } from '../errors.ts';
import type {
  Clock,
  ContentGap,
  ContentGapStore,
  Ids,
  Logger,
  OutboundSms,
  OutboundSmsResult,
  Page,
  Ticket,
  TicketFilter,
  TicketStore,
} from '../ports.ts';
import type { Channel, Lang } from '../types.ts';
import { isTicketRef } from './ticket-ref.ts';
import {
  claimTicket,
  closeTicket,
  markAnsweredBy,
  recordDelivery,
  reopenTicket,
  replyToTicket,
} from './ticket-lifecycle.ts';

/** What the conversation core needs from the ticket side. */
export interface StaffReplies {
  /** Pending replies on `channel`'s tickets of the customer whose stored key is `customerKey`. */
  takePending(channel: Channel, customerKey: string): Promise<StaffReplyNotice[]>;
}

export interface TicketServiceDeps {
  tickets: TicketStore;
  gaps: ContentGapStore;
  sms: OutboundSms;
  clock: Clock;
  ids: Ids;
  logger: Logger;
  /** Shapes a staff reply as an SMS (segment-aware); injected so this module stays channel-free. */
  formatSms: (notice: StaffReplyNotice) => string;
  /** Channels besides SMS whose staff replies are sent at once, and how (WhatsApp). */
  push?: Partial<Record<Channel, StaffReplyPush>>;
  /** What happens once a ticket is closed (the satisfaction question, csat-service.ts). */
  closedFollowUp?: ClosedTicketFollowUp;
}

/**
 * Runs after a ticket is closed and returns the ticket as it is then; it never fails the close
 * (its own failures are its to log).
 */
export interface ClosedTicketFollowUp {
  closed(ticket: Ticket): Promise<Ticket>;
}

/**
 * Sends a staff reply on a channel that pushes replies (WhatsApp): the channel's own rules (an
 * opt-out, a messaging window) decide whether and how. A refusal is a `failed` result whose
 * `detail` says why (shown on the desk), not an exception.
 */
export interface StaffReplyPush {
  send(ticket: Ticket, notice: StaffReplyNotice): Promise<OutboundSmsResult>;
}

/** Channels whose staff replies are pushed to the customer, never collected by polling. */
const PUSHED_CHANNELS: ReadonlySet<Channel> = new Set<Channel>(['sms', 'whatsapp']);

const MAX_ATTEMPTS = 4;
const MAX_PAGE = 100;

export class TicketService implements StaffReplies {
  constructor(private readonly deps: TicketServiceDeps) {}

  list(filter: TicketFilter, page: { limit?: number; cursor?: string }): Promise<Page<Ticket>> {
    const limit = page.limit ?? 25;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) {
      throw new ValidationError(`limit must be an integer from 1 to ${MAX_PAGE}`, { limit });
    }
    return this.deps.tickets.list(filter, { limit, cursor: page.cursor });
  }

  /** The ticket; `NotFoundError` for an unknown ref and for anything that is not a ref at all. */
  async get(ref: string): Promise<Ticket> {
    // Checked before the store sees it: an odd or huge key is a client's mistake, not a 500.
    const ticket = isTicketRef(ref) ? await this.deps.tickets.get(ref) : undefined;
    if (!ticket) throw new NotFoundError(`no ticket ${shortRef(ref)}`, { ref: shortRef(ref) });
    return ticket;
  }

  claim(ref: string, staff: string): Promise<Ticket> {
    return this.mutate(ref, (t) => claimTicket(t, staff, this.deps.clock.now()));
  }

  async close(ref: string, staff: string): Promise<Ticket> {
    const closed = await this.mutate(ref, (t) => closeTicket(t, staff, this.deps.clock.now()));
    return this.deps.closedFollowUp ? this.deps.closedFollowUp.closed(closed) : closed;
  }

  reopen(ref: string, staff: string): Promise<Ticket> {
    return this.mutate(ref, (t) => reopenTicket(t, staff, this.deps.clock.now()));
  }

  /**
   * "Answered by article…": records which article answers the ticket's question (a learning
   * signal for the writers; the customer is not messaged).
   */
  answeredBy(ref: string, staff: string, articleId: string): Promise<Ticket> {
    return this.mutate(ref, (t) => markAnsweredBy(t, staff, articleId, this.deps.clock.now()));
  }

  /** Adds a staff reply and, for SMS and other pushed channels, sends it now and records how that went. */
  async reply(ref: string, staff: string, text: string): Promise<Ticket> {
    const answered = await this.mutate(ref, (t) =>
      replyToTicket(t, staff, text, this.deps.clock.now()),
    );
    const push = answered.channel === 'sms' ? this.smsPush : this.deps.push?.[answered.channel];
    if (!push) return answered;
    const replyIndex = answered.replies.length - 1;
    try {
      const sent = await push.send(answered, noticeOf(answered, replyIndex));
      return this.setDelivery(ref, replyIndex, sent.status, sent.detail ?? `message ${sent.id}`);
    } catch (error) {
      this.deps.logger.error(`staff_reply_${answered.channel}_failed`, {
        ref,
        error: String(error),
      });
      return this.setDelivery(ref, replyIndex, 'failed', String(error));
    }
  }

  /** SMS: to the ticket's number, shaped by `formatSms`. */
  private readonly smsPush: StaffReplyPush = {
    send: async (ticket, notice) => {
      const phone = ticket.contact.phone;
      if (!phone) return { id: '', status: 'failed', detail: 'no phone number on the ticket' };
      return this.deps.sms.send(phone, this.deps.formatSms(notice));
    },
  };

  /**
   * Staff replies waiting for a web or Alexa customer on `channel`; each is marked delivered as it
   * is returned. Another channel's ticket is never returned, whatever key it carries.
   */
  async takePending(channel: Channel, customerKey: string): Promise<StaffReplyNotice[]> {
    const notices: StaffReplyNotice[] = [];
    if (PUSHED_CHANNELS.has(channel)) return notices; // SMS and WhatsApp replies are pushed, never polled
    for (const ticket of await this.deps.tickets.pendingReplies(customerKey)) {
      if (ticket.channel !== channel || ticket.customerKey !== customerKey) continue;
      for (const [i, reply] of ticket.replies.entries()) {
        if (reply.delivery !== 'pending') continue;
        await this.setDelivery(ticket.ref, i, 'delivered', `shown on ${ticket.channel}`);
        notices.push(noticeOf(ticket, i));
      }
    }
    return notices;
  }

  /**
   * The customer leaves an email on their ticket (web chat), so staff can also write back by email.
   * A ref that does not exist and one of another session get the same answer (no probing refs).
   */
  async addContactEmail(ref: string, sessionId: string, email: string): Promise<Ticket> {
    const address = email.trim();
    if (address.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address)) {
      throw new ValidationError('email is not a valid address', { field: 'email' });
    }
    const notYours = () =>
      new NotFoundError(`no ticket ${shortRef(ref)} for this session`, { ref: shortRef(ref) });
    return this.mutate(
      ref,
      (t) => {
        // Only a web session that opened the ticket may attach a contact to it.
        if (t.channel !== 'web' || t.sessionId !== sessionId) throw notYours();
        const now = this.deps.clock.now().toISOString();
        return {
          ...t,
          contact: { ...t.contact, email: address },
          updatedAt: now,
          version: t.version + 1,
        };
      },
      notYours,
    );
  }

  /** "Suggest an article": records a content gap for the writers. */
  async suggestArticle(input: {
    lang: Lang;
    question: string;
    note?: string;
    ticketRef?: string;
    suggestedBy?: string;
  }): Promise<ContentGap> {
    const question = input.question?.trim();
    if (!question) throw new ValidationError('question is required', { field: 'question' });
    if (question.length > 2_000 || (input.note?.length ?? 0) > 2_000) {
      throw new ValidationError('question and note must be at most 2,000 characters');
    }
    const now = this.deps.clock.now();
    const gap: ContentGap = {
      id: `${now.toISOString()}#${this.deps.ids.next()}`,
      at: now.toISOString(),
      lang: input.lang,
      question,
      ...(input.note ? { note: input.note.trim() } : {}),
      ...(input.ticketRef ? { ticketRef: input.ticketRef } : {}),
      ...(input.suggestedBy ? { suggestedBy: input.suggestedBy } : {}),
    };
    await this.deps.gaps.add(gap);
    return gap;
  }

  private setDelivery(
    ref: string,
    replyIndex: number,
    status: Ticket['replies'][number]['delivery'],
    detail: string,
  ) {
    return this.mutate(ref, (t) =>
      recordDelivery(t, replyIndex, status, detail, this.deps.clock.now()),
    );
  }

  /**
   * Read, apply a lifecycle rule, write if nobody changed the ticket meanwhile; else try again.
   * `missing` is the error for a ticket that does not exist (default: `get`'s NotFoundError).
   */
  private async mutate(
    ref: string,
    change: (ticket: Ticket) => Ticket,
    missing?: () => Error,
  ): Promise<Ticket> {
    for (let attempt = 1; ; attempt++) {
      const current = await this.get(ref).catch((error: unknown) => {
        throw missing && error instanceof NotFoundError ? missing() : error;
      });
      const next = change(current);
      if (next === current) return current; // nothing to write (e.g. a stale delivery report)
      try {
        return await this.deps.tickets.update(next, current.version);
      } catch (error) {
        if (!(error instanceof TicketVersionConflictError) || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }
}

/** A ref for messages and logs: what a client sent, cut to a readable length. */
function shortRef(ref: string): string {
  const text = String(ref);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function noticeOf(ticket: Ticket, replyIndex: number): StaffReplyNotice {
  const reply = ticket.replies[replyIndex];
  return {
    ticketRef: ticket.ref,
    lang: ticket.lang,
    channel: ticket.channel,
    text: reply?.text ?? '',
    at: reply?.at ?? ticket.updatedAt,
  };
}
