/**
 * The ticket backlog from any TicketStore's list pages (memory mode and tests): counts open and
 * claimed tickets and finds the oldest.
 */
import {
  TicketBacklog,
  waitingBacklog,
  type Backlog,
  type StatusBacklog,
} from '#core/analytics/ticket-backlog.ts';
import type { TicketStatus, TicketStore } from '#core/ports.ts';

export class ListingTicketBacklog extends TicketBacklog {
  constructor(private readonly tickets: TicketStore) {
    super();
  }

  override read(): Promise<Backlog> {
    return waitingBacklog((status) => this.status(status));
  }

  private async status(status: TicketStatus): Promise<StatusBacklog> {
    let count = 0;
    let oldest: string | undefined;
    let cursor: string | undefined;
    do {
      const page = await this.tickets.list(
        { status },
        { limit: 100, ...(cursor ? { cursor } : {}) },
      );
      count += page.items.length;
      oldest ??= page.items[0]?.createdAt;
      cursor = page.nextCursor;
    } while (cursor);
    return { count, ...(oldest ? { oldest } : {}) };
  }
}
