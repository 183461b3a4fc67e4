/**
 * A turn queue that loads its implementation on first use. The answer functions only touch the
 * durable turn queue (SQS) when DynamoDB refuses a write — rare — so they do not load the SQS
 * client during INIT; the first queued turn pays for it.
 */
import { TurnQueue, type ReceivedTurn, type Turn } from '#core/ports.ts';
import type { Config } from '../config.ts';
import type { StoreOptions } from '../stores.ts';

export class LazyTurnQueue extends TurnQueue {
  private queue?: Promise<TurnQueue>;

  constructor(private readonly load: () => Promise<TurnQueue>) {
    super();
  }

  async add(turn: Turn): Promise<void> {
    return (await this.loaded()).add(turn);
  }

  async receive(max: number): Promise<ReceivedTurn[]> {
    return (await this.loaded()).receive(max);
  }

  async remove(received: readonly ReceivedTurn[]): Promise<void> {
    return (await this.loaded()).remove(received);
  }

  async forgetSessions(sessionIds: readonly string[]): Promise<number | undefined> {
    return (await this.loaded()).forgetSessions(sessionIds);
  }

  private loaded(): Promise<TurnQueue> {
    this.queue ??= this.load().catch((error: unknown) => {
      this.queue = undefined; // a failed load is tried again next time
      throw error;
    });
    return this.queue;
  }
}

/** The durable turn queue of a Lambda: SQS (shared, drained by flush-turns), loaded on first use. */
export function lambdaTurnQueue(config: Config): StoreOptions {
  const queueUrl = config.turnQueue.sqsUrl;
  if (!queueUrl) return {};
  return {
    turnQueue: new LazyTurnQueue(async () =>
      (await import('./sqs-turn-queue-of.ts')).sqsTurnQueue(queueUrl),
    ),
    sharedTurnQueue: true,
  };
}
