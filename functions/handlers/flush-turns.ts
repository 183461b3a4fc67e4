/**
 * Lambda entry for the scheduled rule (EventBridge, every minute): writes turns that waited in
 * the durable turn queue (SQS) while DynamoDB was unavailable — received, written and deleted
 * in batches of ten (adapters/turn-queue/queueing-session-log.ts). Safe to run concurrently with
 * traffic and to repeat, and a message SQS delivers twice is written once: every write is keyed
 * by session and message id. `queued`: turns it received but could not write (store still down).
 * Each run also records the ticket backlog as metrics (`TicketsWaiting`, and
 * `OldestWaitingTicketAge` in seconds, 0 when none waits): the stack's backlog-age alarm.
 */
import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import { composeFlushTurnsFunction } from '#app/lambda/flush-turns-function.ts';
import { startFunction } from '#app/lambda/start-function.ts';

const fn = await startFunction('flush-turns', () => composeFlushTurnsFunction());

export const handler = middy<Partial<ScheduledEvent> | undefined, { queued: number }>()
  .use(fn.base.telemetry.middlewares())
  .handler(async () => {
    const queued = await fn.flush();
    await recordBacklog();
    return { queued };
  });

/** The backlog as EMF metrics; a failed read is logged (and counted in Errors), never thrown. */
async function recordBacklog(): Promise<void> {
  const { telemetry, clock, logger } = fn.base;
  try {
    const backlog = await fn.backlog();
    telemetry.record('TicketsWaiting', 'Count', backlog.open + backlog.claimed);
    const since = backlog.oldestWaitingSince;
    const waited = since ? (clock.now().getTime() - Date.parse(since)) / 1000 : 0;
    telemetry.record('OldestWaitingTicketAge', 'Seconds', Math.max(0, Math.round(waited) || 0));
  } catch (error) {
    logger.error('ticket_backlog_unreadable', {
      error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    });
  }
}
