/**
 * A turn queue in memory: same contract as FileTurnQueue, but lost with the process. For tests
 * and for memory mode (where the session log itself lives in memory).
 */
import { TurnQueue, type Turn, type TurnKey } from '#core/ports.ts';

export class MemoryTurnQueue extends TurnQueue {
  private readonly turns = new Map<string, Turn>();

  override async add(turn: Turn): Promise<void> {
    const key = keyOf(turn);
    if (!this.turns.has(key)) this.turns.set(key, structuredClone(turn));
  }

  override async pending(): Promise<Turn[]> {
    return [...this.turns.values()].map((t) => structuredClone(t));
  }

  override async remove(keys: TurnKey[]): Promise<void> {
    for (const key of keys) this.turns.delete(keyOf(key));
  }
}

function keyOf(key: TurnKey): string {
  return JSON.stringify([key.sessionId, key.messageId]);
}
