/**
 * The durable turn queue in AWS: an Amazon SQS standard queue. Answer functions only send to it
 * (a turn whose write failed); the scheduled flush function receives turns in batches of up to
 * ten, writes them and deletes them. SQS hides a received message for the queue's visibility
 * timeout and delivers it again if it was not deleted (the flush died between write and delete),
 * and a standard queue may deliver a message twice anyway: both are harmless, because the session
 * log writes each (sessionId, messageId) once. A body that is not a turn is never removed here:
 * after the queue's maxReceiveCount it moves to the dead-letter queue (alarmed).
 *
 * SQS cannot pick messages out by content, so `forgetSessions` is not supported (undefined).
 */
import {
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { MujibError } from '#core/errors.ts';
import { TurnQueue, type ReceivedTurn, type Turn } from '#core/ports.ts';

/** ReceiveMessage and DeleteMessageBatch take at most ten messages. */
const SQS_BATCH = 10;
/** Format of a message body, so a later change can tell old messages apart. */
const BODY_VERSION = 1;

export interface SqsTurnQueueOptions {
  /** The queue URL (the SDK also sends requests to this host unless `client` sets an endpoint). */
  queueUrl: string;
  /** Default: a client for the Lambda's region and role. */
  client?: SQSClient;
  /** Long-poll wait of a receive, 0–20 s (0 may miss messages on a standard queue). Default 1. */
  waitSeconds?: number;
  /** Visibility timeout of received messages in seconds; default: the queue's own. */
  visibilityTimeoutSeconds?: number;
}

/** SQS refused to delete some received messages (they will be delivered again). */
export class TurnQueueDeleteError extends MujibError {}

export class SqsTurnQueue extends TurnQueue {
  private readonly client: SQSClient;
  private readonly queueUrl: string;
  private readonly waitSeconds: number;
  private readonly visibilityTimeoutSeconds: number | undefined;

  constructor(options: SqsTurnQueueOptions) {
    super();
    this.queueUrl = options.queueUrl;
    this.waitSeconds = options.waitSeconds ?? 1;
    this.client =
      options.client ??
      new SQSClient({
        // A customer's request waits for `add` (the store just failed it): give up within seconds.
        maxAttempts: 2,
        requestHandler: {
          connectionTimeout: 1_000,
          requestTimeout: 3_000 + this.waitSeconds * 1_000,
          throwOnRequestTimeout: true,
        },
      });
    this.visibilityTimeoutSeconds = options.visibilityTimeoutSeconds;
  }

  override async add(turn: Turn): Promise<void> {
    await this.client.send(
      new SendMessageCommand({
        QueueUrl: this.queueUrl,
        MessageBody: JSON.stringify({ v: BODY_VERSION, turn }),
      }),
    );
  }

  override async receive(max: number): Promise<ReceivedTurn[]> {
    const { Messages = [] } = await this.client.send(
      new ReceiveMessageCommand({
        QueueUrl: this.queueUrl,
        MaxNumberOfMessages: Math.min(SQS_BATCH, Math.max(1, Math.floor(max))),
        WaitTimeSeconds: this.waitSeconds,
        ...(this.visibilityTimeoutSeconds === undefined
          ? {}
          : { VisibilityTimeout: this.visibilityTimeoutSeconds }),
      }),
    );
    return Messages.flatMap((message) => {
      const turn = turnOf(message.Body);
      return turn && message.ReceiptHandle ? [{ turn, receipt: message.ReceiptHandle }] : [];
    });
  }

  override async remove(received: readonly ReceivedTurn[]): Promise<void> {
    const failed: string[] = [];
    for (let i = 0; i < received.length; i += SQS_BATCH) {
      const batch = received.slice(i, i + SQS_BATCH);
      const { Failed = [] } = await this.client.send(
        new DeleteMessageBatchCommand({
          QueueUrl: this.queueUrl,
          Entries: batch.map((r, n) => ({ Id: String(n), ReceiptHandle: r.receipt })),
        }),
      );
      failed.push(...Failed.map((f) => f.Code ?? 'unknown'));
    }
    if (failed.length > 0) {
      throw new TurnQueueDeleteError(
        `SQS did not delete ${failed.length} of ${received.length} turns (they will be written again, harmlessly)`,
        { codes: [...new Set(failed)] },
      );
    }
  }

  /** Not supported: SQS cannot pick messages out by session. */
  override async forgetSessions(): Promise<undefined> {
    return undefined;
  }
}

/** The turn in a message body, or undefined for anything else (left for the dead-letter queue). */
function turnOf(body: string | undefined): Turn | undefined {
  try {
    const parsed = JSON.parse(body ?? '') as { v?: unknown; turn?: Partial<Turn> };
    const turn = parsed.turn;
    if (parsed.v !== BODY_VERSION || typeof turn !== 'object' || turn === null) return undefined;
    if (typeof turn.sessionId !== 'string' || typeof turn.messageId !== 'string') return undefined;
    return turn as Turn;
  } catch {
    return undefined;
  }
}
