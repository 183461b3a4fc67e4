/**
 * The satisfaction question (CSAT) on every channel, asked once per ticket after it closes, and
 * the rating stored on the ticket once (rules in csat.ts):
 *  - SMS and WhatsApp: the question goes out when staff close the ticket (`closed`, the ticket
 *    service's follow-up), through a `CsatAskPush` that applies the channel's own rules (an
 *    opt-out, WhatsApp's 24-hour window: a refused question is simply not asked). A bare 1–5 the
 *    customer sends within CSAT_REPLY_DAYS is the rating (`takeRatingReply`), unless a newer
 *    "did you mean" list in the same conversation claims the number (`pickWinsOverRating`).
 *  - Web chat and Alexa: the customer is asked at their next poll or launch (`takeAsks`, which
 *    marks the ticket asked so it happens once) and rates through the widget or by voice (`rate`).
 * Every write is conditional on the ticket's version and re-judged on a lost race. The customer
 * is named by an adapter's customer key (`web:<session>`, `sms:<hash>`…) and found through its
 * keyed hash, so one customer can never rate (or learn of) another's ticket.
 */
import { NotFoundError, TicketVersionConflictError } from '../errors.ts';
import type {
  Clock,
  Logger,
  OutboundSmsResult,
  SessionLog,
  Ticket,
  TicketStore,
} from '../ports.ts';
import { csatMessage } from '../render/csat-messages.ts';
import type { Channel, Lang } from '../types.ts';
import {
  askableNow,
  CSAT_ASK_DAYS,
  CSAT_REPLY_DAYS,
  markCsatAsked,
  needsCsatAsk,
  parseRatingReply,
  pickWinsOverRating,
  rateTicket,
  ticketForRatingReply,
  checkRating,
  type CsatRating,
} from './csat.ts';
import { channelOfCustomerKey, type CustomerKeys } from './customer-key.ts';
import type { RecentlyClosedTickets } from './recently-closed-tickets.ts';
import { isTicketRef } from './ticket-ref.ts';

/**
 * Sends the question (`text`, in the ticket's language) to the customer of `ticket` on its
 * channel. A refusal (opted out, outside WhatsApp's window) is a `failed` result, not an error.
 */
export interface CsatAskPush {
  send(ticket: Ticket, text: string): Promise<OutboundSmsResult>;
}

/** A question for a web or Alexa customer: which ticket, in which language. */
export interface CsatAsk {
  ticketRef: string;
  lang: Lang;
}

/** What a rating reply on SMS or WhatsApp did, and the text to send back. */
export interface RatingReply {
  outcome: 'recorded' | 'already-rated';
  ticketRef: string;
  lang: Lang;
  rating: CsatRating;
  text: string;
}

export interface RatingReplyInput {
  /** The adapter's name for the customer (`sms:<hash>`, `whatsapp:<hash>`). */
  customerKey: string;
  /** The conversation the message belongs to (its last turn may be a "did you mean" list). */
  sessionId: string;
  text: string;
  /** The provider delivered this message before (a retry): a rating it stored gets "thanks" again. */
  redelivery?: boolean;
}

export interface CsatServiceDeps {
  tickets: TicketStore;
  recentlyClosed: RecentlyClosedTickets;
  /** The conversations' turns: whether a newer "did you mean" claims a bare number. */
  sessionLog: SessionLog;
  customerKeys: CustomerKeys;
  clock: Clock;
  logger: Logger;
  /** How the question is sent on channels asked when the ticket closes (SMS, WhatsApp). */
  asks?: Partial<Record<Channel, CsatAskPush>>;
}

/** Channels whose customers are asked by a message when the ticket closes, never at a poll. */
const ASKED_AT_CLOSE: ReadonlySet<Channel> = new Set<Channel>(['sms', 'whatsapp']);
const MAX_ATTEMPTS = 4;
const DAY_MS = 86_400_000;

export class CsatService {
  constructor(private readonly deps: CsatServiceDeps) {}

  /**
   * Follow-up of closing `ticket`: on SMS and WhatsApp, sends the question once and marks the
   * ticket asked (only when it went out). Returns the ticket as it is now. Never throws: the
   * ticket is closed whatever happens to the question.
   */
  async closed(ticket: Ticket): Promise<Ticket> {
    const push = this.deps.asks?.[ticket.channel];
    if (!push || !needsCsatAsk(ticket)) return ticket;
    const log = { ref: ticket.ref, channel: ticket.channel };
    try {
      const sent = await push.send(ticket, csatMessage(ticket.lang, 'ask', { ref: ticket.ref }));
      if (sent.status === 'failed') {
        this.deps.logger.info('csat_not_asked', { ...log, detail: sent.detail });
        return ticket;
      }
      const [asked] = await this.mutate(ticket.ref, (t) => markCsatAsked(t, this.deps.clock.now()));
      this.deps.logger.info('csat_asked', log);
      return asked;
    } catch (error) {
      this.deps.logger.error('csat_ask_failed', { ...log, error: String(error) });
      return ticket;
    }
  }

  /**
   * Questions waiting for a web or Alexa customer (`web:<session id>`, `alexa:<user hash>`):
   * their tickets that closed within CSAT_ASK_DAYS and were never asked, oldest first, each
   * marked asked as it is returned (a second poll gets nothing). `limit`: at most this many (a
   * voice launch asks about one ticket; the others wait for the next launch).
   */
  async takeAsks(customerKey: string, options: { limit?: number } = {}): Promise<CsatAsk[]> {
    const limit = options.limit ?? Number.POSITIVE_INFINITY;
    const channel = channelOfCustomerKey(customerKey);
    if (ASKED_AT_CLOSE.has(channel)) return [];
    const stored = this.deps.customerKeys.stored(customerKey);
    const now = this.deps.clock.now();
    const since = new Date(now.getTime() - CSAT_ASK_DAYS * DAY_MS).toISOString();
    const candidates = (await this.deps.recentlyClosed.closedSince(stored, since))
      .filter((t) => t.channel === channel && t.customerKey === stored && askableNow(t, now))
      .sort((a, b) => (a.closedAt ?? '').localeCompare(b.closedAt ?? ''));
    const asks: CsatAsk[] = [];
    for (const candidate of candidates) {
      if (asks.length >= limit) break;
      const [ticket, written] = await this.mutate(candidate.ref, (t) =>
        askableNow(t, now) ? markCsatAsked(t, now) : t,
      );
      // Not written: a concurrent poll asked first, or the ticket was reopened meanwhile.
      if (!written) continue;
      asks.push({ ticketRef: ticket.ref, lang: ticket.lang });
      this.deps.logger.info('csat_asked', { ref: ticket.ref, channel });
    }
    return asks;
  }

  /**
   * The customer named `customerKey` rates their ticket `ref` (web widget, Alexa). A ticket that
   * does not exist and one of another customer get the same 404 (no probing references); a bad
   * rating is a 400; a ticket not closed, or already rated, a 409.
   */
  async rate(ref: string, customerKey: string, rating: unknown): Promise<Ticket> {
    const value = checkRating(rating);
    const channel = channelOfCustomerKey(customerKey);
    const stored = this.deps.customerKeys.stored(customerKey);
    const notYours = () =>
      new NotFoundError(`no ticket ${shortRef(ref)} for this customer`, { ref: shortRef(ref) });
    if (!isTicketRef(ref)) throw notYours();
    const [ticket] = await this.mutate(
      ref,
      (t) => {
        if (t.channel !== channel || t.customerKey !== stored) throw notYours();
        return rateTicket(t, value, channel, this.deps.clock.now());
      },
      notYours,
    );
    this.deps.logger.info('csat_recorded', { ref: ticket.ref, channel, rating: value });
    return ticket;
  }

  /**
   * An SMS or WhatsApp message that may answer the question: when it is a bare rating, the
   * customer has a ticket asked within CSAT_REPLY_DAYS, and no newer "did you mean" list in the
   * same conversation claims the number, the rating is stored (or, if the ticket was rated
   * before, politely not) and the reply to send is returned. Otherwise undefined: the message is
   * the conversation's. A store failure is logged and also leaves the message to the conversation.
   */
  async takeRatingReply(input: RatingReplyInput): Promise<RatingReply | undefined> {
    const rating = parseRatingReply(input.text);
    if (rating === undefined) return undefined;
    try {
      return await this.ratingReply(input, rating);
    } catch (error) {
      this.deps.logger.error('csat_reply_failed', {
        sessionId: input.sessionId,
        error: String(error),
      });
      return undefined;
    }
  }

  private async ratingReply(
    input: RatingReplyInput,
    rating: CsatRating,
  ): Promise<RatingReply | undefined> {
    const channel = channelOfCustomerKey(input.customerKey);
    const stored = this.deps.customerKeys.stored(input.customerKey);
    const now = this.deps.clock.now();
    // A question asked within the window is on a ticket closed no earlier than that.
    const since = new Date(now.getTime() - CSAT_REPLY_DAYS * DAY_MS).toISOString();
    const mine = (await this.deps.recentlyClosed.closedSince(stored, since)).filter(
      (t) => t.channel === channel && t.customerKey === stored,
    );
    const asked = ticketForRatingReply(mine, now);
    if (!asked?.csatAskedAt) return undefined;
    const [last] = await this.deps.sessionLog.listTurns(input.sessionId, { limit: 1 });
    if (pickWinsOverRating(last, asked.csatAskedAt, rating)) return undefined;

    const reply = (outcome: RatingReply['outcome'], ticket: Ticket): RatingReply => ({
      outcome,
      ticketRef: ticket.ref,
      lang: ticket.lang,
      rating,
      text:
        outcome === 'recorded'
          ? csatMessage(ticket.lang, 'thanks', { rating: String(ticket.csat?.rating ?? rating) })
          : csatMessage(ticket.lang, 'alreadyRated', { ref: ticket.ref }),
    });
    if (asked.csat) {
      // A retried delivery of the message that stored this rating gets the same thanks.
      const same = input.redelivery && asked.csat.rating === rating;
      this.deps.logger.info(same ? 'csat_reply_repeated' : 'csat_already_rated', {
        ref: asked.ref,
        channel,
      });
      return reply(same ? 'recorded' : 'already-rated', asked);
    }
    const [ticket, written] = await this.mutate(asked.ref, (t) =>
      t.csat || t.status !== 'closed' ? t : rateTicket(t, rating, channel, now),
    );
    if (!written) {
      // Rated (or reopened) in the meantime: judged as it is now.
      return ticket.csat ? reply('already-rated', ticket) : undefined;
    }
    this.deps.logger.info('csat_recorded', { ref: ticket.ref, channel, rating });
    return reply('recorded', ticket);
  }

  /**
   * Read, apply a rule, write if nobody changed the ticket meanwhile; else try again. Returns the
   * ticket as stored and whether this call wrote it. `missing`: the error for an unknown ref.
   */
  private async mutate(
    ref: string,
    change: (ticket: Ticket) => Ticket,
    missing: () => Error = () => new NotFoundError(`no ticket ${shortRef(ref)}`),
  ): Promise<[Ticket, boolean]> {
    for (let attempt = 1; ; attempt++) {
      const current = await this.deps.tickets.get(ref);
      if (!current) throw missing();
      const next = change(current);
      if (next === current) return [current, false];
      try {
        return [await this.deps.tickets.update(next, current.version), true];
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
