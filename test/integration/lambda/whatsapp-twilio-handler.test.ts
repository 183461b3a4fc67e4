/**
 * WhatsApp on the Lambdas as deployed: the Twilio webhook function (functions/handlers/sms-twilio.ts)
 * answers POST /whatsapp/twilio, signed with the auth token it reads from SSM (the twilio library
 * computes the signatures), and the staff function sends the staff reply through Twilio's Messages
 * API — here a stand-in on 127.0.0.1 — with the same token.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDynamo, type TestDynamo } from '../../helpers/dynalite.ts';
import {
  captureLogs,
  httpApiEvent,
  lambdaContext,
  setLambdaEnv,
  startAwsJsonStandIn,
  type AwsJsonStandIn,
  type HttpApiEventOptions,
} from '../../helpers/lambda-env.ts';

type Handler = (
  event: APIGatewayProxyEventV2,
  context: ReturnType<typeof lambdaContext>,
) => Promise<APIGatewayProxyStructuredResultV2>;

const TOKEN = 'twilio-token-from-ssm';
const ACCOUNT = 'AC' + '2'.repeat(32);
const WEBHOOK_URL = 'https://abc123.execute-api.us-east-1.amazonaws.com/whatsapp/twilio';
const PARAMS: Record<string, string> = {
  '/mujib/test/twilio-token': TOKEN,
  '/mujib/test/pii-secret': 'pii-secret-from-ssm',
};
const HUDA = {
  sub: '5f1c2a7e-0000-4000-8000-000000000001',
  email: 'huda@nakheel.example',
  'cognito:groups': '[staff]',
  token_use: 'id',
};

let dir: string;
let dynamo: TestDynamo;
let ssm: AwsJsonStandIn;
let twilio: Server;
const twilioCalls: { path: string; authorization: string; form: Record<string, string> }[] = [];
let webhook: Handler;
let staffApi: Handler;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mujib-whatsapp-lambda-'));
  dynamo = await startTestDynamo();
  const tables = await dynamo.freshTables();
  ssm = await startAwsJsonStandIn({
    'AmazonSSM.GetParameter': (body) => ({
      Parameter: { Name: body.Name, Type: 'SecureString', Value: PARAMS[body.Name], Version: 1 },
    }),
  });
  twilio = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk) => (text += String(chunk)));
    req.on('end', () => {
      twilioCalls.push({
        path: req.url ?? '',
        authorization: req.headers.authorization ?? '',
        form: Object.fromEntries(new URLSearchParams(text)),
      });
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ sid: 'SM' + 'e'.repeat(32), status: 'queued' }));
    });
  });
  await new Promise<void>((resolve) => twilio.listen(0, '127.0.0.1', resolve));
  await setLambdaEnv({
    dir,
    dynamoEndpoint: dynamo.server.endpoint,
    tables,
    extra: {
      MUJIB_TWILIO_AUTH_TOKEN_PARAM: '/mujib/test/twilio-token',
      MUJIB_PII_SECRET_PARAM: '/mujib/test/pii-secret',
      MUJIB_WHATSAPP_WEBHOOK_URL: WEBHOOK_URL,
      MUJIB_WHATSAPP_FROM: 'whatsapp:+14155238886',
      MUJIB_TWILIO_ACCOUNT_SID: ACCOUNT,
      MUJIB_TWILIO_API_URL: `http://127.0.0.1:${(twilio.address() as AddressInfo).port}`,
      MUJIB_STAFF_GROUP: 'staff',
      AWS_ENDPOINT_URL_SSM: ssm.endpoint,
    },
  });
  delete process.env.MUJIB_PII_SECRET;
  ({ handler: webhook } =
    (await import('../../../functions/handlers/sms-twilio.ts')) as unknown as {
      handler: Handler;
    });
  ({ handler: staffApi } =
    (await import('../../../functions/handlers/staff-api.ts')) as unknown as {
      handler: Handler;
    });
});

afterAll(async () => {
  await new Promise<void>((resolve) => twilio?.close(() => resolve()));
  await ssm?.close();
  await dynamo?.close();
  await rm(dir, { recursive: true, force: true });
});

function whatsAppForm(text: string, sid: string): Record<string, string> {
  return {
    SmsMessageSid: sid,
    NumMedia: '0',
    ProfileName: 'Noura',
    MessageType: 'text',
    WaId: '966501234567',
    From: 'whatsapp:+966501234567',
    To: 'whatsapp:+14155238886',
    Body: text,
    MessageSid: sid,
    AccountSid: ACCOUNT,
    ApiVersion: '2010-04-01',
  };
}

async function deliver(params: Record<string, string>, signature: string) {
  const logs = captureLogs();
  try {
    return await webhook(
      httpApiEvent({
        method: 'POST',
        path: '/whatsapp/twilio',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature': signature,
        },
        body: new URLSearchParams(params).toString(),
        base64: true,
      }),
      lambdaContext('whatsapp-req'),
    );
  } finally {
    logs.stop();
  }
}

async function staff(options: HttpApiEventOptions) {
  const logs = captureLogs();
  try {
    const result = await staffApi(
      httpApiEvent({ headers: { 'content-type': 'application/json' }, claims: HUDA, ...options }),
      lambdaContext('staff-req'),
    );
    return { status: result.statusCode, body: JSON.parse(result.body ?? 'null') };
  } finally {
    logs.stop();
  }
}

describe('WhatsApp on the Lambdas', () => {
  it('the Twilio webhook function answers a signed WhatsApp message in TwiML', async () => {
    const params = whatsAppForm('How do I reset my password?', 'SM' + '3'.repeat(32));

    const result = await deliver(params, getExpectedTwilioSignature(TOKEN, WEBHOOK_URL, params));

    expect(result.statusCode).toBe(200);
    expect(result.headers?.['content-type']).toMatch(/^text\/xml/);
    expect(result.body).toMatch(/<Response><Message>\*[^*]+\*\n[\s\S]*reset-password/);
  });

  it('refuses a forged signature with 403', async () => {
    const params = whatsAppForm('I want to talk to a person', 'SM' + '4'.repeat(32));

    const result = await deliver(params, getExpectedTwilioSignature('forged', WEBHOOK_URL, params));

    expect(result.statusCode).toBe(403);
    expect(result.body).not.toMatch(/<Message>/);
  });

  it('the staff function sends a reply to a WhatsApp ticket through Twilio’s Messages API', async () => {
    const params = whatsAppForm('I want to talk to a real person', 'SM' + '5'.repeat(32));
    const handOff = await deliver(params, getExpectedTwilioSignature(TOKEN, WEBHOOK_URL, params));
    const ref = /MJ-[A-Z0-9]+/.exec(handOff.body ?? '')?.[0];
    expect(ref).toBeDefined();

    await staff({ method: 'POST', path: `/api/staff/tickets/${ref}/claim`, body: '{}' });
    const replied = await staff({
      method: 'POST',
      path: `/api/staff/tickets/${ref}/reply`,
      body: JSON.stringify({ text: 'Your order ships today.' }),
    });

    expect(replied.status).toBe(200);
    expect(replied.body.replies.at(-1)).toMatchObject({
      delivery: 'sent',
      deliveryDetail: `message SM${'e'.repeat(32)}`,
    });
    expect(twilioCalls).toEqual([
      {
        path: `/2010-04-01/Accounts/${ACCOUNT}/Messages.json`,
        authorization: `Basic ${Buffer.from(`${ACCOUNT}:${TOKEN}`).toString('base64')}`,
        form: {
          To: 'whatsapp:+966501234567',
          From: 'whatsapp:+14155238886',
          Body: `A reply from our support team about ${ref}:\nYour order ships today.`,
        },
      },
    ]);
  });
});
