/**
 * Lambda entry for the scheduled rule (EventBridge, every minute): writes turns that waited in
 * the durable turn queue (SQS) while DynamoDB was unavailable — received, written and deleted
 * in batches of ten (adapters/turn-queue/queueing-session-log.ts). Safe to run concurrently with
 * traffic and to repeat, and a message SQS delivers twice is written once: every write is keyed
 * by session and message id. `queued`: turns it received but could not write (store still down).
 */
import type { Context, ScheduledEvent } from 'aws-lambda';
import { lambdaApp } from '#app/lambda-app.ts';

export const handler = async (
  _event?: Partial<ScheduledEvent>,
  _context?: Context,
): Promise<{ queued: number }> => ({
  queued: await (await lambdaApp()).flushQueuedTurns(),
});
