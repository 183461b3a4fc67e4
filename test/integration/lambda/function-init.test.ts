/**
 * INIT of the Lambda functions: the origin-verify authorizer reads its secret from SSM during
 * INIT (Powertools Parameters, cached: no SSM call per request) and lets through only requests
 * carrying it; a function whose INIT fails — a missing variable, a secret SSM does not have —
 * fails its cold start with one clear `init_failed` line and a FunctionInitError naming the
 * cause, instead of failing every request in a half-built app.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { APIGatewayRequestAuthorizerEventV2 } from 'aws-lambda';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FunctionInitError } from '#app/lambda/start-function.ts';
import { ORIGIN_VERIFY_HEADER } from '#app/security-headers.ts';
import { startTestDynamo, type TestDynamo } from '../../helpers/dynalite.ts';
import {
  awsError,
  captureLogs,
  setLambdaEnv,
  startAwsJsonStandIn,
  type AwsJsonStandIn,
} from '../../helpers/lambda-env.ts';

const ORIGIN_PARAM = '/aws/reference/secretsmanager/mujib/test/origin-verify';
const SECRETS: Record<string, string> = { [ORIGIN_PARAM]: 'cloudfront-origin-secret' };

let dir: string;
let dynamo: TestDynamo;
let ssm: AwsJsonStandIn;
const saved = { ...process.env };

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mujib-init-lambda-'));
  dynamo = await startTestDynamo();
  ssm = await startAwsJsonStandIn({
    'AmazonSSM.GetParameter': (body) => {
      const value = SECRETS[body.Name];
      if (value === undefined) throw awsError('ParameterNotFound', `${body.Name} not found`);
      return { Parameter: { Name: body.Name, Type: 'SecureString', Value: value, Version: 1 } };
    },
  });
});

beforeEach(async () => {
  process.env = { ...saved };
  await setLambdaEnv({
    dir,
    dynamoEndpoint: dynamo.server.endpoint,
    tables: await dynamo.freshTables(),
    extra: { AWS_ENDPOINT_URL_SSM: ssm.endpoint },
  });
  vi.resetModules(); // each import below is a fresh cold start
});

afterAll(async () => {
  process.env = saved;
  await ssm?.close();
  await dynamo?.close();
  await rm(dir, { recursive: true, force: true });
});

/** Imports a handler module as Lambda's INIT does; the error it fails with, if any. */
async function coldStart(
  module: string,
): Promise<{ handler?: any; error?: unknown; lines: any[] }> {
  const logs = captureLogs();
  try {
    const loaded = (await import(`../../../functions/handlers/${module}.ts`)) as { handler: any };
    return { handler: loaded.handler, lines: logs.lines };
  } catch (error) {
    return { error, lines: logs.lines };
  } finally {
    logs.stop();
  }
}

function authorizerEvent(header?: string): APIGatewayRequestAuthorizerEventV2 {
  return {
    version: '2.0',
    type: 'REQUEST',
    routeArn: 'arn:aws:execute-api:us-east-1:123456789012:abc123/$default/POST/api/chat',
    identitySource: header ? [header] : [],
    routeKey: 'POST /api/chat',
    rawPath: '/api/chat',
    rawQueryString: '',
    headers: header ? { [ORIGIN_VERIFY_HEADER]: header } : {},
    requestContext: { requestId: 'auth-1' },
  } as unknown as APIGatewayRequestAuthorizerEventV2;
}

describe('the origin-verify authorizer', () => {
  it('reads the secret once during INIT and authorizes only requests that carry it', async () => {
    process.env.MUJIB_ORIGIN_VERIFY_PARAM = ORIGIN_PARAM;
    const before = ssm.calls.length;

    const { handler, error } = await coldStart('origin-verify');
    const afterInit = ssm.calls.length;
    const results = [
      await handler(authorizerEvent('cloudfront-origin-secret')),
      await handler(authorizerEvent('cloudfront-origin-secreT')),
      await handler(authorizerEvent('')),
      await handler(authorizerEvent()),
    ];

    expect(error).toBeUndefined();
    expect(afterInit - before).toBe(1);
    expect(ssm.calls.at(-1)!.body).toEqual({ Name: ORIGIN_PARAM, WithDecryption: true });
    expect(results.map((r) => r.isAuthorized)).toEqual([true, false, false, false]);
    expect(ssm.calls.length).toBe(afterInit); // cached: no SSM call per request
  });

  it('fails INIT, naming the parameter, when SSM does not have the secret', async () => {
    process.env.MUJIB_ORIGIN_VERIFY_PARAM = '/aws/reference/secretsmanager/mujib/test/missing';

    const { error, lines } = await coldStart('origin-verify');

    // (a fresh module graph per cold start: compared by name, not class identity)
    expect(error).toMatchObject({ name: 'FunctionInitError' });
    expect((error as Error).message).toMatch(
      /^the origin-verify function could not start: SecretUnavailableError: SSM parameter \/aws\/reference\/secretsmanager\/mujib\/test\/missing could not be read/,
    );
    expect(lines).toContainEqual(
      expect.objectContaining({ level: 'ERROR', event: 'init_failed', service: 'origin-verify' }),
    );
  });
});

describe('a failed INIT', () => {
  it('names the missing variable (chat function without a PII secret)', async () => {
    delete process.env.MUJIB_PII_SECRET;

    const { error, lines } = await coldStart('chat-api');

    // (a fresh module graph per cold start: compared by name, not class identity)
    expect(error).toMatchObject({ name: 'FunctionInitError' });
    expect((error as Error).message).toMatch(
      /chat function could not start: ConfigError: MUJIB_PII_SECRET_PARAM/,
    );
    expect((error as FunctionInitError).cause).toMatchObject({ name: 'ConfigError' });
    expect(lines.filter((l) => l.event === 'init_failed')).toHaveLength(1);
  });

  it('names the secret SSM could not provide (staff function)', async () => {
    delete process.env.MUJIB_PII_SECRET;
    process.env.MUJIB_PII_SECRET_PARAM = '/mujib/test/no-such-secret';

    const { error } = await coldStart('staff-api');

    // (a fresh module graph per cold start: compared by name, not class identity)
    expect(error).toMatchObject({ name: 'FunctionInitError' });
    expect((error as Error).message).toMatch(
      /staff function could not start: .*\/mujib\/test\/no-such-secret/,
    );
  });

  it('refuses an invalid setting before touching anything (flush function without its queue)', async () => {
    const { error } = await coldStart('flush-turns');

    expect((error as Error).message).toMatch(
      /flush-turns function could not start: .*MUJIB_TURN_QUEUE_URL/,
    );
  });
});
