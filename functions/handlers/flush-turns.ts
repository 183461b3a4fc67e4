/**
 * Lambda entry for a scheduled rule (e.g. EventBridge, every minute): writes turns that waited in
 * the durable turn queue while DynamoDB was unavailable. Safe to run concurrently with traffic
 * and to repeat: every write is keyed by session and message id.
 */
import { lambdaApp } from '#app/lambda-app.ts';

export const handler = async (): Promise<{ queued: number }> => ({
  queued: await (await lambdaApp()).flushQueuedTurns(),
});
