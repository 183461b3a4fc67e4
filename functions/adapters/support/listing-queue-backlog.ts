/**
 * The per-queue backlog from any TicketStore's list pages (memory mode and tests): every open and
 * claimed ticket, with the fields the backlog needs.
 */
import type { TicketStore } from '#core/ports.ts';
import { QueueBacklog, type WaitingTicket } from '#core/support/queue-backlog.ts';

export class ListingQueueBacklog extends QueueBacklog {
  constructor(private readonly tickets: TicketStore) {
    super();
  }

  override async waiting(): Promise<WaitingTicket[]> {
    const waiting: WaitingTicket[] = [];
    for (const status of ['open', 'claimed'] as const) {
      let cursor: string | undefined;
      do {
        const page = await this.tickets.list(
          { status },
          { limit: 100, ...(cursor ? { cursor } : {}) },
        );
        for (const t of page.items) {
          waiting.push({
            status,
            lang: t.lang,
            createdAt: t.createdAt,
            ...(t.queue ? { queue: t.queue } : {}),
          });
        }
        cursor = page.nextCursor;
      } while (cursor);
    }
    return waiting;
  }
}
