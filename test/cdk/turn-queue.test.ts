/**
 * The durable turn queue and the staff erasure route as synthesised (bundling off): an encrypted,
 * TLS-only SQS queue with a dead-letter queue; answer functions know its URL and may only send;
 * an EventBridge rule runs the flush function every minute, which may only receive and delete
 * and write turns; `/api/staff/erasures` reaches the staff function behind the staff JWT.
 */
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { ENV } from '../../functions/app/env-names.ts';
import { TURN_QUEUE_MAX_RECEIVES } from '../../cdk/constructs/turn-queue.ts';
import {
  actionsOf,
  logicalIdOf,
  roleStatements,
  statementsOn,
  synthStack,
  type SynthResult,
} from './synth-stack.ts';

let r: SynthResult;
beforeAll(() => {
  r = synthStack({ stage: 'dev' });
}, 120_000);

const ANSWER_FUNCTIONS = ['ChatApi', 'SmsTwilio', 'SmsEum', 'Alexa'];
const queueId = () => logicalIdOf(r, 'TurnQueue/Queue/Resource');
const sqsActions = (prefix: string, except?: string) =>
  actionsOf(
    roleStatements(r, prefix).filter(
      (s) => !except || !JSON.stringify(s.Resource).includes(except),
    ),
  ).filter((a) => a.startsWith('sqs:'));
const resources = () => r.template.toJSON().Resources as Record<string, any>;
const envOf = (prefix: string): Record<string, unknown> =>
  resources()[logicalIdOf(r, `${prefix}/Function/Resource`)].Properties.Environment.Variables;

describe('the turn queue', () => {
  it('is encrypted, refuses plain HTTP, and moves unreadable messages to an encrypted dead-letter queue', () => {
    const dlqId = logicalIdOf(r, 'TurnQueue/Dlq/Resource');
    r.template.hasResourceProperties('AWS::SQS::Queue', {
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 14 * 86_400,
      VisibilityTimeout: 120,
      RedrivePolicy: {
        deadLetterTargetArn: { 'Fn::GetAtt': [dlqId, 'Arn'] },
        maxReceiveCount: TURN_QUEUE_MAX_RECEIVES,
      },
    });
    expect(resources()[dlqId].Properties).toMatchObject({ SqsManagedSseEnabled: true });
    for (const id of [queueId(), dlqId]) {
      r.template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: id }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Deny',
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            }),
          ]),
        },
      });
    }
  });

  it('answer functions know its URL and may only send to it', () => {
    // sms-eum may also send to its own on-failure queue (Lambda destinations, SqsDestination's
    // grant: SendMessage, GetQueueAttributes, GetQueueUrl on that queue only).
    const failedId = logicalIdOf(r, 'SmsInbound/FailedInvocations/Resource');
    for (const prefix of ANSWER_FUNCTIONS) {
      expect(envOf(prefix)[ENV.turnQueueUrl], prefix).toEqual({ Ref: queueId() });
      const elsewhere = statementsOn(roleStatements(r, prefix), failedId);
      expect(elsewhere.length, prefix).toBe(prefix === 'SmsEum' ? 1 : 0);
      const sqs = roleStatements(r, prefix).filter(
        (st) => !elsewhere.includes(st) && actionsOf([st]).some((a) => a.startsWith('sqs:')),
      );
      expect(actionsOf(sqs), prefix).toEqual(['sqs:SendMessage']);
      expect(statementsOn(roleStatements(r, prefix), queueId()), prefix).toHaveLength(1);
    }
  });

  it('no other function may use it', () => {
    for (const prefix of ['StaffApi', 'OriginVerify', 'Knowledge/Indexer']) {
      // The indexer consumes its own queue (article changes), not this one.
      const own = logicalIdOf(r, 'Knowledge/IndexerQueue/Resource');
      expect(
        sqsActions(prefix, own).filter((a) => a !== 'sqs:SendMessage'),
        prefix,
      ).toEqual([]);
      expect(statementsOn(roleStatements(r, prefix), queueId()), prefix).toEqual([]);
      expect(envOf(prefix)[ENV.turnQueueUrl], prefix).toBeUndefined();
    }
  });

  it('an EventBridge rule runs the flush function every minute', () => {
    const flushId = logicalIdOf(r, 'TurnQueue/Flush/Function/Resource');
    r.template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(1 minute)',
      State: 'ENABLED',
      Targets: [
        Match.objectLike({
          Arn: { 'Fn::GetAtt': [flushId, 'Arn'] },
          RetryPolicy: { MaximumRetryAttempts: 0 },
        }),
      ],
    });
    r.template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      FunctionName: { 'Fn::GetAtt': [flushId, 'Arn'] },
      Principal: 'events.amazonaws.com',
    });
    expect(resources()[flushId].Properties).toMatchObject({
      Runtime: 'nodejs22.x',
      Timeout: 60,
      Environment: { Variables: { [ENV.turnQueueUrl]: { Ref: queueId() } } },
    });
  });

  it('the flush function receives and deletes, writes only turns (their analytics come from the stream) and reads the ticket backlog', () => {
    expect(sqsActions('TurnQueue/Flush').sort()).toEqual([
      'sqs:DeleteMessage',
      'sqs:ReceiveMessage',
    ]);
    expect(statementsOn(roleStatements(r, 'TurnQueue/Flush'), queueId())).toHaveLength(1);
    const onTable = (table: string) =>
      actionsOf(
        statementsOn(
          roleStatements(r, 'TurnQueue/Flush'),
          logicalIdOf(r, `Data/${table}/Resource`),
        ),
      ).sort();
    expect(onTable('Turns')).toEqual(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query']);
    expect(onTable('Stats')).toEqual([]);
    // The backlog-age metric: a Query of the byStatus index (test/cdk/operations.test.ts).
    expect(onTable('Tickets')).toEqual(['dynamodb:Query']);
    expect(onTable('Gaps')).toEqual([]);
  });
});

describe('the staff erasure route', () => {
  it('GET and POST /api/staff/erasures reach the staff function, behind the staff JWT', () => {
    // `/api/staff/{proxy+}` carries every staff path (the staff function's router has
    // /api/staff/erasures): API Gateway matches erasures there.
    const staffId = logicalIdOf(r, 'StaffApi/Function/Resource');
    const routes = Object.values(r.template.findResources('AWS::ApiGatewayV2::Route'))
      .map((x) => x.Properties)
      .filter((p) => ['GET', 'POST'].includes(p.RouteKey.split(' ')[0]))
      .filter((p) => p.RouteKey.endsWith(' /api/staff/{proxy+}'));
    expect(routes.map((p) => p.RouteKey).sort()).toEqual([
      'GET /api/staff/{proxy+}',
      'POST /api/staff/{proxy+}',
    ]);
    const integrations = r.template.findResources('AWS::ApiGatewayV2::Integration');
    for (const route of routes) {
      expect(route.AuthorizationType).toBe('JWT');
      const integrationId = (route.Target['Fn::Join'][1] as unknown[]).find(
        (part): part is { Ref: string } => typeof part === 'object' && part !== null,
      )?.Ref as string;
      expect(integrations[integrationId]?.Properties.IntegrationUri).toEqual({
        'Fn::GetAtt': [staffId, 'Arn'],
      });
    }
  });

  it('the staff function may erase: Scan turns and tickets, batch-delete turns and gaps', () => {
    const staff = roleStatements(r, 'StaffApi');
    const on = (table: string) =>
      actionsOf(statementsOn(staff, logicalIdOf(r, `Data/${table}/Resource`)));
    expect(on('Turns')).toEqual(
      expect.arrayContaining(['dynamodb:Scan', 'dynamodb:BatchWriteItem', 'dynamodb:Query']),
    );
    expect(on('Tickets')).toEqual(expect.arrayContaining(['dynamodb:Scan', 'dynamodb:PutItem']));
    expect(on('Gaps')).toEqual(expect.arrayContaining(['dynamodb:BatchWriteItem']));
    expect(on('Gaps')).not.toContain('dynamodb:Scan');
    expect(on('Stats')).not.toContain('dynamodb:Scan');
  });
});

describe('checks', () => {
  it('cdk-nag finds nothing unacknowledged in the turn queue', () => {
    expect(r.nagViolations.filter((v) => v.paths.some((p) => /TurnQueue/.test(p)))).toEqual([]);
    expect(r.nagViolations).toEqual([]);
  });
});
