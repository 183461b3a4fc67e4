/**
 * Logs and operational metrics of one Lambda function, with Powertools for AWS Lambda:
 * - Logger: the core's Logger port as JSON lines with the Lambda context (request id, cold
 *   start), through Powertools' `injectLambdaContext` middy middleware.
 * - Metrics: CloudWatch Embedded Metric Format lines (no API calls, no store writes), flushed at
 *   the end of each invocation by Powertools' `logMetrics` middleware:
 *     Latency (ms, per invocation) · Errors (error-level events and failed invocations) ·
 *     Answers / Clarifications / Escalations (decisions, from the core's `turn` event) and
 *     DecidedTurns (their sum) ·
 *     ColdStart · and what a handler records with `record` (the indexer's IndexRejected /
 *     IndexPublished, flush-turns' OldestWaitingTicketAge and TicketsWaiting).
 *   Dimension: `service` = the function (chat, staff, sms-twilio, …), namespace `Mujib`.
 */
import { Logger as PowertoolsBaseLogger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { MiddlewareObj } from '@middy/core';
import type { Logger } from '#core/ports.ts';
import { PowertoolsLogger, type LogObserver } from '#adapters/log/powertools-logger.ts';

/** CloudWatch namespace of Mujib's metrics (the stack's dashboard reads the same one). */
export const METRIC_NAMESPACE = 'Mujib';

/** Turn outcome (the core's `turn` event) → metric name. */
export const DECISION_METRICS: Readonly<Record<string, string>> = {
  answer: 'Answers',
  clarify: 'Clarifications',
  escalate: 'Escalations',
};

/** Answers + Clarifications + Escalations, counted once per decided turn. */
export const DECIDED_TURNS_METRIC = 'DecidedTurns';

export type LogLevelSetting = 'debug' | 'info' | 'warn' | 'error';

export interface Telemetry {
  /** The core's Logger port. */
  logger: Logger;
  powertoolsLogger: PowertoolsBaseLogger;
  metrics: Metrics;
  /** Powertools' and our middy middlewares, in order: context, metrics flush, latency. */
  middlewares(): MiddlewareObj[];
  /** Adds one value of an operational metric (flushed with the invocation's EMF line). */
  record(name: string, unit: 'Count' | 'Seconds', value: number): void;
}

export function createTelemetry(service: string, logLevel: LogLevelSetting = 'info'): Telemetry {
  const powertoolsLogger = new PowertoolsBaseLogger({
    serviceName: service,
    logLevel: logLevel.toUpperCase() as 'INFO',
  });
  const metrics = new Metrics({ namespace: METRIC_NAMESPACE, serviceName: service });
  const observe: LogObserver = (level, event, fields) => {
    if (level === 'error') metrics.addMetric('Errors', MetricUnit.Count, 1);
    if (event === 'turn') {
      const name = DECISION_METRICS[String(fields.outcome)];
      if (name) {
        metrics.addMetric(name, MetricUnit.Count, 1);
        // Their sum, so an alarm's rate needs 2 metrics per service, not 4 (an alarm's math
        // expression may use at most 10).
        metrics.addMetric(DECIDED_TURNS_METRIC, MetricUnit.Count, 1);
      }
    }
  };
  const logger = new PowertoolsLogger(powertoolsLogger, observe);
  return {
    logger,
    powertoolsLogger,
    metrics,
    record: (name, unit, value) => {
      metrics.addMetric(name, unit === 'Seconds' ? MetricUnit.Seconds : MetricUnit.Count, value);
    },
    middlewares: () => [
      injectLambdaContext(powertoolsLogger, { resetKeys: true }) as MiddlewareObj,
      logMetrics(metrics, { captureColdStartMetric: true }) as MiddlewareObj,
      latency(metrics, logger),
    ],
  };
}

/** Latency of each invocation; an invocation that throws counts as an error (and is logged). */
function latency(metrics: Metrics, logger: Logger): MiddlewareObj {
  let started = 0;
  // Middlewares return nothing: middy would take a returned value as the response.
  const record = (): void => {
    metrics.addMetric('Latency', MetricUnit.Milliseconds, performance.now() - started);
  };
  return {
    before: () => {
      started = performance.now();
    },
    after: () => {
      record();
    },
    onError: (request) => {
      record();
      const error = request.error;
      logger.error('invocation_failed', {
        error: error ? `${error.name}: ${error.message}` : 'unknown',
      });
    },
  };
}
