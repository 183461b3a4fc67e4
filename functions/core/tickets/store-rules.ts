/**
 * Rules every store adapter (DynamoDB, memory) applies the same way, so the contract suites can
 * hold them all to one behaviour: the shape of a stored turn (redacted text, TTL from retention),
 * valid list limits and filters, ticket creation and version checks, the list order, and what
 * counts as a pending staff reply.
 */
import {
  MujibError,
  NotFoundError,
  TicketVersionConflictError,
  ValidationError,
} from '../errors.ts';
import type {
  ContentGap,
  Feedback,
  Ticket,
  TicketFilter,
  TicketQueueFilter,
  Turn,
} from '../ports.ts';
import { CHANNELS, LANGS } from '../types.ts';
import { redactPii } from './redact.ts';

/** Days a session-log turn is kept (DynamoDB TTL) unless configured otherwise. */
export const DEFAULT_TURN_RETENTION_DAYS = 90;
/** Turns listed when no limit is given, and the most one call returns. */
export const DEFAULT_TURN_LIST_LIMIT = 50;
export const MAX_TURN_LIST_LIMIT = 500;
/** Most tickets one page holds. */
export const MAX_TICKET_PAGE = 100;
/** Content gaps listed when no limit is given, and the most one call returns. */
export const DEFAULT_GAP_LIST_LIMIT = 50;
export const MAX_GAP_LIST_LIMIT = 1000;

/** Refs tried for one sourceKey before giving up (a second one is already a 1-in-a-billion case). */
export const MAX_REF_ATTEMPTS = 8;

const SECONDS_PER_DAY = 86_400;
const TICKET_STATUSES = ['open', 'claimed', 'answered', 'closed'];

/**
 * The turn as stored: customer text redacted, `expiresAt` = `at` + retention unless given.
 * Throws `ValidationError` on a turn without ids or with an unreadable time.
 */
export function prepareTurn(turn: Turn, retentionDays: number): Turn {
  if (!turn || typeof turn.sessionId !== 'string' || turn.sessionId === '') {
    throw new ValidationError('turn sessionId is missing');
  }
  if (typeof turn.messageId !== 'string' || turn.messageId === '') {
    throw new ValidationError('turn messageId is missing', { sessionId: turn.sessionId });
  }
  const atMs = Date.parse(turn.at);
  if (Number.isNaN(atMs)) {
    throw new ValidationError('turn time is not an ISO date', { at: turn.at });
  }
  const expiresAt = turn.expiresAt ?? Math.floor(atMs / 1000) + retentionDays * SECONDS_PER_DAY;
  return { ...structuredClone(turn), text: redactPii(turn.text ?? ''), expiresAt };
}

/** Retention in days (default 90); a ValidationError unless a positive number. */
export function checkRetentionDays(days: number | undefined): number {
  if (days === undefined) return DEFAULT_TURN_RETENTION_DAYS;
  if (typeof days !== 'number' || !Number.isFinite(days) || days <= 0) {
    throw new ValidationError('retentionDays must be a positive number', { retentionDays: days });
  }
  return days;
}

export function checkFeedback(feedback: Feedback): void {
  if (feedback !== 'up' && feedback !== 'down') {
    throw new ValidationError('feedback must be "up" or "down"', { feedback });
  }
}

/** `limit`, or `fallback` when undefined, capped at `max`; ValidationError unless a positive integer. */
export function checkLimit(limit: number | undefined, fallback: number, max: number): number {
  if (limit === undefined) return fallback;
  if (!Number.isInteger(limit) || limit < 1) {
    throw new ValidationError('limit must be a positive integer', { limit });
  }
  return Math.min(limit, max);
}

/** Throws `ValidationError` on a filter value that is not a known status, language or channel. */
export function checkTicketFilter(filter: TicketFilter): void {
  const f = filter ?? {};
  if (f.status !== undefined && !TICKET_STATUSES.includes(f.status)) {
    throw new ValidationError(`unknown ticket status: ${String(f.status)}`, { status: f.status });
  }
  if (f.lang !== undefined && !LANGS.includes(f.lang)) {
    throw new ValidationError(`unknown language: ${String(f.lang)}`, { lang: f.lang });
  }
  if (f.channel !== undefined && !CHANNELS.includes(f.channel)) {
    throw new ValidationError(`unknown channel: ${String(f.channel)}`, { channel: f.channel });
  }
  if (f.queue !== undefined) {
    const { id, defaultFor } = f.queue ?? {};
    if (typeof id !== 'string' || !/^[a-z0-9][a-z0-9-]{0,39}$/.test(id)) {
      throw new ValidationError(`unknown queue: ${String(id)}`, { queue: id });
    }
    if (
      defaultFor !== undefined &&
      !(Array.isArray(defaultFor) && defaultFor.every((l) => LANGS.includes(l)))
    ) {
      throw new ValidationError('queue defaultFor must be a list of languages', { queue: id });
    }
  }
}

/** Checks a ticket list request (`checkTicketFilter`); returns the page size, at most `MAX_TICKET_PAGE`. */
export function checkTicketList(filter: TicketFilter, page: { limit?: number }): number {
  checkTicketFilter(filter);
  return checkLimit(page?.limit, MAX_TICKET_PAGE, MAX_TICKET_PAGE);
}

/** True when `ticket` matches every field set in `filter`. */
export function matchesTicketFilter(ticket: Ticket, filter: TicketFilter): boolean {
  return (
    (filter.status === undefined || ticket.status === filter.status) &&
    (filter.lang === undefined || ticket.lang === filter.lang) &&
    (filter.channel === undefined || ticket.channel === filter.channel) &&
    (filter.queue === undefined || inQueue(ticket, filter.queue))
  );
}

/** True when `ticket` is in the queue: routed to it, or unrouted in a language it is the default of. */
export function inQueue(ticket: Ticket, queue: TicketQueueFilter): boolean {
  if (ticket.queue !== undefined) return ticket.queue === queue.id;
  return (queue.defaultFor ?? []).includes(ticket.lang);
}

/** A filter's identity for paging cursors (a cursor is only valid for the filter it came from). */
export function queueFilterKey(queue: TicketQueueFilter | undefined): string {
  return queue ? `${queue.id}:${[...(queue.defaultFor ?? [])].sort().join(',')}` : '';
}

/** Throws `ValidationError` when a ticket to create has no `sourceKey` (its idempotency key). */
export function checkSourceKey(ticket: Ticket): void {
  if (typeof ticket?.sourceKey !== 'string' || ticket.sourceKey === '') {
    throw new ValidationError('ticket sourceKey is missing');
  }
}

/** The error when all `MAX_REF_ATTEMPTS` refs of a sourceKey belong to other tickets. */
export function noFreeTicketRef(sourceKey: string): MujibError {
  return new MujibError('no free ticket reference', { sourceKey });
}

/** Throws `ValidationError` unless `expectedVersion` is an integer. */
export function checkExpectedVersion(expectedVersion: number): void {
  if (!Number.isInteger(expectedVersion)) {
    throw new ValidationError('expectedVersion must be an integer', { expectedVersion });
  }
}

/** The error for an update of `ref` whose stored version is not the expected one (or is gone). */
export function versionMismatch(
  ref: string,
  expectedVersion: number,
  current: Ticket | undefined,
): NotFoundError | TicketVersionConflictError {
  if (!current) return new NotFoundError(`ticket ${ref} not found`, { ref });
  return new TicketVersionConflictError(`ticket ${ref} was changed by someone else`, {
    ref,
    expectedVersion,
    currentVersion: current.version,
  });
}

/** List order of every adapter: oldest first, the ref breaking ties. */
export function compareTickets(a: Ticket, b: Ticket): number {
  return compareTicketKeys([a.createdAt, a.ref], [b.createdAt, b.ref]);
}

/** `compareTickets` on `[createdAt, ref]` keys (paging cursors hold these). */
export function compareTicketKeys(a: [string, string], b: [string, string]): number {
  if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1;
  return a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0;
}

/** Staff replies not yet handed to any delivery channel (delivery `pending`). */
export function pendingReplyCount(ticket: Ticket): number {
  return ticket.replies.filter((r) => r.delivery === 'pending').length;
}

/** The gap as stored (question and note redacted); ValidationError when ids or text are missing. */
export function checkGap(gap: ContentGap): ContentGap {
  if (!gap || typeof gap.id !== 'string' || gap.id === '') {
    throw new ValidationError('content gap id is missing');
  }
  if (!LANGS.includes(gap.lang)) {
    throw new ValidationError(`unknown language: ${String(gap.lang)}`, { lang: gap.lang });
  }
  if (typeof gap.question !== 'string' || gap.question.trim() === '') {
    throw new ValidationError('content gap question is empty', { id: gap.id });
  }
  const stored: ContentGap = { ...structuredClone(gap), question: redactPii(gap.question) };
  if (stored.note !== undefined) stored.note = redactPii(stored.note);
  return stored;
}
