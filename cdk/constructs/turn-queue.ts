/**
 * The durable turn queue in AWS: an encrypted, TLS-only SQS queue (with a dead-letter queue)
 * where answer functions put turns DynamoDB could not take, and a flush function that an
 * EventBridge rule runs every minute to write them (functions/handlers/flush-turns.ts: receive,
 * write, delete, in batches). Answer functions may only send to the queue; only the flush
 * function receives and deletes.
 */
import { Duration } from 'aws-cdk-lib';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { RemovalPolicy } from 'aws-cdk-lib';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ENV } from '../../functions/app/env-names.ts';
import { MujibFunction } from './mujib-function.ts';
import { deadLetterQueue } from './dead-letter-queue.ts';

/** Receives of one message before it moves to the dead-letter queue (a body that is not a turn). */
export const TURN_QUEUE_MAX_RECEIVES = 5;

export interface TurnQueueProps {
  /** functions/handlers/flush-turns.ts */
  flushEntry: string;
  /** The flush function's environment (tables, PII secret parameter, log level). */
  environment: Record<string, string>;
  logRetention: RetentionDays;
  logRemovalPolicy: RemovalPolicy;
  tracing?: boolean;
}

export class TurnQueue extends Construct {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
  readonly flush: MujibFunction;
  readonly schedule: Rule;

  constructor(scope: Construct, id: string, props: TurnQueueProps) {
    super(scope, id);
    this.deadLetterQueue = deadLetterQueue(
      this,
      'Dlq',
      'messages of the turn queue that are not turns',
    );
    const flushTimeout = Duration.minutes(1);
    this.queue = new Queue(this, 'Queue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // Turns wait as long as SQS allows: an outage of DynamoDB longer than this loses them.
      retentionPeriod: Duration.days(14),
      // Longer than a flush run, so a batch being written is not given to the next run.
      visibilityTimeout: flushTimeout.plus(Duration.minutes(1)),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: TURN_QUEUE_MAX_RECEIVES },
    });

    this.flush = new MujibFunction(this, 'Flush', {
      entry: props.flushEntry,
      description: 'Mujib: writes turns queued while DynamoDB was unavailable (every minute)',
      environment: { ...props.environment, [ENV.turnQueueUrl]: this.queue.queueUrl },
      // No knowledge index: the flush function composes only the stores and the queue.
      memorySize: 256,
      timeout: flushTimeout,
      logRetention: props.logRetention,
      logRemovalPolicy: props.logRemovalPolicy,
      tracing: props.tracing,
    });
    // ReceiveMessage and DeleteMessageBatch (authorised as sqs:DeleteMessage), nothing else.
    this.flush.fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['sqs:DeleteMessage', 'sqs:ReceiveMessage'],
        resources: [this.queue.queueArn],
      }),
    );
    this.schedule = new Rule(this, 'FlushSchedule', {
      description: 'Writes queued turns to DynamoDB every minute',
      schedule: Schedule.rate(Duration.minutes(1)),
      // A missed run is harmless: the next one comes a minute later.
      targets: [new LambdaFunction(this.flush.fn, { retryAttempts: 0 })],
    });
  }

  /** Lets an answer function queue turns: the queue URL and sqs:SendMessage, nothing more. */
  grantSend(f: MujibFunction): void {
    f.fn.addEnvironment(ENV.turnQueueUrl, this.queue.queueUrl);
    f.fn.addToRolePolicy(
      new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [this.queue.queueArn] }),
    );
  }
}
