/**
 * Builds the ticket an escalation opens: status open, version 1, ref derived from the
 * idempotency key (see ticket-ref.ts). Sizes are bounded so a ticket always fits one store item.
 */
import { startPageOf } from '../analytics/turn-session.ts';
import { ValidationError } from '../errors.ts';
import type { Ticket, TicketPromise } from '../ports.ts';
import { redactCardNumbers } from './redact.ts';
import { ticketRefFor } from './ticket-ref.ts';

/** What the conversation core knows when it opens a ticket; the rest starts empty. */
export type NewTicketInput = Pick<
  Ticket,
  | 'sourceKey'
  | 'question'
  | 'lang'
  | 'channel'
  | 'sessionId'
  | 'customerKey'
  | 'reason'
  | 'transcript'
  | 'candidates'
  | 'contact'
> &
  Partial<Pick<Ticket, 'queue' | 'promise' | 'startPage'>> & {
    /** The inbound message that asked for the ticket (a repeated request is then added once). */
    messageId?: string;
  };

/** Longest question kept on a ticket. */
export const MAX_QUESTION_LENGTH = 4000;
/** Most recent transcript entries kept, and the longest text of each. */
export const MAX_TRANSCRIPT_ENTRIES = 50;
export const MAX_TRANSCRIPT_TEXT = 2000;
/** Most candidates kept. */
export const MAX_TICKET_CANDIDATES = 5;

/**
 * A new open ticket for an escalated question.
 *
 * @example
 * const ticket = newTicket({ sourceKey: 'web:s1:m7', question, lang: 'en', channel: 'web', … }, clock.now());
 */
export function newTicket(input: NewTicketInput, now: Date): Ticket {
  // Where the web chat started: a plain path only (core/analytics/turn-session.ts), bounded.
  const startPage = startPageOf(input.startPage);
  for (const field of ['sourceKey', 'sessionId', 'customerKey'] as const) {
    if (typeof input[field] !== 'string' || input[field].trim() === '') {
      throw new ValidationError(`ticket ${field} is missing`, { field });
    }
  }
  const at = now.toISOString();
  return {
    ref: ticketRefFor(input.sourceKey),
    sourceKey: input.sourceKey,
    status: 'open',
    // Staff need the customer's words, phone and email, but never a card number.
    question: redactCardNumbers((input.question ?? '').slice(0, MAX_QUESTION_LENGTH)),
    lang: input.lang,
    channel: input.channel,
    sessionId: input.sessionId,
    customerKey: input.customerKey,
    reason: input.reason,
    transcript: (input.transcript ?? []).slice(-MAX_TRANSCRIPT_ENTRIES).map((e) => ({
      at: e.at,
      from: e.from,
      text: redactCardNumbers(e.text.slice(0, MAX_TRANSCRIPT_TEXT)),
    })),
    candidates: (input.candidates ?? [])
      .slice(0, MAX_TICKET_CANDIDATES)
      .map((c) => ({ articleId: c.articleId, title: c.title, confidence: c.confidence })),
    contact: { ...input.contact },
    createdAt: at,
    updatedAt: at,
    replies: [],
    ...(input.messageId ? { messageIds: [input.messageId] } : {}),
    ...(input.queue ? { queue: input.queue } : {}),
    ...(input.promise ? { promise: ticketPromise(input.promise) } : {}),
    ...(startPage ? { startPage } : {}),
    version: 1,
  };
}

/**
 * The promise as the ticket keeps it: its kind, and the opening time for `next-opening` (the
 * closing time for `when-free`). Takes the renderer's shape (`until`) as well as its own.
 */
function ticketPromise(promise: TicketPromise & { until?: string }): TicketPromise {
  const at = promise.kind === 'when-free' ? (promise.at ?? promise.until) : promise.at;
  return promise.kind !== 'minutes' && at ? { kind: promise.kind, at } : { kind: promise.kind };
}
