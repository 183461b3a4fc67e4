/**
 * The port behind "erase my data": finding and deleting one customer's personal data across the
 * session log, tickets, content gaps and the gap questions of the analytics store, and keeping an
 * audit of erasures. Adapters: DynamoCustomerDataStore (dynamodb/) and MemoryCustomerDataStore
 * (memory/); both pass test/contract/customer-data-store.contract.ts.
 */
import type { Ticket } from '../ports.ts';
import type { Lang } from '../types.ts';

/** What is left to know of a deleted turn: enough to find what was derived from it. */
export interface ErasedTurn {
  sessionId: string;
  messageId: string;
  at: string;
  lang: Lang;
}

/** How a customer was identified when staff asked for an erasure. */
export type ErasureSubjectKind = 'phone' | 'email' | 'session';

/**
 * One erasure, as audited: who, when, how the customer was identified and what was erased —
 * counts and ticket references, never the erased values (no phone, email, text or session id).
 */
export interface ErasureRecord {
  id: string;
  at: string;
  by: string;
  subject: ErasureSubjectKind;
  sessions: number;
  turns: number;
  queuedTurns: number;
  gapQuestions: number;
  contentGaps: number;
  /** Learning-loop signals quoting the erased turns or tickets (absent in older records). */
  learningSignals?: number;
  /** References of the tickets whose personal fields were erased. */
  tickets: string[];
}

export interface TicketMatch {
  /** Tickets opened in any of these sessions. */
  sessionIds: readonly string[];
  /** E.164 number, normalised (no spaces or punctuation). */
  phone?: string;
  /** Compared case-insensitively. */
  email?: string;
}

export abstract class CustomerDataStore {
  /** Session ids of stored turns that start with `prefix` (all SMS conversations of a number). */
  abstract sessionsStartingWith(prefix: string): Promise<string[]>;
  /** Tickets opened in one of the sessions, or whose contact has the phone number or email. */
  abstract findTickets(match: TicketMatch): Promise<Ticket[]>;
  /** Deletes every turn of these sessions; returns what was deleted. */
  abstract deleteTurns(sessionIds: readonly string[]): Promise<ErasedTurn[]>;
  /** Deletes the analytics gap questions quoting these turns; returns how many there were. */
  abstract deleteGapQuestions(turns: readonly ErasedTurn[]): Promise<number>;
  /** Deletes the content-gap suggestions made from these tickets; returns how many there were. */
  abstract deleteContentGaps(ticketRefs: readonly string[]): Promise<number>;
  abstract recordErasure(record: ErasureRecord): Promise<void>;
  /** Erasures, newest first. */
  abstract listErasures(limit?: number): Promise<ErasureRecord[]>;
}
