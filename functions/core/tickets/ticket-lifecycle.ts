/**
 * The ticket lifecycle as pure transitions: open → claimed → answered → closed, with reopen.
 * Each returns a new Ticket (version + 1, updatedAt = now) and never touches the input; an action
 * the current state does not allow throws `TicketStateConflictError`. Persisting the result
 * (conditional on the old version) is the ticket service's job.
 */
import { TicketStateConflictError, ValidationError } from '../errors.ts';
import type { DeliveryStatus, StaffReply, Ticket, TicketStatus } from '../ports.ts';

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
 * Adds a staff reply (delivery `pending`) and marks the ticket answered. Allowed on a ticket the
 * same staff member claimed, and on an answered ticket (a follow-up).
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
