/**
 * Test helper for driving the real Lambda handlers (functions/handlers/*) in this process: the
 * environment a deployed function gets (aws mode, tables on a dynalite, the index artifact in a
 * file), and a Lambda context. Set the environment before the handler's first invocation: the
 * app is built once per process from it, as in a cold start.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Context } from 'aws-lambda';
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
