/**
 * Test helper for driving the real Lambda handlers (functions/handlers/*) in this process: the
 * environment a deployed function gets (aws mode, tables on a dynalite, the index artifact in a
 * file), a Lambda context, the events AWS sends (API Gateway HTTP API v2, SNS, S3), the JSON
 * log lines the function writes, and a stand-in for AWS JSON-protocol services (SSM, End User
 * Messaging) on 127.0.0.1 that the real AWS SDK reaches through AWS_ENDPOINT_URL_<SERVICE>.
 * Set the environment before importing a handler: its module builds the function during INIT
 * (top-level await), once per process, as in a cold start.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Context } from 'aws-lambda';
import { vi } from 'vitest';
import { artifactFor } from './knowledge.ts';
import type { TableNames } from '#adapters/dynamodb/table-design.ts';

export async function setLambdaEnv(options: {
  dir: string;
  dynamoEndpoint: string;
  tables: TableNames;
  extra?: Record<string, string>;
}): Promise<void> {
  const indexPath = path.join(options.dir, 'knowledge-index.json');
  await writeFile(indexPath, JSON.stringify(await artifactFor()));
  Object.assign(process.env, {
    ...AWS_RUNTIME_ENV,
    MUJIB_MODE: 'aws',
    MUJIB_LOG_LEVEL: 'error',
    MUJIB_PII_SECRET: 'lambda-test-pii-secret',
    MUJIB_DYNAMO_ENDPOINT: options.dynamoEndpoint,
    MUJIB_TURNS_TABLE: options.tables.turns,
    MUJIB_TICKETS_TABLE: options.tables.tickets,
    MUJIB_GAPS_TABLE: options.tables.gaps,
    MUJIB_STATS_TABLE: options.tables.stats,
    MUJIB_INDEX_PATH: indexPath,
    ...options.extra,
  });
}

/** What the Lambda runtime sets (region, credentials); requests only ever go to 127.0.0.1. */
export const AWS_RUNTIME_ENV = {
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
  AWS_LAMBDA_FUNCTION_NAME: 'test',
};

/** The context Lambda passes (the fields handlers and middy read). */
export function lambdaContext(awsRequestId: string): Context {
  return {
    awsRequestId,
    functionName: 'test',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:test',
    memoryLimitInMB: '512',
    logGroupName: '/aws/lambda/test',
    logStreamName: 'test',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => 10_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** The JSON lines a function writes (stdout and stderr: Powertools writes warnings to stderr). */
export function captureLogs(): { lines: Record<string, any>[]; stop(): void } {
  const lines: Record<string, any>[] = [];
  const take = (chunk: unknown): boolean => {
    for (const line of String(chunk).split('\n')) {
      if (!line.trim().startsWith('{')) continue;
      try {
        lines.push(JSON.parse(line) as Record<string, any>);
      } catch {
        // not a JSON line
      }
    }
    return true;
  };
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(take);
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(take);
  return {
    lines,
    stop() {
      out.mockRestore();
      err.mockRestore();
    },
  };
}

/** EMF metric values of the captured lines: metric name → every value emitted. */
export function emfMetrics(lines: Record<string, any>[]): Record<string, number[]> {
  const values: Record<string, number[]> = {};
  for (const line of lines) {
    const definitions = line._aws?.CloudWatchMetrics ?? [];
    for (const definition of definitions) {
      for (const { Name } of definition.Metrics as { Name: string }[]) {
        const value = line[Name] as number | number[];
        (values[Name] ??= []).push(...(Array.isArray(value) ? value : [value]));
      }
    }
  }
  return values;
}

export { httpApiEvent, s3Event, snsEvent, type HttpApiEventOptions } from './lambda-events.ts';
export {
  awsError,
  startAwsJsonStandIn,
  type AwsJsonCall,
  type AwsJsonStandIn,
} from './aws-json-stand-in.ts';
