/**
 * Outbound WhatsApp through Twilio's Messages API, against a stand-in for api.twilio.com on
 * 127.0.0.1: the request Twilio expects (basic auth, whatsapp: addresses, Body or ContentSid +
 * ContentVariables) and every failure reported, never thrown.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TwilioOutboundWhatsApp } from '#adapters/whatsapp/twilio-outbound-whatsapp.ts';

const ACCOUNT = 'AC' + '1'.repeat(32);
const TOKEN = 'twilio-auth-token';

interface Seen {
  method: string;
  path: string;
  authorization: string;
  form: Record<string, string>;
}

let server: Server;
let baseUrl: string;
let seen: Seen[] = [];
let answer: { status: number; body: unknown } = { status: 201, body: {} };

async function readForm(req: IncomingMessage): Promise<Record<string, string>> {
  let text = '';
  for await (const chunk of req) text += String(chunk);
  return Object.fromEntries(new URLSearchParams(text));
}

beforeAll(async () => {
  server = createServer((req, res) => {
    void readForm(req).then((form) => {
      seen.push({
        method: req.method ?? '',
        path: req.url ?? '',
        authorization: req.headers.authorization ?? '',
        form,
      });
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
beforeEach(() => {
  seen = [];
  answer = { status: 201, body: { sid: 'SM' + 'f'.repeat(32), status: 'queued' } };
});

function sender(logs: Record<string, unknown>[] = [], apiBaseUrl = baseUrl) {
  return new TwilioOutboundWhatsApp({
    accountSid: ACCOUNT,
    authToken: TOKEN,
    from: 'whatsapp:+14155238886',
    apiBaseUrl,
    timeoutMs: 2_000,
    log: (event) => logs.push(event),
  });
}

describe('TwilioOutboundWhatsApp', () => {
  it('posts free text to the account’s Messages resource with basic auth and whatsapp: addresses', async () => {
    const result = await sender().send('+966501234567', 'مرحبا *Noura*');

    expect(result).toEqual({ id: 'SM' + 'f'.repeat(32), status: 'sent' });
    expect(seen).toEqual([
      {
        method: 'POST',
        path: `/2010-04-01/Accounts/${ACCOUNT}/Messages.json`,
        authorization: `Basic ${Buffer.from(`${ACCOUNT}:${TOKEN}`).toString('base64')}`,
        form: {
          To: 'whatsapp:+966501234567',
          From: 'whatsapp:+14155238886',
          Body: 'مرحبا *Noura*',
        },
      },
    ]);
  });

  it('sends a template as ContentSid and JSON ContentVariables, without a Body', async () => {
    const contentSid = 'HX' + 'a'.repeat(32);

    await sender().sendTemplate('+966501234567', { contentSid, variables: { '1': 'MJ-4K7Q2X' } });

    expect(seen[0]!.form).toEqual({
      To: 'whatsapp:+966501234567',
      From: 'whatsapp:+14155238886',
      ContentSid: contentSid,
      ContentVariables: '{"1":"MJ-4K7Q2X"}',
    });
  });

  it('reports Twilio’s refusal with its code and logs the number masked', async () => {
    answer = {
      status: 400,
      body: {
        code: 63016,
        message: 'Failed to send freeform message because you are outside the allowed window.',
      },
    };
    const logs: Record<string, unknown>[] = [];

    const result = await sender(logs).send('+966501234567', 'late');

    expect(result).toEqual({
      id: '',
      status: 'failed',
      detail:
        'Twilio 63016: Failed to send freeform message because you are outside the allowed window.',
    });
    expect(JSON.stringify(logs)).not.toContain('501234567');
    expect(logs[0]).toMatchObject({ event: 'whatsapp.send_failed' });
  });

  it('reports an unreachable API as failed instead of throwing', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));

    const result = await sender([], `http://127.0.0.1:${port}`).send('+966501234567', 'hello');

    expect(result.status).toBe('failed');
    expect(result.detail).toBeTruthy();
  });
});
