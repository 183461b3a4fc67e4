/**
 * Lambda entry for the scheduled rule (EventBridge, every minute): writes turns that waited in
 * the durable turn queue (SQS) while DynamoDB was unavailable — received, written and deleted
 * in batches of ten (adapters/turn-queue/queueing-session-log.ts). Safe to run concurrently with
 * traffic and to repeat, and a message SQS delivers twice is written once: every write is keyed
 * by session and message id. `queued`: turns it received but could not write (store still down).
 */
import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import { composeFlushTurnsFunction } from '#app/lambda/flush-turns-function.ts';
import { startFunction } from '#app/lambda/start-function.ts';

const fn = await startFunction('flush-turns', () => composeFlushTurnsFunction());

export const handler = middy<Partial<ScheduledEvent> | undefined, { queued: number }>()
  .use(fn.base.telemetry.middlewares())
  .handler(async () => ({ queued: await fn.flush() }));
