/**
 * The ticket lifecycle as pure transitions: open → claimed → answered → closed, with reopen.
 * Each returns a new Ticket (version + 1, updatedAt = now) and never touches the input; an action
 * the current state does not allow throws `TicketStateConflictError`. Persisting the result
 * (conditional on the old version) is the ticket service's job.
 */
import { TicketStateConflictError, ValidationError } from '../errors.ts';
import type {
  DeliveryStatus,
  StaffReply,
  Ticket,
  TicketStatus,
  TranscriptEntry,
} from '../ports.ts';
import { MAX_TRANSCRIPT_ENTRIES, MAX_TRANSCRIPT_TEXT } from './new-ticket.ts';

/** Longest staff reply accepted (an SMS reply is split into segments by the renderer). */
export const MAX_REPLY_LENGTH = 4000;
/** Longest staff identifier accepted. */
export const MAX_STAFF_LENGTH = 200;

const DELIVERY_STATUSES: readonly DeliveryStatus[] = ['pending', 'sent', 'delivered', 'failed'];
/** How far along a delivery is; a late, lower-ranked report (a `sent` after `delivered`) is stale. */
const DELIVERY_RANK: Record<DeliveryStatus, number> = {
  pending: 0,
  sent: 1,
  delivered: 2,
  failed: 2,
};

/** Staff member `staff` takes an open ticket. */
export function claimTicket(t: Ticket, staff: string, now: Date): Ticket {
  const by = checkStaff(staff);
  requireStatus(t, ['open'], 'claim');
  const at = now.toISOString();
  return next(t, now, { status: 'claimed', claimedBy: by, claimedAt: at });
}

/**
 * Adds a staff reply (delivery `pending`) and marks the ticket answered; the first reply also
 * sets `firstResponseAt` (kept through follow-ups and reopening). Allowed on a ticket the same
 * staff member claimed, and on an answered ticket (a follow-up).
 */
export function replyToTicket(t: Ticket, staff: string, text: string, now: Date): Ticket {
  const by = checkStaff(staff);
  const body = checkReplyText(text);
  requireStatus(t, ['claimed', 'answered'], 'reply');
  if (t.status === 'claimed' && t.claimedBy !== by) {
    throw new TicketStateConflictError(t.ref, t.status, `reply (claimed by ${t.claimedBy})`);
  }
  const at = now.toISOString();
  const reply: StaffReply = { at, by, text: body, delivery: 'pending' };
  return next(t, now, {
    status: 'answered',
    answeredAt: t.answeredAt ?? at,
    firstResponseAt: t.firstResponseAt ?? at,
    replies: [...t.replies, reply],
  });
}

/** Closes a ticket in any state but closed. */
export function closeTicket(t: Ticket, staff: string, now: Date): Ticket {
  checkStaff(staff);
  requireStatus(t, ['open', 'claimed', 'answered'], 'close');
  return next(t, now, { status: 'closed', closedAt: now.toISOString() });
}

/** Puts a closed or answered ticket back in the queue, unclaimed. */
export function reopenTicket(t: Ticket, staff: string, now: Date): Ticket {
  checkStaff(staff);
  requireStatus(t, ['closed', 'answered'], 'reopen');
  return next(t, now, {
    status: 'open',
    claimedBy: undefined,
    claimedAt: undefined,
    closedAt: undefined,
  });
}

/** A repeated hand-off request from the conversation a ticket belongs to. */
export interface HandOffRequestEntry {
  /** Inbound message id: a request is added once, however often it is delivered. */
  messageId: string;
  /** What happened in the conversation since the ticket's last entry, the request last. */
  transcript: TranscriptEntry[];
  /** Why the bot handed over this time (`asked-for-human`, `no-match`, …). */
  reason: string;
}

/** Most message ids remembered on a ticket (older retries are caught by the session log). */
export const MAX_TICKET_MESSAGE_IDS = 50;

/**
 * The customer asked for a person again while the ticket is in progress: the conversation since
 * its last entry and a note for staff are appended, and a ticket already answered (or closed in
 * the meantime) goes back into the queue. A request already on the ticket returns `t` itself.
 */
export function addHandOffRequest(t: Ticket, entry: HandOffRequestEntry, now: Date): Ticket {
  const seen = t.messageIds ?? [];
  if (seen.includes(entry.messageId)) return t;
  const lastAt = t.transcript.at(-1)?.at ?? '';
  const news = entry.transcript
    .filter((e) => e.at > lastAt)
    .map((e) => ({ at: e.at, from: e.from, text: e.text.slice(0, MAX_TRANSCRIPT_TEXT) }));
  const at = now.toISOString();
  const note: TranscriptEntry = {
    at,
    from: 'bot',
    text: `The customer asked again for a person (${entry.reason}); they were given this reference again.`,
  };
  const backInQueue = t.status === 'answered' || t.status === 'closed';
  return next(t, now, {
    transcript: [...t.transcript, ...news, note].slice(-MAX_TRANSCRIPT_ENTRIES),
    messageIds: [...seen, entry.messageId].slice(-MAX_TICKET_MESSAGE_IDS),
    ...(backInQueue
      ? { status: 'open', claimedBy: undefined, claimedAt: undefined, closedAt: undefined }
      : {}),
  });
}

/**
 * Records how delivery of reply `replyIndex` went. Allowed in every state (delivery reports
 * arrive late). A stale report — lower-ranked than what is recorded, e.g. `sent` after
 * `delivered` — changes nothing and returns `t` itself, so the caller can skip the write.
 */
export function recordDelivery(
  t: Ticket,
  replyIndex: number,
  status: DeliveryStatus,
  detail: string | undefined,
  now: Date,
): Ticket {
  if (!DELIVERY_STATUSES.includes(status)) {
    throw new ValidationError(`unknown delivery status: ${String(status)}`, { ref: t.ref, status });
  }
  const current = Number.isInteger(replyIndex) ? t.replies[replyIndex] : undefined;
  if (!current) {
    throw new ValidationError(`ticket ${t.ref} has no reply #${replyIndex}`, {
      ref: t.ref,
      replyIndex,
      replies: t.replies.length,
    });
  }
  if (DELIVERY_RANK[status] < DELIVERY_RANK[current.delivery]) return t;
  const updated: StaffReply = { ...current, delivery: status };
  if (detail !== undefined) updated.deliveryDetail = detail;
  if (status === 'delivered') updated.deliveredAt = now.toISOString();
  const replies = t.replies.map((r, i) => (i === replyIndex ? updated : r));
  return next(t, now, { replies });
}

/** Trimmed staff reply text, or a ValidationError saying what is wrong with it. */
export function checkReplyText(text: string): string {
  const body = typeof text === 'string' ? text.trim() : '';
  if (body === '') throw new ValidationError('reply text is empty');
  if (body.length > MAX_REPLY_LENGTH) {
    throw new ValidationError(`reply text is longer than ${MAX_REPLY_LENGTH} characters`, {
      length: body.length,
    });
  }
  return body;
}

/**
 * Staff member `staff` marks the help-centre article that answers the ticket's question
 * ("answered by article…"), in any status; marking the same article again changes nothing.
 */
export function markAnsweredBy(t: Ticket, staff: string, articleId: string, now: Date): Ticket {
  const by = checkStaff(staff);
  const id = typeof articleId === 'string' ? articleId.trim() : '';
  if (!/^[\w.-]{1,120}$/.test(id)) {
    throw new ValidationError('articleId must be an article id (letters, digits, . _ -)', {
      field: 'articleId',
    });
  }
  if (t.answeredBy?.articleId === id) return t;
  return next(t, now, { answeredBy: { articleId: id, by, at: now.toISOString() } });
}

function checkStaff(staff: string): string {
  const by = typeof staff === 'string' ? staff.trim() : '';
  if (by === '' || by.length > MAX_STAFF_LENGTH) {
    throw new ValidationError('staff member is missing or too long', { length: by.length });
  }
  return by;
}

function requireStatus(t: Ticket, allowed: readonly TicketStatus[], action: string): void {
  if (!allowed.includes(t.status)) throw new TicketStateConflictError(t.ref, t.status, action);
}

/** The next version of `t` with `changes`; fields set to undefined are removed. */
function next(t: Ticket, now: Date, changes: Partial<Ticket>): Ticket {
  const merged: Ticket = { ...t, ...changes, version: t.version + 1, updatedAt: now.toISOString() };
  for (const key of Object.keys(merged) as (keyof Ticket)[]) {
    if (merged[key] === undefined) delete merged[key];
  }
  return merged;
}
