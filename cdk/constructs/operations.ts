/**
 * Operations: alarms (function errors and throttles, indexer, turn-queue and analytics-stream
 * DLQ depth, analytics stream iterator age, API 5xx) sent to an encrypted SNS topic, metric filters that count answers, clarifications and
 * escalations from the structured `turn` log lines, and one dashboard with those, latency and
 * errors.
 */
import { Duration } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  MathExpression,
  Metric,
  TreatMissingData,
  type IMetric,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { MujibFunction } from './mujib-function.ts';

export const METRIC_NAMESPACE = 'Mujib';
/** Iterator age (ms) of the analytics stream consumer that raises an alarm: 5 minutes behind. */
export const STATS_MAX_LAG_MS = 300_000;

/**
 * Turn outcomes → the metric names the functions emit as CloudWatch EMF (Powertools Metrics,
 * functions/app/lambda/telemetry.ts), namespace `Mujib`, dimension `service`.
 */
export const OUTCOME_METRICS = {
  answer: 'Answers',
  clarify: 'Clarifications',
  escalate: 'Escalations',
} as const;

export interface OperationsProps {
  /** Every function, by a short name used in alarm and widget titles. */
  functions: Record<string, MujibFunction>;
  /** Functions whose throttling is expected (e.g. the indexer at concurrency 1). */
  throttleExpected?: string[];
  /** `service` names of the functions that answer customers (their EMF decision metrics are summed). */
  decisionServices: string[];
  deadLetterQueue: IQueue;
  /** Dead-letter queue of the turn queue (messages that were not turns). */
  turnDeadLetterQueue?: IQueue;
  /** The analytics stream consumer: its failed batches' DLQ and its iterator age are alarmed. */
  statsAggregator?: { fn: MujibFunction; deadLetterQueue: IQueue };
  api: HttpApi;
  alarmEmail?: string;
  stage: string;
}

export class Operations extends Construct {
  readonly alarmTopic: Topic;
  readonly alarms: Alarm[] = [];
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: OperationsProps) {
    super(scope, id);
    const key = new Key(this, 'AlarmTopicKey', {
      description: 'Encrypts Mujib alarm notifications',
      enableKeyRotation: true,
    });
    this.alarmTopic = new Topic(this, 'Alarms', { masterKey: key, enforceSSL: true });
    if (props.alarmEmail) this.alarmTopic.addSubscription(new EmailSubscription(props.alarmEmail));
    // CloudWatch publishes alarm notifications with the key.
    key.grantEncryptDecrypt(new ServicePrincipal('cloudwatch.amazonaws.com'));

    const fiveMinutes = Duration.minutes(5);
    for (const [name, mf] of Object.entries(props.functions)) {
      this.alarm(
        `${name}Errors`,
        mf.fn.metricErrors({ period: fiveMinutes, statistic: 'Sum' }),
        1,
        `${name} function errors`,
      );
      if (!props.throttleExpected?.includes(name)) {
        this.alarm(
          `${name}Throttles`,
          mf.fn.metricThrottles({ period: fiveMinutes, statistic: 'Sum' }),
          1,
          `${name} function throttled`,
        );
      }
    }
    const dlqDepth = new Metric({
      namespace: 'AWS/SQS',
      metricName: 'ApproximateNumberOfMessagesVisible',
      dimensionsMap: { QueueName: props.deadLetterQueue.queueName },
      period: fiveMinutes,
      statistic: 'Maximum',
    });
    this.alarm('IndexerDlqDepth', dlqDepth, 1, 'indexer events failed after retries (see the DLQ)');
    if (props.turnDeadLetterQueue) {
      this.alarm(
        'TurnQueueDlqDepth',
        new Metric({
          namespace: 'AWS/SQS',
          metricName: 'ApproximateNumberOfMessagesVisible',
          dimensionsMap: { QueueName: props.turnDeadLetterQueue.queueName },
          period: fiveMinutes,
          statistic: 'Maximum',
        }),
        1,
        'turn queue messages the flush could not read (see the DLQ)',
      );
    }
    if (props.statsAggregator) {
      const { fn, deadLetterQueue } = props.statsAggregator;
      this.alarm(
        'StatsStreamDlqDepth',
        new Metric({
          namespace: 'AWS/SQS',
          metricName: 'ApproximateNumberOfMessagesVisible',
          dimensionsMap: { QueueName: deadLetterQueue.queueName },
          period: fiveMinutes,
          statistic: 'Maximum',
        }),
        1,
        'analytics stream batches dropped after retries (counts missing; see the DLQ)',
      );
      this.alarm(
        'StatsStreamIteratorAge',
        fn.fn.metric('IteratorAge', { period: fiveMinutes, statistic: 'Maximum' }),
        STATS_MAX_LAG_MS,
        'analytics stream consumer falling behind (dashboard lagging)',
      );
    }
    this.alarm(
      'Api5xx',
      props.api.metricServerError({ period: fiveMinutes, statistic: 'Sum' }),
      5,
      'HTTP API 5xx responses',
    );

    // Decisions come from the functions' EMF lines (no log metric filters): one metric per
    // answering function, summed across them. Ids: a0… answers, c0… clarifications, e0… escalations.
    const perService = (metricName: string, prefix: string) =>
      Object.fromEntries(
        props.decisionServices.map((service, i) => [
          `${prefix}${i}`,
          new Metric({
            namespace: METRIC_NAMESPACE,
            metricName,
            dimensionsMap: { service },
            period: fiveMinutes,
            statistic: 'Sum',
          }),
        ]),
      );
    const sumOf = (prefix: string) =>
      `(${props.decisionServices.map((_, i) => `${prefix}${i}`).join(' + ')})`;
    const decisions = [
      { metricName: OUTCOME_METRICS.answer, prefix: 'a' },
      { metricName: OUTCOME_METRICS.clarify, prefix: 'c' },
      { metricName: OUTCOME_METRICS.escalate, prefix: 'e' },
    ];
    const outcomes = decisions.map(
      ({ metricName, prefix }) =>
        new MathExpression({
          expression: sumOf(prefix),
          usingMetrics: perService(metricName, prefix),
          label: metricName,
          period: fiveMinutes,
        }),
    );
    const [a, c, e] = ['a', 'c', 'e'].map(sumOf) as [string, string, string];
    const escalationRate = new MathExpression({
      expression: `IF((${a} + ${c} + ${e}) > 0, 100 * ${e} / (${a} + ${c} + ${e}), 0)`,
      usingMetrics: Object.assign({}, ...decisions.map((d) => perService(d.metricName, d.prefix))),
      label: '% of turns escalated',
      period: fiveMinutes,
    });

    const fns = Object.entries(props.functions);
    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: `mujib-${props.stage}`,
      widgets: [
        [
          new GraphWidget({ title: 'Turns by outcome', left: outcomes, width: 12, stacked: true }),
          new GraphWidget({
            title: 'Escalation rate',
            left: [escalationRate],
            width: 12,
          }),
        ],
        [
          new GraphWidget({
            title: 'API latency (p50, p90) and requests',
            left: [
              props.api.metricLatency({ statistic: 'p50', period: fiveMinutes }),
              props.api.metricLatency({ statistic: 'p90', period: fiveMinutes }),
            ],
            right: [props.api.metricCount({ period: fiveMinutes })],
            width: 12,
          }),
          new GraphWidget({
            title: 'Function duration p90',
            left: fns.map(([name, mf]) =>
              mf.fn.metricDuration({ statistic: 'p90', period: fiveMinutes, label: name }),
            ),
            width: 12,
          }),
        ],
        [
          new GraphWidget({
            title: 'Errors',
            left: [
              ...fns.map(([name, mf]) => mf.fn.metricErrors({ period: fiveMinutes, label: name })),
              props.api.metricServerError({ period: fiveMinutes, label: 'API 5xx' }),
            ],
            width: 12,
          }),
          new GraphWidget({
            title: 'Indexer DLQ depth',
            left: [dlqDepth],
            width: 12,
          }),
        ],
      ],
    });
  }

  private alarm(id: string, metric: IMetric, threshold: number, description: string): void {
    const alarm = new Alarm(this, id, {
      metric,
      threshold,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: `Mujib: ${description}`,
    });
    alarm.addAlarmAction(new SnsAction(this.alarmTopic));
    this.alarms.push(alarm);
  }
}
