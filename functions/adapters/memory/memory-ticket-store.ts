/**
 * Tickets in memory, for unit tests of the core and `--memory` mode. Behaves like
 * DynamoTicketStore (same contract suite): refs derived from sourceKey, version-checked updates,
 * lists oldest first with signed cursors.
 */
import {
  InvalidCursorError,
  MujibError,
  NotFoundError,
  TicketVersionConflictError,
  ValidationError,
} from '#core/errors.ts';
import { TicketStore, type Page, type Ticket, type TicketFilter } from '#core/ports.ts';
import { PageCursorCodec } from '#core/tickets/page-cursor.ts';
import {
  checkLimit,
  checkTicketFilter,
  matchesTicketFilter,
  MAX_TICKET_PAGE,
  pendingReplyCount,
} from '#core/tickets/store-rules.ts';
import { ticketRefFor } from '#core/tickets/ticket-ref.ts';

const MAX_REF_ATTEMPTS = 8;

export class MemoryTicketStore extends TicketStore {
  private readonly tickets = new Map<string, Ticket>();
  private readonly cursors: PageCursorCodec;

  constructor(options: { cursorSecret?: string } = {}) {
    super();
    this.cursors = new PageCursorCodec(options.cursorSecret ?? 'mujib-memory-tickets');
  }

  /** Stores `ticket` under the ref derived from its sourceKey (`ticket.ref` is replaced by it). */
  override async create(ticket: Ticket): Promise<{ created: boolean; ticket: Ticket }> {
    if (typeof ticket?.sourceKey !== 'string' || ticket.sourceKey === '') {
      throw new ValidationError('ticket sourceKey is missing');
    }
    for (let attempt = 0; attempt < MAX_REF_ATTEMPTS; attempt++) {
      const ref = ticketRefFor(ticket.sourceKey, attempt);
      const existing = this.tickets.get(ref);
      if (!existing) {
        const stored: Ticket = { ...structuredClone(ticket), ref };
        this.tickets.set(ref, stored);
        return { created: true, ticket: structuredClone(stored) };
      }
      if (existing.sourceKey === ticket.sourceKey) {
        return { created: false, ticket: structuredClone(existing) };
      }
    }
    throw new MujibError('no free ticket reference', { sourceKey: ticket.sourceKey });
  }

  override async get(ref: string): Promise<Ticket | undefined> {
    const stored = this.tickets.get(ref);
    return stored ? structuredClone(stored) : undefined;
  }

  override async list(
    filter: TicketFilter,
    page: { limit: number; cursor?: string },
  ): Promise<Page<Ticket>> {
    checkTicketFilter(filter);
    const limit = checkLimit(page?.limit, MAX_TICKET_PAGE, MAX_TICKET_PAGE);
    const f = JSON.stringify([filter.status, filter.lang, filter.channel]);
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
      .filter((t) => !after || compareKeys([t.createdAt, t.ref], after) > 0);
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
    if (!Number.isInteger(expectedVersion)) {
      throw new ValidationError('expectedVersion must be an integer', { expectedVersion });
    }
    const current = this.tickets.get(ticket.ref);
    if (!current) throw new NotFoundError(`ticket ${ticket.ref} not found`, { ref: ticket.ref });
    if (current.version !== expectedVersion) {
      throw new TicketVersionConflictError(`ticket ${ticket.ref} was changed by someone else`, {
        ref: ticket.ref,
        expectedVersion,
        currentVersion: current.version,
      });
    }
    const stored: Ticket = { ...structuredClone(ticket), version: expectedVersion + 1 };
    this.tickets.set(ticket.ref, stored);
    return structuredClone(stored);
  }

  override async pendingReplies(customerKey: string): Promise<Ticket[]> {
    return [...this.tickets.values()]
      .filter((t) => t.customerKey === customerKey && pendingReplyCount(t) > 0)
      .sort(compareTickets)
      .map((t) => structuredClone(t));
  }
}

function compareTickets(a: Ticket, b: Ticket): number {
  return compareKeys([a.createdAt, a.ref], [b.createdAt, b.ref]);
}

function compareKeys(a: [string, string], b: [string, string]): number {
  if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1;
  return a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0;
}
