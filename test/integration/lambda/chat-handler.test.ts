/**
 * The web chat Lambda (functions/handlers/chat-api.ts) driven as API Gateway drives it: HTTP API
 * v2 events and a Lambda context, the function built during INIT from the environment — aws
 * mode, tables on dynalite through the real AWS SDK, the PII secret read from SSM (a stand-in on
 * 127.0.0.1, through Powertools Parameters) — and its logs and EMF metrics read from stdout.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoSessionLog } from '#adapters/dynamodb/dynamo-session-log.ts';
import { MAX_BODY_BYTES } from '#adapters/http/api-gateway.ts';
import { startTestDynamo, type TestDynamo } from '../../helpers/dynalite.ts';
import {
  captureLogs,
  emfMetrics,
  httpApiEvent,
  lambdaContext,
  setLambdaEnv,
  startAwsJsonStandIn,
  type AwsJsonStandIn,
} from '../../helpers/lambda-env.ts';

type Handler = (
  event: APIGatewayProxyEventV2,
  context: ReturnType<typeof lambdaContext>,
) => Promise<APIGatewayProxyStructuredResultV2>;

const PII_PARAM = '/mujib/test/pii-secret';

let dir: string;
let dynamo: TestDynamo;
let ssm: AwsJsonStandIn;
let log: DynamoSessionLog;
let handler: Handler;
let initCalls: number;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mujib-chat-lambda-'));
  dynamo = await startTestDynamo();
  const tables = await dynamo.freshTables();
  log = new DynamoSessionLog({ client: dynamo.client, tableName: tables.turns });
  ssm = await startAwsJsonStandIn({
    'AmazonSSM.GetParameter': (body) => ({
      Parameter: {
        Name: body.Name,
        Type: 'SecureString',
        Value: 'pii-secret-from-ssm',
        Version: 1,
      },
    }),
  });
  await setLambdaEnv({
    dir,
    dynamoEndpoint: dynamo.server.endpoint,
    tables,
    extra: {
      MUJIB_PII_SECRET_PARAM: PII_PARAM,
      AWS_ENDPOINT_URL_SSM: ssm.endpoint,
      MUJIB_LOG_LEVEL: 'info',
    },
  });
  delete process.env.MUJIB_PII_SECRET;
  ({ handler } = (await import('../../../functions/handlers/chat-api.ts')) as unknown as {
    handler: Handler;
  });
  initCalls = ssm.calls.length;
});

afterAll(async () => {
  await ssm?.close();
  await dynamo?.close();
  await rm(dir, { recursive: true, force: true });
});

async function invoke(event: APIGatewayProxyEventV2, requestId = 'lambda-req') {
  const logs = captureLogs();
  try {
    const result = await handler(event, lambdaContext(requestId));
    return { result, lines: logs.lines };
  } finally {
    logs.stop();
  }
}

const ask = (body: unknown, extra: Partial<Parameters<typeof httpApiEvent>[0]> = {}) =>
  httpApiEvent({
    method: 'POST',
    path: '/api/chat',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    ...extra,
  });

describe('the chat Lambda handler', () => {
  it('reads its secret from SSM during INIT, once, decrypted', () => {
    expect(initCalls).toBe(1);
    expect(ssm.calls[0]).toEqual({
      target: 'AmazonSSM.GetParameter',
      body: { Name: PII_PARAM, WithDecryption: true },
    });
  });

  it('answers a question from an API Gateway v2 event and logs the turn in DynamoDB', async () => {
    const { result, lines } = await invoke(
      ask({ sessionId: 'web-lambda-1', messageId: 'm-1', text: 'How do I track my order?' }),
    );

    expect(result.statusCode).toBe(200);
    expect(result.headers?.['content-type']).toMatch(/^application\/json/);
    const body = JSON.parse(result.body!);
    expect(body).toMatchObject({ sessionId: 'web-lambda-1', messageId: 'm-1', logged: true });
    expect(body.reply.kind).toBe('answer');
    expect(await log.getTurn('web-lambda-1', 'm-1')).toMatchObject({
      channel: 'web',
      outcome: 'answer',
    });
    // One JSON log line per event, with the Lambda context Powertools adds.
    expect(lines.find((l) => l.event === 'turn')).toMatchObject({
      level: 'INFO',
      service: 'chat',
      function_request_id: 'lambda-req',
      outcome: 'answer',
      sessionId: 'web-lambda-1',
    });
    // Operational metrics as EMF: the decision and the latency, no store writes.
    const metrics = emfMetrics(lines);
    expect(metrics.Answers).toEqual([1]);
    expect(metrics.Latency).toHaveLength(1);
    expect(metrics.Errors).toBeUndefined();
    expect(lines.find((l) => l._aws)?._aws.CloudWatchMetrics[0]).toMatchObject({
      Namespace: 'Mujib',
      Dimensions: [['service']],
    });
  });

  it('reads a base64-encoded body', async () => {
    const { result } = await invoke(
      ask({ sessionId: 'web-lambda-2', text: 'How do I reset my password?' }, { base64: true }),
    );

    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body!).sessionId).toBe('web-lambda-2');
  });

  it('refuses an oversized body with 413 before reading it', async () => {
    const { result } = await invoke(
      ask({ text: 'x'.repeat(MAX_BODY_BYTES + 10) }, { requestId: 'big-1' }),
    );

    expect(result.statusCode).toBe(413);
    expect(JSON.parse(result.body!)).toEqual({
      error: `body is larger than ${MAX_BODY_BYTES} bytes`,
      requestId: 'big-1',
    });
  });

  it('answers bad input with 4xx from the router, and counts no error', async () => {
    const malformed = await invoke(
      httpApiEvent({
        method: 'POST',
        path: '/api/chat',
        headers: { 'content-type': 'application/json' },
        body: '{"text":',
      }),
    );
    const elsewhere = await invoke(httpApiEvent({ method: 'GET', path: '/api/staff/tickets' }));

    expect(malformed.result.statusCode).toBe(400);
    expect(JSON.parse(malformed.result.body!).error).toMatch(/not valid JSON/);
    // The staff routes are not in this function at all.
    expect(elsewhere.result.statusCode).toBe(404);
    expect(emfMetrics([...malformed.lines, ...elsewhere.lines]).Errors).toBeUndefined();
  });

  it('records feedback on an answered turn and reports health', async () => {
    const feedback = await invoke(
      httpApiEvent({
        method: 'POST',
        path: '/api/chat/feedback',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ sessionId: 'web-lambda-1', messageId: 'm-1', value: 'up' }),
      }),
    );
    const health = await invoke(httpApiEvent({ method: 'GET', path: '/healthz' }));

    expect(feedback.result.statusCode).toBe(200);
    expect((await log.getTurn('web-lambda-1', 'm-1'))?.feedback).toBe('up');
    expect(health.result.statusCode).toBe(200);
    expect(JSON.parse(health.result.body!)).toMatchObject({ ok: true, mode: 'aws' });
  });
});
