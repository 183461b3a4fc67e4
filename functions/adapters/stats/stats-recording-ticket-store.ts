/**
 * A TicketStore that keeps the ticket counters up to date: tickets opened (on a real create),
 * answered (first staff reply, with the time it took) and closed (with the time since opening).
 * It delegates every call; to tell what an update changed it compares with the version it last
 * read (the ticket service always reads before it writes), and reads the ticket itself otherwise.
 * Stats writes are best-effort.
 */
import { ticketChangedUpdates, ticketCreatedUpdates } from '#core/analytics/stats-events.ts';
import { TicketStore, type Page, type Ticket, type TicketFilter } from '#core/ports.ts';
import { setBounded } from './bounded-map.ts';
import { recordStats, type StatsRecorderDeps } from './record-stats.ts';

const MAX_REMEMBERED = 1_000;

export class StatsRecordingTicketStore extends TicketStore {
  /** Last version read of recently read tickets, by ref. */
  private readonly lastRead = new Map<string, Ticket>();

  constructor(
    private readonly inner: TicketStore,
    private readonly deps: StatsRecorderDeps,
  ) {
    super();
  }

  override async create(ticket: Ticket): Promise<{ created: boolean; ticket: Ticket }> {
    const result = await this.inner.create(ticket);
    if (result.created) {
      await recordStats(this.deps, { ref: result.ticket.ref }, ticketCreatedUpdates(result.ticket));
    }
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
      await recordStats(this.deps, { ref: stored.ref }, ticketChangedUpdates(before, stored));
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
