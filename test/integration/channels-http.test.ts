/**
 * The SMS webhook and the Alexa endpoint on the real local server: signed requests are answered,
 * forged or stale ones are refused with the right status and leave no log entry or ticket.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks.js';
import { startLocalServer, type LocalServer } from '../../functions/local/server.ts';
import { startTestServer, type TestServer } from '../helpers/local-server.ts';
import { smsCustomerKey } from '#adapters/sms/sms-session.ts';

const TOKEN = 'test-twilio-token';
let server: TestServer;
let devAlexa: LocalServer;

beforeAll(async () => {
  server = await startTestServer({ buildWeb: false, env: { MUJIB_TWILIO_AUTH_TOKEN: TOKEN } });
  // A second server on the same app in explicit local-dev mode (no Alexa signature checks).
  devAlexa = await startLocalServer({
    app: server.app,
    port: 0,
    alexaVerifier: { verifySignatures: false },
  });
});
afterAll(async () => {
  await devAlexa?.close();
  await server?.close();
});

function twilioForm(body: string, sid: string, from = '+966501234567') {
  return {
    From: from,
    To: '+15005550006',
    Body: body,
    MessageSid: sid,
    AccountSid: 'AC' + '0'.repeat(32),
  };
}

async function postTwilio(params: Record<string, string>, signature?: string) {
  const url = server.app.config.twilio.webhookUrl;
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (signature !== undefined) headers['x-twilio-signature'] = signature;
  const response = await fetch(`${server.url}/sms/twilio`, {
    method: 'POST',
    headers,
    body: new URLSearchParams(params).toString(),
  });
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    text: await response.text(),
    url,
  };
}

describe('POST /sms/twilio', () => {
  it('answers a Twilio-signed message with TwiML and a link to the article', async () => {
    const params = twilioForm('I forgot my password', 'SM' + 'a'.repeat(32));
    const signature = getExpectedTwilioSignature(
      TOKEN,
      server.app.config.twilio.webhookUrl,
      params,
    );

    const reply = await postTwilio(params, signature);

    expect(reply.status).toBe(200);
    expect(reply.type).toMatch(/text\/xml/);
    expect(reply.text).toMatch(
      /<Response><Message>[\s\S]*reset-password[\s\S]*<\/Message><\/Response>/,
    );
  });

  it('refuses forged, missing and other-URL signatures with 403 and logs nothing', async () => {
    const params = twilioForm('talk to a human', 'SM' + 'b'.repeat(32), '+966500000001');
    const otherUrl = getExpectedTwilioSignature(TOKEN, 'https://evil.example/sms/twilio', params);
    const wrongToken = getExpectedTwilioSignature(
      'not-the-token',
      server.app.config.twilio.webhookUrl,
      params,
    );

    const results = [
      await postTwilio(params),
      await postTwilio(params, otherUrl),
      await postTwilio(params, wrongToken),
    ];

    expect(results.map((r) => r.status)).toEqual([403, 403, 403]);
    const customerKey = smsCustomerKey('+966500000001', server.app.config.piiSecret ?? '');
    expect(await server.app.smsSessions.latest(customerKey)).toBeUndefined();
    expect(await server.app.smsSessions.boundSession('SM' + 'b'.repeat(32))).toBeUndefined();
    const open = await server.app.tickets.list({ status: 'open' }, { limit: 100 });
    expect(open.items.filter((t) => t.channel === 'sms')).toEqual([]);
  });

  it('answers a signed but malformed message with 400', async () => {
    const params = twilioForm('hello', 'not-a-sid');
    const signature = getExpectedTwilioSignature(
      TOKEN,
      server.app.config.twilio.webhookUrl,
      params,
    );

    expect((await postTwilio(params, signature)).status).toBe(400);
  });
});

function launchEnvelope(requestId: string) {
  return {
    version: '1.0',
    session: {
      new: true,
      sessionId: 'amzn1.echo-api.session.test',
      application: { applicationId: 'amzn1.ask.skill.test' },
      user: { userId: 'amzn1.ask.account.test' },
    },
    context: {
      System: {
        application: { applicationId: 'amzn1.ask.skill.test' },
        user: { userId: 'amzn1.ask.account.test' },
        device: { deviceId: 'd', supportedInterfaces: {} },
        apiEndpoint: 'https://api.amazonalexa.com',
      },
    },
    request: {
      type: 'LaunchRequest',
      requestId,
      timestamp: new Date().toISOString(),
      locale: 'en-US',
    },
  };
}

describe('POST /alexa', () => {
  it('refuses an unsigned request with 403 when signature checks are on', async () => {
    const response = await fetch(`${server.url}/alexa`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(launchEnvelope('amzn1.echo-api.request.1')),
    });

    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: string }).error).toMatch(/signature/i);
  });

  it('answers a launch with a greeting in explicit local-dev mode', async () => {
    const response = await fetch(`${devAlexa.url}/alexa`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(launchEnvelope('amzn1.echo-api.request.2')),
    });
    const body = (await response.json()) as { response: { outputSpeech: { ssml: string } } };

    expect(response.status).toBe(200);
    expect(body.response.outputSpeech.ssml).toMatch(/^<speak>[\s\S]+<\/speak>$/);
  });

  it('answers a body that is not an Alexa request with 400', async () => {
    const response = await fetch(`${devAlexa.url}/alexa`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"hello": "world"}',
    });

    expect(response.status).toBe(400);
  });
});
