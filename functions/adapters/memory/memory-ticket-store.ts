/**
 * Tickets in memory, for unit tests of the core and `--memory` mode. Behaves like
 * DynamoTicketStore (same contract suite): refs derived from sourceKey, version-checked updates,
 * lists oldest first with signed cursors.
 */
import { InvalidCursorError } from '#core/errors.ts';
import { TicketStore, type Page, type Ticket, type TicketFilter } from '#core/ports.ts';
import { PageCursorCodec } from '#core/tickets/page-cursor.ts';
import {
  checkDays,
  DEFAULT_TICKET_RETENTION_DAYS,
  ticketWithExpiry,
} from '#core/privacy/retention.ts';
import {
  checkExpectedVersion,
  checkSourceKey,
  checkTicketList,
  compareTicketKeys,
  compareTickets,
  matchesTicketFilter,
  MAX_REF_ATTEMPTS,
  noFreeTicketRef,
  pendingReplyCount,
  queueFilterKey,
  versionMismatch,
} from '#core/tickets/store-rules.ts';
import { ticketRefFor } from '#core/tickets/ticket-ref.ts';

export class MemoryTicketStore extends TicketStore {
  private readonly tickets = new Map<string, Ticket>();
  private readonly cursors: PageCursorCodec;

  private readonly closedRetentionDays: number;

  constructor(options: { cursorSecret?: string; closedRetentionDays?: number } = {}) {
    super();
    this.closedRetentionDays = checkDays(
      options.closedRetentionDays,
      DEFAULT_TICKET_RETENTION_DAYS,
      'closedRetentionDays',
    );
    this.cursors = new PageCursorCodec(options.cursorSecret ?? 'mujib-memory-tickets');
  }

  /** Stores `ticket` under the ref derived from its sourceKey (`ticket.ref` is replaced by it). */
  override async create(ticket: Ticket): Promise<{ created: boolean; ticket: Ticket }> {
    checkSourceKey(ticket);
    for (let attempt = 0; attempt < MAX_REF_ATTEMPTS; attempt++) {
      const ref = ticketRefFor(ticket.sourceKey, attempt);
      const existing = this.tickets.get(ref);
      if (!existing) {
        const stored = ticketWithExpiry(
          { ...structuredClone(ticket), ref },
          this.closedRetentionDays,
        );
        this.tickets.set(ref, stored);
        return { created: true, ticket: structuredClone(stored) };
      }
      if (existing.sourceKey === ticket.sourceKey) {
        return { created: false, ticket: structuredClone(existing) };
      }
    }
    throw noFreeTicketRef(ticket.sourceKey);
  }

  override async get(ref: string): Promise<Ticket | undefined> {
    const stored = this.tickets.get(ref);
    return stored ? structuredClone(stored) : undefined;
  }

  override async list(
    filter: TicketFilter,
    page: { limit: number; cursor?: string },
  ): Promise<Page<Ticket>> {
    const limit = checkTicketList(filter, page);
    const f = JSON.stringify([
      filter.status,
      filter.lang,
      filter.channel,
      queueFilterKey(filter.queue),
    ]);
    let after: [string, string] | undefined;
    if (page.cursor !== undefined) {
      const payload = this.cursors.decode(page.cursor) as { f?: unknown; a?: unknown };
      const a = payload?.a;
      const ok =
        payload?.f === f &&
        Array.isArray(a) &&
        a.length === 2 &&
        a.every((v) => typeof v === 'string');
      if (!ok) throw new InvalidCursorError('invalid paging cursor');
      after = a as [string, string];
    }
    const matching = [...this.tickets.values()]
      .filter((t) => matchesTicketFilter(t, filter))
      .sort(compareTickets)
      .filter((t) => !after || compareTicketKeys([t.createdAt, t.ref], after) > 0);
    const items = matching.slice(0, limit).map((t) => structuredClone(t));
    const last = items[items.length - 1];
    return {
      items,
      ...(matching.length > limit && last
        ? { nextCursor: this.cursors.encode({ f, a: [last.createdAt, last.ref] }) }
        : {}),
    };
  }

  override async update(ticket: Ticket, expectedVersion: number): Promise<Ticket> {
    checkExpectedVersion(expectedVersion);
    const current = this.tickets.get(ticket.ref);
    if (current?.version !== expectedVersion) {
      throw versionMismatch(ticket.ref, expectedVersion, current);
    }
    const stored = ticketWithExpiry(
      { ...structuredClone(ticket), version: expectedVersion + 1 },
      this.closedRetentionDays,
    );
    this.tickets.set(ticket.ref, stored);
    return structuredClone(stored);
  }

  /** Every ticket, in list order (for MemoryCustomerDataStore). */
  all(): Ticket[] {
    return [...this.tickets.values()].sort(compareTickets).map((t) => structuredClone(t));
  }

  override async pendingReplies(customerKey: string): Promise<Ticket[]> {
    return [...this.tickets.values()]
      .filter((t) => t.customerKey === customerKey && pendingReplyCount(t) > 0)
      .sort(compareTickets)
      .map((t) => structuredClone(t));
  }
}
