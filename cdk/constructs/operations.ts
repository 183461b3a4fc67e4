/**
 * Operations: alarms sent to an encrypted SNS topic, and one dashboard.
 *
 * Alarms on what customers feel, from the functions' own EMF metrics (namespace `Mujib`,
 * dimension `service`; functions/app/lambda/telemetry.ts) — a handler that turns a failure into
 * a 500 leaves Lambda's `Errors` at 0, but logs an error-level event, which counts in `Errors`:
 *  - handled errors per customer-facing service; p99 `Latency` per answering service;
 *  - escalation-rate spike: Escalations / (Answers + Clarifications + Escalations), only when
 *    there were enough turns to mean something;
 *  - ticket backlog age: the oldest open or claimed ticket (`OldestWaitingTicketAge`, emitted
 *    every minute by the scheduled flush-turns function);
 *  - publishing failures: the indexer's `IndexRejected` (an article with lint errors kept the
 *    last good index) and its DLQ (S3 failures after retries).
 * And on the plumbing: Lambda errors and throttles per function, DLQ depths (indexer, turn queue,
 * analytics stream, inbound SMS), SNS deliveries to the SMS function that failed, DynamoDB
 * throttles per table, the analytics stream's iterator age, API 5xx. docs/operations.md says
 * what each alarm means and what to do.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
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
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic, type ITopic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { MujibFunction } from './mujib-function.ts';

export const METRIC_NAMESPACE = 'Mujib';
/** Iterator age (ms) of the analytics stream consumer that raises an alarm: 5 minutes behind. */
export const STATS_MAX_LAG_MS = 300_000;

/** Error-level events of one service in 5 minutes that raise the handled-errors alarm. */
export const HANDLED_ERRORS_THRESHOLD = 5;
/** p99 handler latency (ms) of an answering service, 3 periods of 5 minutes in a row. */
export const LATENCY_P99_THRESHOLD_MS = 3000;
export const LATENCY_PERIODS = 3;
/** Share of turns escalated (%) over 15 minutes that counts as a spike … */
export const ESCALATION_RATE_THRESHOLD_PERCENT = 40;
/** … when there were at least this many turns in those 15 minutes. */
export const ESCALATION_MIN_TURNS = 30;
/** DynamoDB throttle events (reads + writes) on one table in 5 minutes. */
export const TABLE_THROTTLE_THRESHOLD = 10;

/** EMF metric names beyond the decisions (functions/app/lambda/telemetry.ts and handlers). */
export const EMF_METRICS = {
  errors: 'Errors',
  latency: 'Latency',
  decidedTurns: 'DecidedTurns',
  oldestWaitingTicket: 'OldestWaitingTicketAge',
  indexRejected: 'IndexRejected',
  indexPublished: 'IndexPublished',
} as const;

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
  /** Retain the alarm topic's key in prod; dev removes it on destroy. */
  prod: boolean;
  /** `service` names whose error-level events are alarmed (customer-facing functions). */
  handledErrorServices: string[];
  /** `service` of the function that emits OldestWaitingTicketAge, and the alarm's age (minutes). */
  ticketBacklog?: { service: string; maxAgeMinutes: number };
  /** `service` of the indexer (IndexRejected / IndexPublished). */
  indexerService: string;
  /** DynamoDB tables by a short name: throttles alarmed per table. */
  tables: Record<string, ITable>;
  /** End User Messaging inbound SMS: the topic (failed deliveries) and its two failure queues. */
  smsInbound?: { topic: ITopic; deliveryDeadLetterQueue: IQueue; failedInvocations: IQueue };
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
      // Dev: `cdk destroy` schedules the key's deletion (after the shortest waiting period).
      removalPolicy: props.prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(props.prod ? 30 : 7),
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
    const depth = (queue: IQueue) =>
      new Metric({
        namespace: 'AWS/SQS',
        metricName: 'ApproximateNumberOfMessagesVisible',
        dimensionsMap: { QueueName: queue.queueName },
        period: fiveMinutes,
        statistic: 'Maximum',
      });
    const dlqDepth = depth(props.deadLetterQueue);
    this.alarm('IndexerDlqDepth', dlqDepth, 1, 'indexer events failed after retries (see the DLQ)');
    if (props.turnDeadLetterQueue) {
      this.alarm(
        'TurnQueueDlqDepth',
        depth(props.turnDeadLetterQueue),
        1,
        'turn queue messages the flush could not read (see the DLQ)',
      );
    }
    if (props.smsInbound) {
      const { topic, deliveryDeadLetterQueue, failedInvocations } = props.smsInbound;
      this.alarm(
        'SmsInboundDeliveryFailures',
        topic.metricNumberOfNotificationsFailed({ period: fiveMinutes, statistic: 'Sum' }),
        1,
        'SNS could not deliver inbound SMS to the sms-eum function (customers got no answer)',
      );
      this.alarm(
        'SmsInboundDeliveryDlqDepth',
        depth(deliveryDeadLetterQueue),
        1,
        'inbound SMS SNS gave up delivering (see the delivery DLQ; replay them)',
      );
      this.alarm(
        'SmsInboundFailedDepth',
        depth(failedInvocations),
        1,
        'inbound SMS the sms-eum function failed on after retries (see the failure queue)',
      );
    }
    if (props.statsAggregator) {
      const { fn, deadLetterQueue } = props.statsAggregator;
      this.alarm(
        'StatsStreamDlqDepth',
        depth(deadLetterQueue),
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

    // --- What customers feel, from the EMF metrics ------------------------------------------
    const emf = (metricName: string, service: string, statistic: string, period = fiveMinutes) =>
      new Metric({
        namespace: METRIC_NAMESPACE,
        metricName,
        dimensionsMap: { service },
        period,
        statistic,
      });
    for (const service of props.handledErrorServices) {
      this.alarm(
        `HandledErrors-${service}`,
        emf(EMF_METRICS.errors, service, 'Sum'),
        HANDLED_ERRORS_THRESHOLD,
        `${service}: error-level events (failures answered as 5xx or an apology count here, not in Lambda Errors)`,
      );
    }
    const latencyP99 = props.decisionServices.map((service) =>
      emf(EMF_METRICS.latency, service, 'p99'),
    );
    props.decisionServices.forEach((service, i) => {
      this.alarm(
        `LatencyP99-${service}`,
        latencyP99[i]!,
        LATENCY_P99_THRESHOLD_MS,
        `${service}: p99 handler latency over ${LATENCY_P99_THRESHOLD_MS} ms for ${LATENCY_PERIODS * 5} minutes`,
        { periods: LATENCY_PERIODS },
      );
    });
    if (props.ticketBacklog) {
      const { service, maxAgeMinutes } = props.ticketBacklog;
      this.alarm(
        'TicketBacklogAge',
        emf(EMF_METRICS.oldestWaitingTicket, service, 'Maximum'),
        maxAgeMinutes * 60,
        `a ticket has waited for staff more than ${maxAgeMinutes} minutes`,
      );
    }
    this.alarm(
      'IndexRejected',
      emf(EMF_METRICS.indexRejected, props.indexerService, 'Sum'),
      1,
      'an article upload was rejected (lint errors): the bot still answers from the last good index',
    );
    for (const [name, table] of Object.entries(props.tables)) {
      this.alarm(
        `${name}TableThrottles`,
        tableThrottles(name, table, fiveMinutes),
        TABLE_THROTTLE_THRESHOLD,
        `DynamoDB throttled requests on the ${name} table`,
      );
    }

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

    // A spike: over 15 minutes, enough turns and too large a share of them escalated. The
    // volume guard keeps a quiet night's two escalations out of 3 turns from paging anyone.
    // DecidedTurns = Answers + Clarifications + Escalations (an alarm's expression may use at
    // most 10 metrics: 2 per service instead of 3).
    const fifteenMinutes = Duration.minutes(15);
    const quarter = (metricName: string, prefix: string) =>
      Object.fromEntries(
        Object.entries(perService(metricName, prefix)).map(([id, m]) => [
          id,
          m.with({ period: fifteenMinutes }),
        ]),
      );
    const [turns, escalated] = [sumOf('t'), sumOf('e')];
    this.alarm(
      'EscalationRateSpike',
      new MathExpression({
        expression: `IF(${turns} >= ${ESCALATION_MIN_TURNS}, 100 * ${escalated} / ${turns}, 0)`,
        usingMetrics: {
          ...quarter(EMF_METRICS.decidedTurns, 't'),
          ...quarter(OUTCOME_METRICS.escalate, 'e'),
        },
        label: '% of turns escalated (15 min, volume-guarded)',
        period: fifteenMinutes,
      }),
      ESCALATION_RATE_THRESHOLD_PERCENT,
      `more than ${ESCALATION_RATE_THRESHOLD_PERCENT}% of turns escalated in 15 minutes (at least ${ESCALATION_MIN_TURNS} turns)`,
    );

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
        [
          new GraphWidget({
            title: 'Handler latency p99 (ms)',
            left: latencyP99.map((m, i) => m.with({ label: props.decisionServices[i] })),
            width: 8,
          }),
          new GraphWidget({
            title: 'Oldest waiting ticket (s) · index publishes / rejections',
            left: props.ticketBacklog
              ? [
                  emf(EMF_METRICS.oldestWaitingTicket, props.ticketBacklog.service, 'Maximum').with(
                    { label: 'oldest waiting ticket (s)' },
                  ),
                ]
              : [],
            right: [
              emf(EMF_METRICS.indexPublished, props.indexerService, 'Sum').with({
                label: 'index published',
              }),
              emf(EMF_METRICS.indexRejected, props.indexerService, 'Sum').with({
                label: 'index rejected',
              }),
            ],
            width: 8,
          }),
          new GraphWidget({
            title: 'DynamoDB throttle events',
            left: Object.entries(props.tables).map(([name, table]) =>
              tableThrottles(name, table, fiveMinutes).with({ label: name }),
            ),
            width: 8,
          }),
        ],
      ],
    });
  }

  private alarm(
    id: string,
    metric: IMetric,
    threshold: number,
    description: string,
    options: { periods?: number } = {},
  ): void {
    const alarm = new Alarm(this, id, {
      metric,
      threshold,
      evaluationPeriods: options.periods ?? 1,
      datapointsToAlarm: options.periods ?? 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: `Mujib: ${description}`,
    });
    alarm.addAlarmAction(new SnsAction(this.alarmTopic));
    this.alarms.push(alarm);
  }
}

/** Read + write throttle events of one table (the table itself; on-demand tables too). */
function tableThrottles(name: string, table: ITable, period: Duration): MathExpression {
  // Metric ids are per expression but must not clash between expressions on one graph.
  const id = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  const events = (metricName: string) =>
    new Metric({
      namespace: 'AWS/DynamoDB',
      metricName,
      dimensionsMap: { TableName: table.tableName },
      period,
      statistic: 'Sum',
    });
  return new MathExpression({
    expression: `FILL(r${id}, 0) + FILL(w${id}, 0)`,
    usingMetrics: {
      [`r${id}`]: events('ReadThrottleEvents'),
      [`w${id}`]: events('WriteThrottleEvents'),
    },
    label: 'throttle events',
    period,
  });
}
