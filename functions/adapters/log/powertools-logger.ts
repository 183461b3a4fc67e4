/**
 * The core's Logger port in Lambda, backed by Powertools for AWS Lambda's Logger: one JSON line
 * per event with the Lambda context (request id, cold start, function name) that its middy
 * middleware `injectLambdaContext` adds. The event name is both Powertools' `message` and our
 * `event` field, so the CloudWatch metric filters and queries that read `$.event` keep working.
 *
 * `observe` sees every event after it is logged (the Lambda composition counts decisions and
 * errors from it as CloudWatch metrics, see functions/app/lambda/telemetry.ts).
 *
 * @example
 *   const logger = new PowertoolsLogger(new Logger({ serviceName: 'chat', logLevel: 'INFO' }));
 *   logger.info('turn', { outcome: 'answer' });
 */
import type { Logger as PowertoolsBaseLogger } from '@aws-lambda-powertools/logger';
import type { Logger } from '#core/ports.ts';

export type LogLevelName = 'info' | 'warn' | 'error';
export type LogObserver = (
  level: LogLevelName,
  event: string,
  fields: Record<string, unknown>,
) => void;

/** Keys Powertools owns in every line: our fields must not overwrite them. */
const RESERVED = new Set([
  'level',
  'message',
  'timestamp',
  'service',
  'sampling_rate',
  'xray_trace_id',
]);

export class PowertoolsLogger implements Logger {
  constructor(
    /** The Powertools logger (exposed for its middy middleware). */
    readonly powertools: PowertoolsBaseLogger,
    private readonly observe?: LogObserver,
  ) {}

  info(event: string, fields: Record<string, unknown> = {}): void {
    this.powertools.info(event, extra(event, fields));
    this.observe?.('info', event, fields);
  }

  warn(event: string, fields: Record<string, unknown> = {}): void {
    this.powertools.warn(event, extra(event, fields));
    this.observe?.('warn', event, fields);
  }

  error(event: string, fields: Record<string, unknown> = {}): void {
    this.powertools.error(event, extra(event, fields));
    this.observe?.('error', event, fields);
  }
}

/** `{ event, ...fields }`, with a field that collides with a Powertools key renamed (`field_`). */
function extra(event: string, fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { event };
  for (const [key, value] of Object.entries(fields)) {
    out[RESERVED.has(key) ? `${key}_` : key] = value;
  }
  return out;
}
