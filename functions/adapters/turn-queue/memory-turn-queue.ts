/**
 * A turn queue in memory: same contract as FileTurnQueue, but lost with the process. For tests,
 * memory mode, and the fallback when no durable queue is configured (the in-process retry of
 * turns whose write failed).
 */
import { TurnQueue, type ReceivedTurn, type Turn } from '#core/ports.ts';
import { turnKeyOf } from './turn-key.ts';

export class MemoryTurnQueue extends TurnQueue {
  private readonly turns = new Map<string, Turn>();

  override async add(turn: Turn): Promise<void> {
    const key = turnKeyOf(turn);
    if (!this.turns.has(key)) this.turns.set(key, structuredClone(turn));
  }

  override async receive(max: number): Promise<ReceivedTurn[]> {
    return [...this.turns]
      .slice(0, Math.max(0, max))
      .map(([receipt, turn]) => ({ turn: structuredClone(turn), receipt }));
  }

  override async remove(received: readonly ReceivedTurn[]): Promise<void> {
    for (const { receipt } of received) this.turns.delete(receipt);
  }

  override async forgetSessions(sessionIds: readonly string[]): Promise<number> {
    const sessions = new Set(sessionIds);
    let forgotten = 0;
    for (const [key, turn] of this.turns) {
      if (sessions.has(turn.sessionId) && this.turns.delete(key)) forgotten++;
    }
    return forgotten;
  }
}
