/**
 * Local mode's schedule for the durable turn queue: replays it once at start-up (turns queued
 * before a crash or `kill -9`) and then on a timer, so queued turns reach the store even when no
 * customer writes. (In AWS the scheduled `flush-turns` Lambda does the same.)
 */
import type { App } from '#app/create-app.ts';

export interface QueuedTurnFlush {
  /** The start-up replay: resolves with how many turns are still queued after it. */
  firstRun: Promise<number>;
  stop(): void;
}

export function startQueuedTurnFlush(
  app: App,
  everyMs = app.config.turnQueue.flushEveryMs,
): QueuedTurnFlush {
  const run = () =>
    app.flushQueuedTurns().catch((error: unknown) => {
      app.logger.error('turn_queue_flush_failed', { error: String(error) });
      return -1;
    });
  const firstRun = run();
  const timer = setInterval(() => void run(), everyMs);
  timer.unref();
  return { firstRun, stop: () => clearInterval(timer) };
}
