/**
 * Alarms on what customers feel, as synthesised (bundling off): handled errors and p99 latency
 * per service from the functions' EMF metrics, an escalation-rate spike guarded by volume, the
 * age of the oldest waiting ticket, rejected index publishes, failed SNS deliveries of inbound
 * SMS (with the sms-eum function's DLQ and on-failure queue), DynamoDB throttles per table —
 * each notifying the alarm topic.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ESCALATION_MIN_TURNS,
  ESCALATION_RATE_THRESHOLD_PERCENT,
  HANDLED_ERRORS_THRESHOLD,
  LATENCY_P99_THRESHOLD_MS,
} from '../../cdk/constructs/operations.ts';
import { SMS_INVOKE_RETRIES } from '../../cdk/constructs/sms-inbound.ts';
import { DEFAULT_TICKET_BACKLOG_MAX_AGE_MINUTES } from '../../cdk/stack-config.ts';
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

type AlarmProps = Record<string, any>;
const alarms = (): AlarmProps[] =>
  Object.values(r.template.findResources('AWS::CloudWatch::Alarm')).map((a) => a.Properties);
const emfAlarms = (metricName: string) =>
  alarms().filter((a) => a.Namespace === 'Mujib' && a.MetricName === metricName);
const serviceOf = (a: AlarmProps) =>
  (a.Dimensions as { Name: string; Value: string }[]).find((d) => d.Name === 'service')?.Value;
const topicRef = () => ({ Ref: logicalIdOf(r, 'Operations/Alarms/Resource') });

describe('alarms on what customers feel', () => {
  it('handled errors: error-level events per customer-facing service (a 500 the handler returned counts)', () => {
    const handled = emfAlarms('Errors');
    expect(handled.map(serviceOf).sort()).toEqual(
      ['alexa', 'chat', 'sms-eum', 'sms-twilio', 'staff'].sort(),
    );
    for (const a of handled) {
      expect(a).toMatchObject({
        Statistic: 'Sum',
        Period: 300,
        Threshold: HANDLED_ERRORS_THRESHOLD,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        AlarmActions: [topicRef()],
      });
    }
  });

  it('p99 handler latency per answering service, sustained over three 5-minute periods', () => {
    const latency = emfAlarms('Latency');
    expect(latency.map(serviceOf).sort()).toEqual(['alexa', 'chat', 'sms-eum', 'sms-twilio']);
    for (const a of latency) {
      expect(a).toMatchObject({
        ExtendedStatistic: 'p99',
        Threshold: LATENCY_P99_THRESHOLD_MS,
        EvaluationPeriods: 3,
        DatapointsToAlarm: 3,
      });
    }
  });

  it('escalation-rate spike: escalations over decided turns across the answering services, only above a minimum volume', () => {
    const spike = alarms().filter((a) =>
      (a.Metrics as { Expression?: string }[] | undefined)?.some((m) =>
        m.Expression?.includes('IF('),
      ),
    );
    expect(spike).toHaveLength(1);
    const metrics = spike[0]!.Metrics as any[];
    const expression = metrics.find((m) => m.Expression)!;
    expect(expression.Expression).toBe(
      `IF((t0 + t1 + t2 + t3) >= ${ESCALATION_MIN_TURNS}, 100 * (e0 + e1 + e2 + e3) / (t0 + t1 + t2 + t3), 0)`,
    );
    expect(expression.ReturnData).toBe(true);
    expect(spike[0]!.Threshold).toBe(ESCALATION_RATE_THRESHOLD_PERCENT);
    const inputs = metrics.filter((m) => m.MetricStat);
    // CloudWatch allows at most 10 metrics in an alarm's expression.
    expect(inputs.length).toBeLessThanOrEqual(10);
    const named = (name: string) =>
      inputs
        .filter((m) => m.MetricStat.Metric.MetricName === name)
        .map((m) => m.MetricStat.Metric.Dimensions[0].Value)
        .sort();
    expect(named('DecidedTurns')).toEqual(['alexa', 'chat', 'sms-eum', 'sms-twilio']);
    expect(named('Escalations')).toEqual(['alexa', 'chat', 'sms-eum', 'sms-twilio']);
    for (const m of inputs) {
      expect(m.MetricStat).toMatchObject({ Period: 900, Stat: 'Sum' });
      expect(m.MetricStat.Metric.Namespace).toBe('Mujib');
    }
  });

  it('ticket backlog age: the oldest waiting ticket the scheduled flush function reports', () => {
    const [backlog, ...more] = emfAlarms('OldestWaitingTicketAge');
    expect(more).toEqual([]);
    expect(backlog).toMatchObject({
      Statistic: 'Maximum',
      Threshold: DEFAULT_TICKET_BACKLOG_MAX_AGE_MINUTES * 60,
      Dimensions: [{ Name: 'service', Value: 'flush-turns' }],
    });
    // It reads the backlog from the byStatus index: Query on tickets, nothing else there.
    const ticketsId = logicalIdOf(r, 'Data/Tickets/Resource');
    const onTickets = roleStatements(r, 'TurnQueue/Flush').filter((s) =>
      JSON.stringify(s.Resource).includes(ticketsId),
    );
    expect(actionsOf(onTickets)).toEqual(['dynamodb:Query']);
    expect(JSON.stringify(onTickets)).toContain('/index/byStatus');
  });

  it('publishing failures: a rejected index (and the indexer DLQ, S3 failures after retries)', () => {
    expect(emfAlarms('IndexRejected')).toEqual([
      expect.objectContaining({
        Threshold: 1,
        Statistic: 'Sum',
        Dimensions: [{ Name: 'service', Value: 'indexer' }],
      }),
    ]);
    const dlq = { 'Fn::GetAtt': [logicalIdOf(r, 'Knowledge/IndexerDlq/Resource'), 'QueueName'] };
    expect(
      alarms().some(
        (a) => JSON.stringify(a.Dimensions) === JSON.stringify([{ Name: 'QueueName', Value: dlq }]),
      ),
    ).toBe(true);
  });
});

describe('inbound SMS (End User Messaging through SNS)', () => {
  it('SNS deliveries that fail are alarmed and kept in a dead-letter queue', () => {
    const topicId = logicalIdOf(r, 'SmsInbound/InboundSms/Resource');
    expect(
      alarms().filter(
        (a) => a.Namespace === 'AWS/SNS' && a.MetricName === 'NumberOfNotificationsFailed',
      ),
    ).toEqual([
      expect.objectContaining({
        Dimensions: [{ Name: 'TopicName', Value: { 'Fn::GetAtt': [topicId, 'TopicName'] } }],
        Threshold: 1,
      }),
    ]);
    r.template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'lambda',
      TopicArn: { Ref: topicId },
      RedrivePolicy: {
        deadLetterTargetArn: {
          'Fn::GetAtt': [logicalIdOf(r, 'SmsInbound/DeliveryDlq/Resource'), 'Arn'],
        },
      },
    });
  });

  it('the sms-eum function sends invocations that still fail after retries to an on-failure queue', () => {
    r.template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: logicalIdOf(r, 'SmsEum/Function/Resource') },
      MaximumRetryAttempts: SMS_INVOKE_RETRIES,
      DestinationConfig: {
        OnFailure: {
          Destination: {
            'Fn::GetAtt': [logicalIdOf(r, 'SmsInbound/FailedInvocations/Resource'), 'Arn'],
          },
        },
      },
    });
  });

  it('both queues are encrypted, TLS-only and alarmed when anything lands in them', () => {
    for (const path of [
      'SmsInbound/DeliveryDlq/Resource',
      'SmsInbound/FailedInvocations/Resource',
    ]) {
      const id = logicalIdOf(r, path);
      expect(r.template.toJSON().Resources[id].Properties.SqsManagedSseEnabled).toBe(true);
      expect(
        alarms().filter(
          (a) =>
            a.MetricName === 'ApproximateNumberOfMessagesVisible' &&
            JSON.stringify(a.Dimensions).includes(id),
        ),
      ).toHaveLength(1);
    }
  });
});

describe('DynamoDB', () => {
  it('throttled reads and writes are alarmed per table', () => {
    const throttles = alarms().filter((a) =>
      JSON.stringify(a.Metrics ?? []).includes('ReadThrottleEvents'),
    );
    const tables = ['Turns', 'Tickets', 'Gaps', 'Stats'].map((t) =>
      logicalIdOf(r, `Data/${t}/Resource`),
    );
    expect(throttles).toHaveLength(tables.length);
    for (const id of tables) {
      const [alarm, ...more] = throttles.filter((a) =>
        JSON.stringify(a.Metrics).includes(`"${id}"`),
      );
      expect(more).toEqual([]);
      const names = (alarm!.Metrics as any[])
        .filter((m) => m.MetricStat)
        .map((m) => m.MetricStat.Metric.MetricName)
        .sort();
      expect(names).toEqual(['ReadThrottleEvents', 'WriteThrottleEvents']);
    }
  });
});

describe('every alarm', () => {
  it('notifies the alarm topic and treats missing data as fine (no traffic is not an incident)', () => {
    for (const a of alarms()) {
      expect(a.AlarmActions).toEqual([topicRef()]);
      expect(a.TreatMissingData).toBe('notBreaching');
      expect(a.AlarmDescription).toMatch(/^Mujib: /);
    }
  });

  it('the dashboard charts p99 latency, the backlog, publishes and table throttles', () => {
    const body = JSON.stringify(
      Object.values(r.template.findResources('AWS::CloudWatch::Dashboard'))[0]!.Properties
        .DashboardBody,
    );
    for (const text of [
      'Handler latency p99',
      'OldestWaitingTicketAge',
      'IndexRejected',
      'IndexPublished',
      'DynamoDB throttle events',
    ]) {
      expect(body).toContain(text);
    }
  });
});
