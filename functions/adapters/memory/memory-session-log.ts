/**
 * Session log in memory, for unit tests of the core and `--memory` mode. Behaves like
 * DynamoSessionLog (same contract suite): idempotent per (sessionId, messageId), redacted text,
 * TTL from retention (recorded, not enforced).
 */
import { NotFoundError } from '#core/errors.ts';
import { SessionLog, type Feedback, type FeedbackChange, type Turn } from '#core/ports.ts';
import {
  checkFeedback,
  checkRetentionDays,
  checkLimit,
  DEFAULT_TURN_LIST_LIMIT,
  MAX_TURN_LIST_LIMIT,
  prepareTurn,
} from '#core/tickets/store-rules.ts';

export class MemorySessionLog extends SessionLog {
  private readonly turns = new Map<string, Turn>();
  private readonly retentionDays: number;

  constructor(options: { retentionDays?: number } = {}) {
    super();
    this.retentionDays = checkRetentionDays(options.retentionDays);
  }

  override async recordTurn(turn: Turn): Promise<{ created: boolean; turn: Turn }> {
    const item = prepareTurn(turn, this.retentionDays);
    const key = keyOf(item.sessionId, item.messageId);
    const stored = this.turns.get(key);
    if (stored) return { created: false, turn: structuredClone(stored) };
    this.turns.set(key, item);
    return { created: true, turn: structuredClone(item) };
  }

  override async getTurn(sessionId: string, messageId: string): Promise<Turn | undefined> {
    const stored = this.turns.get(keyOf(sessionId, messageId));
    return stored ? structuredClone(stored) : undefined;
  }

  override async listTurns(sessionId: string, options: { limit?: number } = {}): Promise<Turn[]> {
    const limit = checkLimit(options.limit, DEFAULT_TURN_LIST_LIMIT, MAX_TURN_LIST_LIMIT);
    return [...this.turns.values()]
      .filter((t) => t.sessionId === sessionId)
      .sort((a, b) => compare(a.at, b.at) || compare(a.messageId, b.messageId))
      .slice(-limit)
      .map((t) => structuredClone(t));
  }

  /** Session ids of the stored turns (for MemoryCustomerDataStore). */
  sessionIds(): string[] {
    return [...new Set([...this.turns.values()].map((t) => t.sessionId))];
  }

  /** Deletes a session's turns and returns them (for MemoryCustomerDataStore). */
  deleteSession(sessionId: string): Turn[] {
    const deleted = [...this.turns.entries()].filter(([, t]) => t.sessionId === sessionId);
    for (const [key] of deleted) this.turns.delete(key);
    return deleted.map(([, t]) => t);
  }

  override async setFeedback(
    sessionId: string,
    messageId: string,
    feedback: Feedback,
  ): Promise<FeedbackChange> {
    checkFeedback(feedback);
    const stored = this.turns.get(keyOf(sessionId, messageId));
    if (!stored) throw new NotFoundError('turn not found', { sessionId, messageId });
    const previous = stored.feedback;
    stored.feedback = feedback;
    return { turn: structuredClone(stored), ...(previous ? { previous } : {}) };
  }
}

function keyOf(sessionId: string, messageId: string): string {
  return JSON.stringify([sessionId, messageId]);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
