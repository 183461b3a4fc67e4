/**
 * The ticket backlog from any TicketStore's list pages (memory mode and tests): counts open and
 * claimed tickets and finds the oldest.
 */
import { TicketBacklog, type Backlog } from '#core/analytics/ticket-backlog.ts';
import type { TicketStatus, TicketStore } from '#core/ports.ts';

export class ListingTicketBacklog extends TicketBacklog {
  constructor(private readonly tickets: TicketStore) {
    super();
  }

  override async read(): Promise<Backlog> {
    const [open, claimed] = await Promise.all([this.status('open'), this.status('claimed')]);
    const oldest = [open.oldest, claimed.oldest].filter((t): t is string => Boolean(t)).sort()[0];
    return {
      open: open.count,
      claimed: claimed.count,
      ...(oldest ? { oldestWaitingSince: oldest } : {}),
    };
  }

  private async status(status: TicketStatus): Promise<{ count: number; oldest?: string }> {
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
