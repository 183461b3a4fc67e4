/**
 * The key a process-local turn queue keeps a turn under (and hands out as its receipt): the
 * session log's key, so adding a turn twice keeps one copy.
 */
import type { TurnKey } from '#core/ports.ts';

export function turnKeyOf(key: TurnKey): string {
  return JSON.stringify([key.sessionId, key.messageId]);
}
