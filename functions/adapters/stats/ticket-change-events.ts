/**
 * In-process stand-in for the tickets table's stream: a TicketStore that emits `ticket-changed`
 * (created, or before → after) for every write it passes on. Only the local/in-process wiring
 * uses it; in AWS the stream consumer reads the same changes from the tickets table's
 * NEW_AND_OLD_IMAGES records, and the stores are used undecorated.
 *
 * It delegates every call; the "before" of an update is the version it last read (the ticket
 * service always reads before it writes), else one read of the stored ticket.
 */
import type { AnalyticsEvents } from '#core/analytics/analytics-events.ts';
import { TicketStore, type Page, type Ticket, type TicketFilter } from '#core/ports.ts';
import { setBounded } from './bounded-map.ts';

const MAX_REMEMBERED = 1_000;

export class TicketChangeEvents extends TicketStore {
  /** Last version read of recently read tickets, by ref. */
  private readonly lastRead = new Map<string, Ticket>();

  constructor(
    private readonly inner: TicketStore,
    private readonly events: AnalyticsEvents,
  ) {
    super();
  }

  override async create(ticket: Ticket): Promise<{ created: boolean; ticket: Ticket }> {
    const result = await this.inner.create(ticket);
    if (result.created) this.events.emit({ type: 'ticket-changed', after: result.ticket });
    return result;
  }

  override async get(ref: string): Promise<Ticket | undefined> {
    const ticket = await this.inner.get(ref);
    if (ticket) this.remember(ticket);
    return ticket;
  }

  override list(
    filter: TicketFilter,
    page: { limit: number; cursor?: string },
  ): Promise<Page<Ticket>> {
    return this.inner.list(filter, page);
  }

  override async update(ticket: Ticket, expectedVersion: number): Promise<Ticket> {
    const cached = this.lastRead.get(ticket.ref);
    const before =
      cached?.version === expectedVersion
        ? cached
        : await this.inner.get(ticket.ref).catch(() => undefined);
    const stored = await this.inner.update(ticket, expectedVersion);
    this.remember(stored);
    if (before && before.version === expectedVersion) {
      this.events.emit({ type: 'ticket-changed', before, after: structuredClone(stored) });
    }
    return stored;
  }

  override pendingReplies(customerKey: string): Promise<Ticket[]> {
    return this.inner.pendingReplies(customerKey);
  }

  private remember(ticket: Ticket): void {
    this.lastRead.delete(ticket.ref);
    setBounded(this.lastRead, ticket.ref, structuredClone(ticket), MAX_REMEMBERED);
  }
}
