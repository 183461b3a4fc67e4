/**
 * Analytics from the streams: the aggregate-stats function consumes the turns and tickets
 * tables' DynamoDB Streams (NEW_AND_OLD_IMAGES) and writes the daily counters the dashboard
 * reads (functions/adapters/stats/stream-aggregator.ts). Per event source mapping: batches of up
 * to STREAM_BATCH_SIZE records gathered for up to a second, a failing batch bisected and retried
 * STREAM_RETRY_ATTEMPTS times, then its records' positions sent to an encrypted SQS dead-letter
 * queue (alarmed in operations.ts, with the iterator age). Parallelization factor 1: one batch
 * per shard at a time, in order — the counters' redelivery check relies on it. A tumbling
 * window makes Lambda name the shard in every invocation (the writer of the counter positions).
 */
import { Duration, Validations, type RemovalPolicy } from 'aws-cdk-lib';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { TableDesign } from '../../functions/adapters/dynamodb/table-design.ts';
import { MujibFunction } from './mujib-function.ts';
import { grantTableAccess } from './table-access.ts';
import { deadLetterQueue } from './dead-letter-queue.ts';

export const STREAM_BATCH_SIZE = 500;
export const STREAM_RETRY_ATTEMPTS = 10;
/** Only names the shard (see the module comment); the function keeps no window state. */
export const STREAM_WINDOW = Duration.seconds(60);

export interface StatsAggregatorProps {
  /** functions/handlers/aggregate-stats.ts */
  entry: string;
  environment: Record<string, string>;
  /** Tables whose streams are aggregated (turns, tickets); each must have a stream. */
  sources: Table[];
  stats: { table: Table; design: TableDesign };
  logRetention: RetentionDays;
  logRemovalPolicy: RemovalPolicy;
  tracing?: boolean;
}

export class StatsAggregator extends Construct {
  readonly fn: MujibFunction;
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: StatsAggregatorProps) {
    super(scope, id);
    this.deadLetterQueue = deadLetterQueue(this, 'Dlq', 'stream batches the consumer failed on');
    this.fn = new MujibFunction(this, 'Function', {
      entry: props.entry,
      description: 'Mujib: aggregates the turns and tickets streams into the analytics counters',
      environment: props.environment,
      memorySize: 256,
      timeout: Duration.seconds(60),
      logRetention: props.logRetention,
      logRemovalPolicy: props.logRemovalPolicy,
      tracing: props.tracing,
    });
    for (const table of props.sources) {
      this.fn.fn.addEventSource(
        new DynamoEventSource(table, {
          startingPosition: StartingPosition.TRIM_HORIZON,
          batchSize: STREAM_BATCH_SIZE,
          maxBatchingWindow: Duration.seconds(1),
          bisectBatchOnError: true,
          retryAttempts: STREAM_RETRY_ATTEMPTS,
          maxRecordAge: Duration.days(1),
          parallelizationFactor: 1,
          tumblingWindow: STREAM_WINDOW,
          onFailure: new SqsDlq(this.deadLetterQueue),
        }),
      );
    }
    Validations.of(this.fn.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'dynamodb:ListStreams, added by the DynamoDB event source, has no resource-level permissions; the stream reads themselves are scoped to the two stream ARNs.',
    });
    // Counters (UpdateItem ADD) and gap questions (PutItem); stream reads come with the source.
    grantTableAccess(this.fn.fn, props.stats.table, props.stats.design, ['UpdateItem', 'PutItem']);
  }
}
