/**
 * Erasure support over the in-memory stores (unit tests, `--memory` mode): the same contract as
 * DynamoCustomerDataStore, working on the memory adapters' data directly.
 */
import {
  CustomerDataStore,
  type ErasedTurn,
  type ErasureRecord,
  type TicketMatch,
} from '#core/privacy/customer-data-store.ts';
import type { Ticket } from '#core/ports.ts';
import type { MemoryStatsStore } from '#adapters/stats/memory-stats-store.ts';
import type { MemoryContentGapStore } from './memory-content-gap-store.ts';
import type { MemorySessionLog } from './memory-session-log.ts';
import type { MemoryTicketStore } from './memory-ticket-store.ts';
import { ticketMatches } from '#core/privacy/ticket-match.ts';

export interface MemoryCustomerDataStoreOptions {
  sessionLog: MemorySessionLog;
  tickets: MemoryTicketStore;
  gaps: MemoryContentGapStore;
  stats: MemoryStatsStore;
}

export class MemoryCustomerDataStore extends CustomerDataStore {
  private readonly erasures: ErasureRecord[] = [];

  constructor(private readonly stores: MemoryCustomerDataStoreOptions) {
    super();
  }

  override async sessionsStartingWith(prefix: string): Promise<string[]> {
    if (prefix === '') return [];
    return this.stores.sessionLog.sessionIds().filter((id) => id.startsWith(prefix));
  }

  override async findTickets(match: TicketMatch): Promise<Ticket[]> {
    return this.stores.tickets.all().filter((t) => ticketMatches(t, match));
  }

  override async deleteTurns(sessionIds: readonly string[]): Promise<ErasedTurn[]> {
    return sessionIds.flatMap((id) =>
      this.stores.sessionLog
        .deleteSession(id)
        .map((t) => ({ sessionId: t.sessionId, messageId: t.messageId, at: t.at, lang: t.lang })),
    );
  }

  override async deleteGapQuestions(turns: readonly ErasedTurn[]): Promise<number> {
    return turns.filter((t) => this.stores.stats.deleteGapQuestion(t.at, t.messageId)).length;
  }

  override async deleteContentGaps(ticketRefs: readonly string[]): Promise<number> {
    return this.stores.gaps.deleteForTickets(ticketRefs);
  }

  override async recordErasure(record: ErasureRecord): Promise<void> {
    this.erasures.push(structuredClone(record));
  }

  override async listErasures(limit = 50): Promise<ErasureRecord[]> {
    return [...this.erasures]
      .sort((a, b) => (a.id < b.id ? 1 : -1))
      .slice(0, limit)
      .map((r) => structuredClone(r));
  }
}
