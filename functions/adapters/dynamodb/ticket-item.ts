/**
 * A Ticket as a tickets-table item and back. The item carries two attributes only the indexes
 * need (`queue` = `status#lang#channel` for the `byQueue` index, `pendingCount` for pending
 * replies); the ticket's own support queue (`Ticket.queue`, support.json) is therefore stored as
 * `supportQueue`. Every reader of raw items (the store, erasure's scan, the stream consumer)
 * goes through `ticketFromItem`, so none mistakes the index key for the support queue.
 */
import type { Ticket } from '#core/ports.ts';
import { pendingReplyCount } from '#core/tickets/store-rules.ts';
import { queueKey } from './ticket-list-plan.ts';

/** Item attribute holding `Ticket.queue`. */
export const SUPPORT_QUEUE_ATTRIBUTE = 'supportQueue';

export function ticketToItem(ticket: Ticket): Record<string, unknown> {
  const { queue, ...rest } = ticket;
  return {
    ...rest,
    queue: queueKey(ticket.status, ticket.lang, ticket.channel),
    pendingCount: pendingReplyCount(ticket),
    ...(queue !== undefined ? { [SUPPORT_QUEUE_ATTRIBUTE]: queue } : {}),
  };
}

export function ticketFromItem(item: Record<string, unknown>): Ticket {
  const {
    queue: _indexKey,
    pendingCount: _pending,
    [SUPPORT_QUEUE_ATTRIBUTE]: supportQueue,
    ...ticket
  } = item;
  return {
    ...(ticket as unknown as Ticket),
    ...(typeof supportQueue === 'string' ? { queue: supportQueue } : {}),
  };
}
