/**
 * Analytics from the streams, as synthesised (bundling off): the turns and tickets tables stream
 * new and old images; the aggregate-stats function consumes both with batching, bisect on error,
 * bounded retries, one batch per shard at a time, a tumbling window (the shard id) and an
 * encrypted SQS on-failure queue; alarms watch that queue and the consumer's iterator age; and
 * the answer functions no longer write analytics at all.
 */
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { STREAM_BATCH_SIZE, STREAM_RETRY_ATTEMPTS } from '../../cdk/constructs/stats-aggregator.ts';
import { STATS_MAX_LAG_MS } from '../../cdk/constructs/operations.ts';
import { PRESENCE_PARTITION } from '#adapters/support/dynamo-presence-store.ts';
import {
  actionsOf,
  logicalIdOf,
  roleStatements,
  synthStack,
  type SynthResult,
} from './synth-stack.ts';

let r: SynthResult;
beforeAll(() => {
  r = synthStack({ stage: 'dev' });
}, 120_000);

const resources = () => r.template.toJSON().Resources as Record<string, any>;
const dynamoActions = (prefix: string) =>
  actionsOf(roleStatements(r, prefix)).filter((a) => a.startsWith('dynamodb:'));

describe('analytics from the streams', () => {
  it('streams the new and old images of turns and tickets', () => {
    for (const table of ['Data/Turns/Resource', 'Data/Tickets/Resource']) {
      expect(resources()[logicalIdOf(r, table)].Properties.StreamSpecification).toEqual({
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      });
    }
  });

  it('consumes both streams in order, batched, bisecting failures, then into a DLQ', () => {
    const fnId = logicalIdOf(r, 'StatsAggregator/Function/Function/Resource');
    const dlqId = logicalIdOf(r, 'StatsAggregator/Dlq/Resource');
    const mappings = r.template.findResources('AWS::Lambda::EventSourceMapping', {
      Properties: { FunctionName: { Ref: fnId } },
    });
    expect(Object.keys(mappings)).toHaveLength(2);
    for (const table of ['Data/Turns/Resource', 'Data/Tickets/Resource']) {
      r.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        FunctionName: { Ref: fnId },
        EventSourceArn: { 'Fn::GetAtt': [logicalIdOf(r, table), 'StreamArn'] },
        StartingPosition: 'TRIM_HORIZON',
        BatchSize: STREAM_BATCH_SIZE,
        BisectBatchOnFunctionError: true,
        MaximumRetryAttempts: STREAM_RETRY_ATTEMPTS,
        ParallelizationFactor: 1,
        TumblingWindowInSeconds: Match.anyValue(),
        DestinationConfig: {
          OnFailure: { Destination: { 'Fn::GetAtt': [dlqId, 'Arn'] } },
        },
      });
    }
    r.template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
  });

  it('alarms on the dead-letter queue and on the consumer falling behind', () => {
    const dlqName = { 'Fn::GetAtt': [logicalIdOf(r, 'StatsAggregator/Dlq/Resource'), 'QueueName'] };
    r.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: dlqName }],
      Threshold: 1,
    });
    r.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'IteratorAge',
      Statistic: 'Maximum',
      Threshold: STATS_MAX_LAG_MS,
    });
  });

  it('lets only the consumer write counters; the chat function writes no analytics', () => {
    const consumer = dynamoActions('StatsAggregator/Function');
    expect(consumer).toEqual(expect.arrayContaining(['dynamodb:UpdateItem', 'dynamodb:PutItem']));
    expect(consumer).not.toContain('dynamodb:Scan');
    const statsArn = logicalIdOf(r, 'Data/Stats/Resource');
    const chatOnStats = roleStatements(r, 'ChatApi').filter((s: any) =>
      JSON.stringify(s.Resource).includes(statsArn),
    );
    // Only who is on shift: a Query of the presence partition, nothing else of the stats table.
    expect(chatOnStats).toEqual([
      {
        Action: 'dynamodb:Query',
        Effect: 'Allow',
        Resource: expect.anything(),
        Condition: {
          'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [PRESENCE_PARTITION] },
        },
      },
    ]);
  });
});
