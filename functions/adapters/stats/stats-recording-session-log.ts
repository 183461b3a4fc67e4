/**
 * A SessionLog that keeps the analytics counters up to date: it delegates every call, and after
 * a turn is really created (not a retried delivery) or feedback is given, it adds to the daily
 * counters and keeps escalated / low-confidence questions for the gap report. The conversation
 * core is unchanged; stats writes are best-effort (logged, never failing the customer's request).
 *
 * A conversation is counted on a session's first turn: the core reads a session's history just
 * before recording, so an empty history seen here marks the next turn as the first (no extra
 * read); without that observation one small query decides.
 */
import { feedbackUpdates, gapQuestionOf, turnUpdates } from '#core/analytics/stats-events.ts';
import { SessionLog, type Feedback, type Turn } from '#core/ports.ts';
import { setBounded } from './bounded-map.ts';
import { recordStats, type StatsRecorderDeps } from './record-stats.ts';

/** Sessions remembered as "history seen empty" (bounded; oldest forgotten first). */
const MAX_REMEMBERED = 5_000;

export class StatsRecordingSessionLog extends SessionLog {
  private readonly emptyHistory = new Map<string, boolean>();

  constructor(
    private readonly inner: SessionLog,
    private readonly deps: StatsRecorderDeps,
  ) {
    super();
  }

  override async recordTurn(turn: Turn): Promise<{ created: boolean; turn: Turn }> {
    const seenEmpty = this.emptyHistory.get(turn.sessionId);
    this.emptyHistory.delete(turn.sessionId);
    const result = await this.inner.recordTurn(turn);
    if (!result.created) return result;
    const first = seenEmpty ?? (await this.isOnlyTurn(result.turn));
    await recordStats(
      this.deps,
      { sessionId: turn.sessionId, messageId: turn.messageId },
      turnUpdates(result.turn, first),
      gapQuestionOf(result.turn),
    );
    return result;
  }

  override getTurn(sessionId: string, messageId: string): Promise<Turn | undefined> {
    return this.inner.getTurn(sessionId, messageId);
  }

  override async listTurns(sessionId: string, options?: { limit?: number }): Promise<Turn[]> {
    const turns = await this.inner.listTurns(sessionId, options);
    setBounded(this.emptyHistory, sessionId, turns.length === 0, MAX_REMEMBERED);
    return turns;
  }

  override async setFeedback(
    sessionId: string,
    messageId: string,
    feedback: Feedback,
  ): Promise<void> {
    const before = await this.inner.getTurn(sessionId, messageId).catch(() => undefined);
    await this.inner.setFeedback(sessionId, messageId, feedback);
    if (!before) return;
    await recordStats(
      this.deps,
      { sessionId, messageId },
      feedbackUpdates(before, before.feedback, feedback),
    );
  }

  private async isOnlyTurn(turn: Turn): Promise<boolean> {
    try {
      const turns = await this.inner.listTurns(turn.sessionId, { limit: 2 });
      return turns.length === 1 && turns[0]?.messageId === turn.messageId;
    } catch {
      return false;
    }
  }
}
