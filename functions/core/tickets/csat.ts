/**
 * Customer satisfaction (CSAT) as pure rules: when the customer of a closed ticket is asked to
 * rate the help (once, ever), what counts as a rating reply ("4", "٤", "★★★★"), storing a rating
 * once, and when a bare number answers the rating question rather than a "did you mean" list.
 * Each transition returns a new Ticket (version + 1, updatedAt = now), or the ticket itself when
 * there is nothing to change; a rating the ticket's state does not allow throws
 * `TicketStateConflictError` (409). Sending the question and persisting are csat-service.ts's job.
 *
 * Windows:
 *  - a web or Alexa customer is asked at their next poll or launch, if the ticket closed less
 *    than `CSAT_ASK_DAYS` ago (a ticket closed long ago is not brought up again);
 *  - an SMS or WhatsApp customer is asked when the ticket closes, and a bare 1–5 they send within
 *    `CSAT_REPLY_DAYS` of that question is the rating.
 */
import { TicketStateConflictError, ValidationError } from '../errors.ts';
import type { Ticket, TicketCsat, Turn } from '../ports.ts';
import type { Channel } from '../types.ts';

export type CsatRating = TicketCsat['rating'];

/** Days after the question during which a bare 1–5 on SMS or WhatsApp is taken as the rating. */
export const CSAT_REPLY_DAYS = 3;
/** Days after closing during which a web or Alexa customer is still asked. */
export const CSAT_ASK_DAYS = 3;

const DAY_MS = 86_400_000;

/** Digits 1–5 as customers type them: Western, Arabic-Indic (١–٥) and Eastern Arabic-Indic (۱–۵). */
const DIGITS: Record<string, CsatRating> = {
  '1': 1,
  '2': 2,
  '3': 3,
  '4': 4,
  '5': 5,
  '١': 1,
  '٢': 2,
  '٣': 3,
  '٤': 4,
  '٥': 5,
  '۱': 1,
  '۲': 2,
  '۳': 3,
  '۴': 4,
  '۵': 5,
};

/** A row of one to five stars (★ or the ⭐ emoji, with or without its variation selector). */
const STARS = /^(?:★|⭐\uFE0F?){1,5}$/u;
/** What may surround a bare rating: spaces, and a closing mark ("4.", "٥!"). */
const AROUND = /^[\s\u200c-\u200f\u2066-\u2069]*(.*?)[\s.!,،؛؟?\u200c-\u200f\u2066-\u2069]*$/su;

/**
 * The rating a reply is, when it is nothing but a rating: one digit 1–5 (any of the digit sets
 * above) or one to five stars. Anything else — "4 stars", "10", "2 please", a question — is not.
 *
 * @example parseRatingReply(' ٤ ') // → 4
 * @example parseRatingReply('⭐⭐⭐') // → 3
 * @example parseRatingReply('is 4 days normal?') // → undefined
 */
export function parseRatingReply(text: string): CsatRating | undefined {
  if (typeof text !== 'string' || text.length > 40) return undefined;
  const core = AROUND.exec(text)?.[1] ?? '';
  const digit = DIGITS[core];
  if (digit !== undefined) return digit;
  if (!STARS.test(core)) return undefined;
  return core.replace(/\uFE0F/gu, '').length as CsatRating;
}

/**
 * A rating sent by a client (the web widget): an integer from 1 to 5, or a ValidationError (400).
 *
 * @example checkRating(4) // → 4
 */
export function checkRating(value: unknown): CsatRating {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 5) {
    throw new ValidationError('rating must be an integer from 1 to 5', { field: 'rating' });
  }
  return value as CsatRating;
}

/** Closed, never asked, never rated, and not erased: its customer may be asked. */
export function needsCsatAsk(t: Ticket): boolean {
  return t.status === 'closed' && !t.csatAskedAt && !t.csat && !t.erasedAt;
}

/**
 * Whether a web or Alexa customer is asked about `t` now: it needs asking and closed less than
 * `CSAT_ASK_DAYS` ago.
 */
export function askableNow(t: Ticket, now: Date): boolean {
  if (!needsCsatAsk(t) || !t.closedAt) return false;
  return now.getTime() - Date.parse(t.closedAt) < CSAT_ASK_DAYS * DAY_MS;
}

/** The ticket marked as asked at `now`; `t` itself when it was asked (or rated) already. */
export function markCsatAsked(t: Ticket, now: Date): Ticket {
  if (t.csatAskedAt || t.csat) return t;
  return next(t, now, { csatAskedAt: now.toISOString() });
}

/**
 * Whether a bare rating sent on SMS or WhatsApp at `now` answers the question about `t`: it is
 * closed and was asked less than `CSAT_REPLY_DAYS` ago (rated or not: a second rating gets a
 * polite "already rated", not an answer from the help centre).
 */
export function awaitsRatingReply(t: Ticket, now: Date): boolean {
  if (t.status !== 'closed' || !t.csatAskedAt) return false;
  const elapsed = now.getTime() - Date.parse(t.csatAskedAt);
  return elapsed >= -60_000 && elapsed < CSAT_REPLY_DAYS * DAY_MS;
}

/**
 * Stores the customer's rating, once. A ticket that is not closed, or that was rated already,
 * throws `TicketStateConflictError` (409). Rating without having been asked (a client that posts
 * straight away) also marks the ticket asked, so `csat` always comes with `csatAskedAt`.
 */
export function rateTicket(t: Ticket, rating: CsatRating, channel: Channel, now: Date): Ticket {
  const value = checkRating(rating);
  if (t.status !== 'closed') {
    throw new TicketStateConflictError(t.ref, t.status, 'rate it (only a closed ticket is rated)');
  }
  if (t.csat) throw new TicketStateConflictError(t.ref, t.status, 'rate it again (already rated)');
  const at = now.toISOString();
  return next(t, now, {
    csatAskedAt: t.csatAskedAt ?? at,
    csat: { rating: value, at, channel },
  });
}

/**
 * Precedence between a pending rating question and a "did you mean" list in the same
 * conversation: the customer's bare number picks from the list when the list is the newer of the
 * two (its clarify turn is the session's last turn and came after the question) and the number
 * is one of its options; otherwise it is the rating.
 *
 * @example pickWinsOverRating(clarifyTurnAfterAsk, ticket.csatAskedAt, 2) // → true with ≥ 2 options
 */
export function pickWinsOverRating(
  lastTurn: Turn | undefined,
  askedAt: string,
  rating: CsatRating,
): boolean {
  if (lastTurn?.outcome !== 'clarify') return false;
  if (!(Date.parse(lastTurn.at) > Date.parse(askedAt))) return false;
  return rating <= (lastTurn.options?.length ?? 0);
}

/**
 * Of a customer's tickets, the one a bare rating reply at `now` is about: the most recently
 * asked one still awaiting a rating, else the most recently asked one already rated (that
 * customer gets "already rated"); undefined when no question is pending.
 */
export function ticketForRatingReply(tickets: readonly Ticket[], now: Date): Ticket | undefined {
  const pending = tickets
    .filter((t) => awaitsRatingReply(t, now))
    .sort((a, b) => Date.parse(b.csatAskedAt ?? '') - Date.parse(a.csatAskedAt ?? ''));
  return pending.find((t) => !t.csat) ?? pending[0];
}

/** The next version of `t` with `changes`. */
function next(t: Ticket, now: Date, changes: Partial<Ticket>): Ticket {
  return { ...t, ...changes, version: t.version + 1, updatedAt: now.toISOString() };
}
