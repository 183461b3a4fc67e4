/**
 * The Twilio SMS Lambda (functions/handlers/sms-twilio.ts) as API Gateway delivers Twilio's
 * webhook: a form-encoded body, base64-encoded in the v2 event, signed by Twilio (the signature
 * computed here with the twilio library itself) with the auth token the function reads from SSM
 * during INIT. A signed message is answered in TwiML and logged once; a forged one is refused.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoSessionLog } from '#adapters/dynamodb/dynamo-session-log.ts';
import { startTestDynamo, type TestDynamo } from '../../helpers/dynalite.ts';
import {
  captureLogs,
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

const TOKEN = 'twilio-token-from-ssm';
const WEBHOOK_URL = 'https://abc123.execute-api.us-east-1.amazonaws.com/sms/twilio';
const PARAMS: Record<string, string> = {
  '/mujib/test/twilio-token': TOKEN,
  '/mujib/test/pii-secret': 'pii-secret-from-ssm',
};

let dir: string;
let dynamo: TestDynamo;
let ssm: AwsJsonStandIn;
let handler: Handler;
let turns: DynamoSessionLog;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mujib-twilio-lambda-'));
  dynamo = await startTestDynamo();
  const tables = await dynamo.freshTables();
  turns = new DynamoSessionLog({ client: dynamo.client, tableName: tables.turns });
  ssm = await startAwsJsonStandIn({
    'AmazonSSM.GetParameter': (body) => ({
      Parameter: { Name: body.Name, Type: 'SecureString', Value: PARAMS[body.Name], Version: 1 },
    }),
  });
  await setLambdaEnv({
    dir,
    dynamoEndpoint: dynamo.server.endpoint,
    tables,
    extra: {
      MUJIB_TWILIO_AUTH_TOKEN_PARAM: '/mujib/test/twilio-token',
      MUJIB_PII_SECRET_PARAM: '/mujib/test/pii-secret',
      MUJIB_TWILIO_WEBHOOK_URL: WEBHOOK_URL,
      AWS_ENDPOINT_URL_SSM: ssm.endpoint,
      MUJIB_LOG_LEVEL: 'info',
    },
  });
  delete process.env.MUJIB_PII_SECRET;
  ({ handler } = (await import('../../../functions/handlers/sms-twilio.ts')) as unknown as {
    handler: Handler;
  });
});

afterAll(async () => {
  await ssm?.close();
  await dynamo?.close();
  await rm(dir, { recursive: true, force: true });
});

function twilioForm(text: string, sid: string): Record<string, string> {
  return {
    ToCountry: 'US',
    SmsMessageSid: sid,
    NumMedia: '0',
    From: '+966501234567',
    To: '+15005550006',
    Body: text,
    MessageSid: sid,
    AccountSid: 'AC' + '0'.repeat(32),
    NumSegments: '1',
    ApiVersion: '2010-04-01',
  };
}

async function post(params: Record<string, string>, signature: string) {
  const logs = captureLogs();
  try {
    const result = await handler(
      httpApiEvent({
        method: 'POST',
        path: '/sms/twilio',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature': signature,
          'i-twilio-idempotency-token': 'f0f0f0f0-0000-4000-8000-000000000000',
        },
        body: new URLSearchParams(params).toString(),
        base64: true,
      }),
      lambdaContext('twilio-req'),
    );
    return { ...result, lines: logs.lines };
  } finally {
    logs.stop();
  }
}

describe('the Twilio SMS Lambda handler', () => {
  it('answers a Twilio-signed SMS in TwiML and logs the turn under a hashed number', async () => {
    const params = twilioForm('How do I reset my password?', 'SM' + '1'.repeat(32));

    const result = await post(params, getExpectedTwilioSignature(TOKEN, WEBHOOK_URL, params));

    expect(result.statusCode).toBe(200);
    expect(result.headers?.['content-type']).toMatch(/^text\/xml/);
    expect(result.body).toMatch(/^<\?xml[^>]*\?>\s*<Response><Message>.*password/is);
    expect(ssm.calls.map((c) => c.body.Name).sort()).toEqual(Object.keys(PARAMS).sort());
    const turn = result.lines.find((l) => l.event === 'turn');
    expect(turn).toMatchObject({ channel: 'sms', messageId: 'SM' + '1'.repeat(32) });
    expect(JSON.stringify(result.lines)).not.toContain('966501234567');
    const stored = await turns.getTurn(turn!.sessionId, turn!.messageId);
    expect(stored?.text).toBe('How do I reset my password?');
  });

  it('refuses a forged signature with 403 and answers nothing', async () => {
    const params = twilioForm('How do I reset my password?', 'SM' + '2'.repeat(32));

    const result = await post(
      params,
      getExpectedTwilioSignature('not-the-token', WEBHOOK_URL, params),
    );

    expect(result.statusCode).toBe(403);
    expect(result.body).not.toMatch(/<Message>/);
  });
});
