/**
 * "Erase my data", for support staff: given a customer's phone number, email or chat session,
 * deletes their turns (stored and still queued), the analytics gap questions and content-gap
 * suggestions made from them, and anonymises their tickets (question, transcript, contact, reply
 * texts and start page are erased; the reference, status, dates and articles stay for the
 * statistics).
 * Every erasure is audited without the erased values.
 *
 * Steps (each is idempotent, and tickets are anonymised last, so a failed erasure can simply be
 * run again: the tickets still lead to the sessions):
 *  1. Sessions: the one named, or every SMS conversation of the number.
 *  2. Tickets of those sessions or with the phone/email in their contact; add their sessions.
 *  3. Delete queued turns, turns, and the gap questions quoting them.
 *  4. Delete content gaps made from the tickets; anonymise the tickets.
 *  5. Audit.
 */
import { NotFoundError, TicketVersionConflictError, ValidationError } from '../errors.ts';
import type { Clock, Ids, Logger, Ticket, TicketStore } from '../ports.ts';
import { learningSignalKeysOf } from '../learning/learning-signal.ts';
import type { SuggestionStore } from '../learning/suggestion-store.ts';
import type {
  CustomerDataStore,
  ErasureRecord,
  ErasureSubjectKind,
} from './customer-data-store.ts';

/** Exactly one of these identifies the customer. */
export interface ErasureSubject {
  phone?: string;
  email?: string;
  sessionId?: string;
}

export interface CustomerErasureDeps {
  store: CustomerDataStore;
  tickets: TicketStore;
  clock: Clock;
  ids: Ids;
  logger: Logger;
  /**
   * The session id prefix of a number's SMS conversations (`sms:<keyed hash>:`), or one per
   * channel whose customers are numbers (SMS, WhatsApp).
   */
  smsSessionPrefix: (phone: string) => string | readonly string[];
  /**
   * Drops turns of these sessions still waiting in the durable turn queue; how many, or
   * `undefined` when the queue cannot pick them out (SQS: they are written by the next flush, so
   * an erasure run again after it catches them).
   */
  forgetQueuedTurns?: (sessionIds: readonly string[]) => Promise<number | undefined>;
  /** The learning loop's signals (they quote customers' questions): erased with the rest. */
  learningSignals?: Pick<SuggestionStore, 'deleteSignals'>;
}

/** What replaces erased text. */
export const ERASED = '[erased]';
const MAX_ATTEMPTS = 4;

export class CustomerErasure {
  constructor(private readonly deps: CustomerErasureDeps) {}

  /**
   * Erases one customer's personal data; `by` is the staff member (audited).
   *
   * @example await erasure.erase({ phone: '+971501234567' }, 'sara')
   */
  async erase(subject: ErasureSubject, by: string): Promise<ErasureRecord> {
    const { kind, value } = checkSubject(subject);
    const { store } = this.deps;
    const phone = kind === 'phone' ? normalizePhone(value) : undefined;

    const sessions = new Set<string>();
    if (kind === 'session') sessions.add(value);
    if (phone) {
      for (const prefix of [this.deps.smsSessionPrefix(phone)].flat()) {
        for (const id of await store.sessionsStartingWith(prefix)) sessions.add(id);
      }
    }
    const tickets = await store.findTickets({
      sessionIds: [...sessions],
      ...(phone ? { phone } : {}),
      ...(kind === 'email' ? { email: value } : {}),
    });
    for (const ticket of tickets) sessions.add(ticket.sessionId);
    const sessionIds = [...sessions];

    const forgotten = this.deps.forgetQueuedTurns
      ? await this.deps.forgetQueuedTurns(sessionIds)
      : 0;
    if (forgotten === undefined) {
      this.deps.logger.warn('queued_turns_not_erased', { sessions: sessionIds.length });
    }
    const queuedTurns = forgotten ?? 0;
    const turns = await store.deleteTurns(sessionIds);
    const gapQuestions = await store.deleteGapQuestions(turns);
    const refs = tickets.map((t) => t.ref);
    const contentGaps = await store.deleteContentGaps(refs);
    const learningSignals =
      (await this.deps.learningSignals?.deleteSignals(learningSignalKeysOf(turns, tickets))) ?? 0;
    for (const ref of refs) await this.anonymise(ref);

    const at = this.deps.clock.now().toISOString();
    const record: ErasureRecord = {
      id: `${at}#${this.deps.ids.next()}`,
      at,
      by,
      subject: kind,
      sessions: sessionIds.length,
      turns: turns.length,
      queuedTurns,
      gapQuestions,
      contentGaps,
      learningSignals,
      tickets: refs,
    };
    await store.recordErasure(record);
    this.deps.logger.info('customer_data_erased', { ...record });
    return record;
  }

  /** Audited erasures, newest first. */
  list(limit = 50): Promise<ErasureRecord[]> {
    return this.deps.store.listErasures(limit);
  }

  private async anonymise(ref: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const current = await this.deps.tickets.get(ref);
      if (!current) return; // gone already (expired)
      try {
        await this.deps.tickets.update(
          anonymisedTicket(current, this.deps.clock.now()),
          current.version,
        );
        return;
      } catch (error) {
        const retry = error instanceof TicketVersionConflictError && attempt < MAX_ATTEMPTS;
        if (error instanceof NotFoundError) return;
        if (!retry) throw error;
      }
    }
  }
}

/**
 * The ticket without the customer's personal data: question, transcript, contact and reply
 * texts erased, session and customer key replaced, the page the chat started on dropped (a path
 * may name an order or account, `/orders/12345`); a reply still waiting for the customer is
 * marked failed (there is nobody left to deliver it to).
 */
export function anonymisedTicket(ticket: Ticket, now: Date): Ticket {
  const at = now.toISOString();
  const { startPage: _erased, ...kept } = ticket;
  return {
    ...kept,
    question: ERASED,
    transcript: [],
    contact: {},
    sessionId: `erased:${ticket.ref}`,
    // The idempotency key names the session and message; a retry after erasure opens a new ticket.
    sourceKey: `erased:${ticket.ref}`,
    customerKey: `${ticket.channel}:erased-${ticket.ref}`,
    replies: ticket.replies.map((reply) => ({
      ...reply,
      text: ERASED,
      ...(reply.delivery === 'pending'
        ? { delivery: 'failed' as const, deliveryDetail: 'customer data erased' }
        : {}),
    })),
    erasedAt: at,
    updatedAt: at,
    version: ticket.version + 1,
  };
}

function checkSubject(subject: ErasureSubject): { kind: ErasureSubjectKind; value: string } {
  const given = (['phone', 'email', 'sessionId'] as const)
    .map((field) => ({ field, value: subject?.[field]?.trim() ?? '' }))
    .filter((f) => f.value !== '');
  if (given.length !== 1) {
    throw new ValidationError('give exactly one of phone, email or sessionId');
  }
  const [{ field, value }] = given as [{ field: keyof ErasureSubject; value: string }];
  if (value.length > 254) throw new ValidationError(`${field} is too long`, { field });
  if (field === 'phone' && !/^\+?[0-9]{7,15}$/.test(normalizePhone(value))) {
    throw new ValidationError('phone must be a phone number, e.g. +971501234567', { field });
  }
  if (field === 'email' && !/^[^\s@]+@[^\s@]+$/.test(value)) {
    throw new ValidationError('email is not an email address', { field });
  }
  return { kind: field === 'sessionId' ? 'session' : field, value };
}

/** "+971 50-123 4567" → "+971501234567" (the form tickets store). */
export function normalizePhone(phone: string): string {
  return phone.trim().replace(/[\s\-().]/g, '');
}
