/**
 * A customer's recently closed tickets from any TicketStore's list of closed tickets (memory
 * mode and tests): every closed ticket is read, so it is for small stores only; DynamoDB has
 * DynamoRecentlyClosedTickets, one query on the customer's partition.
 */
import type { Ticket, TicketStore } from '#core/ports.ts';
import { RecentlyClosedTickets } from '#core/tickets/recently-closed-tickets.ts';

export class ListingRecentlyClosedTickets extends RecentlyClosedTickets {
  constructor(private readonly tickets: TicketStore) {
    super();
  }

  override async closedSince(customerKey: string, since: string): Promise<Ticket[]> {
    if (typeof customerKey !== 'string' || customerKey === '') return [];
    const found: Ticket[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.tickets.list(
        { status: 'closed' },
        { limit: 100, ...(cursor ? { cursor } : {}) },
      );
      found.push(
        ...page.items.filter(
          (t) => t.customerKey === customerKey && t.closedAt !== undefined && t.closedAt >= since,
        ),
      );
      cursor = page.nextCursor;
    } while (cursor);
    return found;
  }
}
