/** The SQS turn queue (its own module: loaded by LazyTurnQueue, with the SQS client). */
import { SqsTurnQueue } from '#adapters/turn-queue/sqs-turn-queue.ts';

export function sqsTurnQueue(queueUrl: string): SqsTurnQueue {
  return new SqsTurnQueue({ queueUrl });
}
