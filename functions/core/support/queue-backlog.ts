/**
 * The backlog per support queue for the staff desk: tickets waiting for staff (open or claimed)
 * counted by queue, with the oldest. A port because DynamoDB reads it from the tickets table's
 * status index with only the few attributes it needs (adapters/support/); any TicketStore can
 * stand in (its list pages). Tickets from before routing count in their language's default queue.
 */
import type { TicketStatus } from '../ports.ts';
import type { Lang } from '../types.ts';
import { queueOfTicket } from './route-ticket.ts';
import type { SupportConfig } from './support-config.ts';

/** What the backlog needs of one waiting ticket. */
export interface WaitingTicket {
  status: Extract<TicketStatus, 'open' | 'claimed'>;
  lang: Lang;
  queue?: string;
  createdAt: string;
}

export abstract class QueueBacklog {
  /** Every open and claimed ticket. */
  abstract waiting(): Promise<WaitingTicket[]>;
}

export interface QueueCounts {
  /** Tickets nobody has taken yet. */
  open: number;
  /** Tickets a staff member has taken but not answered. */
  claimed: number;
  /** Creation time of the queue's oldest open or claimed ticket. */
  oldestWaitingSince?: string;
}

/** Counts per queue id, every configured queue present (zero when nothing waits). */
export function backlogByQueue(
  config: SupportConfig,
  waiting: readonly WaitingTicket[],
): Record<string, QueueCounts> {
  const counts: Record<string, QueueCounts> = {};
  for (const queue of config.queues) counts[queue.id] = { open: 0, claimed: 0 };
  for (const ticket of waiting) {
    const entry = counts[queueOfTicket(config, ticket).id]!;
    entry[ticket.status] += 1;
    if (!entry.oldestWaitingSince || ticket.createdAt < entry.oldestWaitingSince) {
      entry.oldestWaitingSince = ticket.createdAt;
    }
  }
  return counts;
}
