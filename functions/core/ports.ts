/**
 * Ports: what the core needs from the outside world, as abstract classes (a new store or
 * channel is one subclass). Adapters live in functions/adapters/; every adapter of a port is run
 * through the same contract suite in test/contract/.
 */
import type { Channel, DecisionKind, Lang } from './types.ts';

// ---------------------------------------------------------------------------------------------
// Session log
// ---------------------------------------------------------------------------------------------

/** What kind of turn this was, from the customer's point of view. */
export type TurnOutcome =
  DecisionKind | 'smalltalk' | 'empty' | 'staff-reply' | 'keyword' | 'error';

export type Feedback = 'up' | 'down';

/** One customer message and Mujib's reply. Personal data is never stored here in the clear. */
export interface Turn {
  /** Channel-specific session key (the SMS one is a hash of the phone number). */
  sessionId: string;
  /** Idempotency key of the inbound message (web messageId, Twilio MessageSid, Alexa request id). */
  messageId: string;
  /** ISO-8601 time the turn was recorded. */
  at: string;
  channel: Channel;
  lang: Lang;
  /** The customer's text, with phone numbers and emails redacted. */
  text: string;
  outcome: TurnOutcome;
  /** Plain-text reply sent (as rendered for the channel). */
  reply: string;
  /** The structured reply (JSON of core/conversation/reply.ts `Reply`, without the decision), so a
   * retried delivery gets exactly the same answer. */
  payload?: string;
  /** Top article and confidence, when retrieval ran. */
  articleId?: string;
  confidence?: number;
  /** Articles offered in a clarification, in the order shown ("reply 1 or 2"). */
  options?: { articleId: string; title: string }[];
  /**
   * Set on an answer the customer picked from the previous turn's "did you mean" list ("2"):
   * that clarification's message id and question text. Such a turn is an answer, not a content
   * gap, and the pair (question, picked article) is a learning signal (core/learning).
   */
  picked?: { messageId: string; question: string };
  ticketRef?: string;
  feedback?: Feedback;
  /**
   * True on the first turn of a session, as the conversation core saw it from the history it
   * read (the analytics count a conversation from it; the stream consumer reads it back).
   */
  firstOfSession?: boolean;
  /**
   * Where the turn stands in its session, as the conversation core saw it from the history it
   * read (analytics: conversation duration, core/analytics/turn-session.ts). Absent when the
   * history could not be read or the session began before this was recorded.
   */
  session?: TurnSession;
  /**
   * The page the web widget was on (its path, no query) when the session began: set on the
   * first turn of a web session only (analytics: where chats start).
   */
  startPage?: string;
  /** Epoch seconds after which the store may delete the turn (DynamoDB TTL). */
  expiresAt?: number;
}

/** A turn's place in its session (see `Turn.session`). */
export interface TurnSession {
  /** ISO time of the session's first turn. */
  startedAt: string;
  /** Language of the session's first turn. */
  lang: Lang;
  /**
   * ISO time the session had reached before this turn: its latest earlier turn (absent on the
   * first turn).
   */
  previousAt?: string;
  /** The page a web session started on (its first turn's `startPage`), carried forward. */
  startPage?: string;
}

/** What a thumbs up/down changed: the turn as it is now and the value it had before. */
export interface FeedbackChange {
  turn: Turn;
  previous?: Feedback;
}

/**
 * The session log. The conversation core's turn path costs one `listTurns` (a single query: the
 * recent history, which also tells whether this message was seen) and one `recordTurn` (a
 * single conditional write); `getTurn` is for replays and tools, not the turn path.
 */
export abstract class SessionLog {
  /**
   * Records a turn exactly once per (sessionId, messageId). A retried delivery returns the turn
   * already stored, with `created: false`, and writes nothing.
   */
  abstract recordTurn(turn: Turn): Promise<{ created: boolean; turn: Turn }>;
  /** The stored turn for an inbound message, if it was already handled. */
  abstract getTurn(sessionId: string, messageId: string): Promise<Turn | undefined>;
  /** A session's turns in the order they happened (oldest first), the last `limit` of them. */
  abstract listTurns(sessionId: string, options?: { limit?: number }): Promise<Turn[]>;
  /**
   * Thumbs up/down on a turn, in one write; returns the turn and the value it replaced.
   * Throws `NotFoundError` when the turn does not exist.
   */
  abstract setFeedback(
    sessionId: string,
    messageId: string,
    feedback: Feedback,
  ): Promise<FeedbackChange>;
}

/** Identifies one turn (the session log's key). */
export interface TurnKey {
  sessionId: string;
  messageId: string;
}

/** A turn given out by a TurnQueue to be written; its `receipt` removes it from the queue. */
export interface ReceivedTurn {
  turn: Turn;
  receipt: string;
}

/**
 * Turns whose write to the session log failed, kept durably (outside the session log's store)
 * until they are written: a crash or a cold start must not lose them. A turn may be given out
 * more than once (a queue shared by processes redelivers what was not removed in time): the
 * session log's keyed write makes a second write of the same (sessionId, messageId) change
 * nothing, so the queue itself need not deduplicate.
 * Adapters: FileTurnQueue (local: an fsync'd append-only file), SqsTurnQueue (Lambda: Amazon
 * SQS, drained by the scheduled flush function), MemoryTurnQueue (tests; in-process fallback).
 *
 * @example
 * for (const received of await queue.receive(10)) await log.recordTurn(received.turn);
 * await queue.remove(written);
 */
export abstract class TurnQueue {
  /** Keeps `turn` until it is received and removed. */
  abstract add(turn: Turn): Promise<void>;
  /**
   * Up to `max` (1–10) queued turns, oldest first where the queue keeps order. A received turn
   * stays queued until it is removed: a process-local queue gives it out again on the next
   * call, a shared one (SQS) hides it from other receivers for a while and then gives it out
   * again.
   */
  abstract receive(max: number): Promise<ReceivedTurn[]>;
  /** Forgets these received turns (written, or refused by the store for good). */
  abstract remove(received: readonly ReceivedTurn[]): Promise<void>;
  /**
   * Drops every queued turn of these sessions (their customer's data was erased); how many.
   * `undefined` when the queue cannot pick messages out (SQS): its turns are written by the
   * next flush, and an erasure run again after that removes them from the session log.
   */
  abstract forgetSessions(sessionIds: readonly string[]): Promise<number | undefined>;
}

// ---------------------------------------------------------------------------------------------
// Tickets
// ---------------------------------------------------------------------------------------------

export type TicketStatus = 'open' | 'claimed' | 'answered' | 'closed';

/** How to reach the customer on the channel they used. */
export interface CustomerContact {
  /** E.164 phone number (SMS). */
  phone?: string;
  /** Optional email left in web chat. */
  email?: string;
  /** Alexa user id. */
  alexaUserId?: string;
}

export interface TranscriptEntry {
  at: string;
  from: 'customer' | 'bot' | 'staff';
  text: string;
}

export interface TicketCandidate {
  articleId: string;
  title: string;
  confidence: number;
}

export type DeliveryStatus = 'pending' | 'sent' | 'delivered' | 'failed';

export interface StaffReply {
  at: string;
  by: string;
  text: string;
  delivery: DeliveryStatus;
  deliveredAt?: string;
  deliveryDetail?: string;
}

export interface Ticket {
  /** Short, human-friendly, unique reference, e.g. `MJ-4K7Q2X`. Also the ticket id. */
  ref: string;
  /** Idempotency key that created it (channel + session + the conversation's hand-off number). */
  sourceKey: string;
  status: TicketStatus;
  question: string;
  lang: Lang;
  channel: Channel;
  sessionId: string;
  /** Keyed hash of the customer's channel identity (see core/tickets/customer-key.ts): finds their pending replies. */
  customerKey: string;
  reason: string;
  transcript: TranscriptEntry[];
  candidates: TicketCandidate[];
  contact: CustomerContact;
  createdAt: string;
  updatedAt: string;
  claimedBy?: string;
  claimedAt?: string;
  answeredAt?: string;
  closedAt?: string;
  replies: StaffReply[];
  /**
   * Inbound messages that asked for this ticket, oldest first (the first opened it, later ones
   * were repeated hand-off requests in the same conversation); each is added once.
   */
  messageIds?: string[];
  /** Optimistic-concurrency version, incremented on every write. */
  version: number;
  /** Epoch seconds after which the store may delete the ticket (set once it is closed; TTL). */
  expiresAt?: number;
  /** When the customer's personal data was erased from it (core/privacy/customer-erasure.ts). */
  erasedAt?: string;
  /**
   * The help-centre article that answers the ticket's question, as a staff member marked it
   * ("answered by article…"): a learning signal (core/learning).
   */
  answeredBy?: { articleId: string; by: string; at: string };
  /**
   * Id of the support queue (support.json) the hand-off routed the ticket to. A ticket without
   * one belongs to its language's default queue (core/support/route-ticket.ts `queueOfTicket`).
   */
  queue?: string;
  /** When the first staff reply was added (set once; first-response time). */
  firstResponseAt?: string;
  /** What the customer was told at hand-off about when a person would reply (the first time). */
  promise?: TicketPromise;
  /** When the customer was asked to rate the help (once, after the ticket closed). */
  csatAskedAt?: string;
  /** The customer's satisfaction rating (1–5), on the channel it was given. */
  csat?: TicketCsat;
  /** The page the web widget was opened on (where the chat started), when the widget sent it. */
  startPage?: string;
}

/** A customer's satisfaction rating of a closed ticket. */
export interface TicketCsat {
  rating: 1 | 2 | 3 | 4 | 5;
  at: string;
  channel: Channel;
}

/**
 * The hand-off promise as a ticket keeps it: `minutes` ("a person will reply within minutes":
 * the queue was open with staff on shift), or `next-opening` at `at` (ISO time the queue opens).
 */
export interface TicketPromise {
  kind: 'minutes' | 'when-free' | 'next-opening';
  /** `next-opening`: when the queue opens; `when-free`: when it closes (if known). */
  at?: string;
}

/** Tickets of one support queue. */
export interface TicketQueueFilter {
  /** The queue id. */
  id: string;
  /** Languages whose tickets without a queue belong here (it is their default queue). */
  defaultFor?: Lang[];
}

export interface TicketFilter {
  status?: TicketStatus;
  lang?: Lang;
  channel?: Channel;
  queue?: TicketQueueFilter;
}

export interface Page<T> {
  items: T[];
  /** Opaque cursor for the next page; undefined on the last page. */
  nextCursor?: string;
}

export abstract class TicketStore {
  /** Creates the ticket unless one with the same `sourceKey` exists; returns the stored one. */
  abstract create(ticket: Ticket): Promise<{ created: boolean; ticket: Ticket }>;
  abstract get(ref: string): Promise<Ticket | undefined>;
  /** Oldest first. Throws `InvalidCursorError` on a cursor it did not issue. */
  abstract list(
    filter: TicketFilter,
    page: { limit: number; cursor?: string },
  ): Promise<Page<Ticket>>;
  /**
   * Replaces the ticket if its stored version is `expectedVersion` (the new one carries
   * `expectedVersion + 1`). Throws `TicketVersionConflictError` otherwise.
   */
  abstract update(ticket: Ticket, expectedVersion: number): Promise<Ticket>;
  /** Tickets of a customer with staff replies not yet delivered, oldest first. */
  abstract pendingReplies(customerKey: string): Promise<Ticket[]>;
}

// ---------------------------------------------------------------------------------------------
// Content gaps ("suggest an article")
// ---------------------------------------------------------------------------------------------

export interface ContentGap {
  id: string;
  at: string;
  lang: Lang;
  question: string;
  note?: string;
  ticketRef?: string;
  suggestedBy?: string;
  /** Epoch seconds after which the store may delete the suggestion (DynamoDB TTL). */
  expiresAt?: number;
}

export abstract class ContentGapStore {
  abstract add(gap: ContentGap): Promise<void>;
  abstract list(options?: { lang?: Lang; limit?: number }): Promise<ContentGap[]>;
}

// ---------------------------------------------------------------------------------------------
// Intents (small talk and hand-off) and outbound messages
// ---------------------------------------------------------------------------------------------

export type IntentName = 'greeting' | 'thanks' | 'goodbye' | 'ask-for-human' | 'question';

export interface RecognizedIntent {
  intent: IntentName;
  /** Recogniser confidence in [0, 1]. */
  confidence: number;
}

export abstract class IntentRecognizer {
  abstract recognize(text: string, lang: Lang, sessionId: string): Promise<RecognizedIntent>;
}

export interface OutboundSmsResult {
  id: string;
  status: DeliveryStatus;
  detail?: string;
}

export abstract class OutboundSms {
  abstract send(to: string, body: string): Promise<OutboundSmsResult>;
}

// ---------------------------------------------------------------------------------------------
// Time and identifiers (injected so tests are deterministic)
// ---------------------------------------------------------------------------------------------

export interface Clock {
  now(): Date;
}

export interface Ids {
  /** A fresh random id (UUID). */
  next(): string;
}

// ---------------------------------------------------------------------------------------------
// Knowledge source and logging
// ---------------------------------------------------------------------------------------------

/** Where the current knowledge index comes from (bundled file, S3 with refresh, in-memory build). */
export interface KnowledgeSource<TIndex> {
  current(): Promise<TIndex>;
}

/** Structured logger: one JSON line per event; never secrets, full phone numbers or emails. */
export interface Logger {
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
}
