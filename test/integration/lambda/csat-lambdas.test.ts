/**
 * The satisfaction question on the Lambdas as deployed (dynalite, SSM and Twilio's Messages API
 * as stand-ins on 127.0.0.1): the staff function's close asks a WhatsApp customer through
 * Twilio, the Twilio webhook function stores their "4"; the chat function asks a web session on
 * its poll and stores the stars it posts.
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
const ACCOUNT = 'AC' + '7'.repeat(32);
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
const sentByTwilio: Record<string, string>[] = [];
let webhook: Handler;
let staffApi: Handler;
let chatApi: Handler;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mujib-csat-lambda-'));
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
      sentByTwilio.push(Object.fromEntries(new URLSearchParams(text)));
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ sid: 'SM' + 'f'.repeat(32), status: 'queued' }));
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
  const load = async (file: string) =>
    ((await import(`../../../functions/handlers/${file}.ts`)) as { handler: Handler }).handler;
  webhook = await load('sms-twilio');
  staffApi = await load('staff-api');
  chatApi = await load('chat-api');
});

afterAll(async () => {
  await new Promise<void>((resolve) => twilio?.close(() => resolve()));
  await ssm?.close();
  await dynamo?.close();
  await rm(dir, { recursive: true, force: true });
});

async function invoke(handler: Handler, options: HttpApiEventOptions, requestId: string) {
  const logs = captureLogs();
  try {
    return await handler(httpApiEvent(options), lambdaContext(requestId));
  } finally {
    logs.stop();
  }
}

/** A signed WhatsApp message through the Twilio webhook function; the TwiML it answered. */
async function whatsApp(text: string, sid: string): Promise<string> {
  const params = {
    MessageSid: sid,
    AccountSid: ACCOUNT,
    From: 'whatsapp:+966501234599',
    To: 'whatsapp:+14155238886',
    Body: text,
  };
  const result = await invoke(
    webhook,
    {
      method: 'POST',
      path: '/whatsapp/twilio',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': getExpectedTwilioSignature(TOKEN, WEBHOOK_URL, params),
      },
      body: new URLSearchParams(params).toString(),
      base64: true,
    },
    'whatsapp-req',
  );
  expect(result.statusCode).toBe(200);
  return result.body ?? '';
}

async function staff(method: string, route: string) {
  const result = await invoke(
    staffApi,
    {
      method,
      path: route,
      headers: { 'content-type': 'application/json' },
      claims: HUDA,
      body: '{}',
    },
    'staff-req',
  );
  return { status: result.statusCode, body: JSON.parse(result.body ?? 'null') };
}

async function chat(method: string, route: string, body?: unknown) {
  const result = await invoke(
    chatApi,
    {
      method,
      path: route,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    },
    'chat-req',
  );
  return { status: result.statusCode, body: JSON.parse(result.body ?? 'null') };
}

describe('CSAT on the Lambdas', () => {
  it('the staff function’s close asks on WhatsApp through Twilio; the webhook function stores the "4"', async () => {
    const handOff = await whatsApp('I want to talk to a real person', 'SM' + '8'.repeat(32));
    const ref = /MJ-[A-Z0-9]+/.exec(handOff)?.[0];
    expect(ref).toBeDefined();

    await staff('POST', `/api/staff/tickets/${ref}/claim`);
    const closed = await staff('POST', `/api/staff/tickets/${ref}/close`);
    const thanks = await whatsApp('4', 'SM' + '9'.repeat(32));
    const ticket = await staff('GET', `/api/staff/tickets/${ref}`);

    expect(closed.status).toBe(200);
    expect(closed.body.csatAskedAt).toBeDefined();
    expect(sentByTwilio).toEqual([
      {
        To: 'whatsapp:+966501234599',
        From: 'whatsapp:+14155238886',
        Body: `How did we do with ${ref}? Reply 1 (poor) to 5 (great).`,
      },
    ]);
    expect(thanks).toContain('<Message>Thank you for rating us 4 out of 5.</Message>');
    expect(ticket.body.csat).toMatchObject({ rating: 4, channel: 'whatsapp' });
  });

  it('the chat function asks a web session on its poll and stores the stars it posts', async () => {
    const asked = await chat('POST', '/api/chat', {
      text: 'talk to a person',
      sessionId: 'csat-lambda-web',
    });
    const ref = asked.body.reply.ticketRef as string;
    await staff('POST', `/api/staff/tickets/${ref}/claim`);
    await staff('POST', `/api/staff/tickets/${ref}/close`);

    const poll = await chat('GET', '/api/chat/csat-lambda-web/updates');
    const rated = await chat('POST', `/api/chat/tickets/${ref}/csat`, {
      sessionId: 'csat-lambda-web',
      rating: 5,
    });
    const again = await chat('POST', `/api/chat/tickets/${ref}/csat`, {
      sessionId: 'csat-lambda-web',
      rating: 5,
    });

    expect(poll.body.csat).toEqual([{ ticketRef: ref, lang: 'en' }]);
    expect(rated.status).toBe(200);
    expect(rated.body.csat).toMatchObject({ rating: 5, channel: 'web' });
    expect(again.status).toBe(409);
  });
});
