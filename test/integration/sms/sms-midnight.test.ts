/**
 * SMS exactly-once does not depend on the time of day: a redelivered Twilio message is one
 * message at 23:59:50 and at 00:00:05, a captured signed request replayed days later is still
 * that message, and a clarification asked before midnight is answered after it. Real local
 * server, dynalite, twilio's own signatures and a clock the test moves.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks.js';
import type { Clock } from '#core/ports.ts';
import { startTestServer, type TestServer } from '../../helpers/local-server.ts';

const TOKEN = 'test-twilio-token';
/** Thresholds that make close calls of ordinary questions (the SMS flow, not the tuning, is tested). */
const CLARIFY_BAND = {
  MUJIB_THRESHOLD_ANSWER: '1',
  MUJIB_THRESHOLD_CLARIFY: '0.0001',
  MUJIB_THRESHOLD_CLARIFY_MARGIN: '1',
};

class TestClock implements Clock {
  constructor(private at: Date) {}
  now(): Date {
    return new Date(this.at);
  }
  set(iso: string): void {
    this.at = new Date(iso);
  }
}

let n = 0;
const sid = () => `SM${(++n).toString(16).padStart(32, '0')}`;

function signedForm(server: TestServer, from: string, body: string, messageSid: string) {
  const params = {
    From: from,
    To: '+15005550006',
    Body: body,
    MessageSid: messageSid,
    AccountSid: 'AC' + '0'.repeat(32),
  };
  const signature = getExpectedTwilioSignature(TOKEN, server.app.config.twilio.webhookUrl, params);
  return { body: new URLSearchParams(params).toString(), signature };
}

async function deliver(server: TestServer, request: { body: string; signature: string }) {
  const response = await fetch(`${server.url}/sms/twilio`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': request.signature,
    },
    body: request.body,
  });
  return { status: response.status, text: await response.text() };
}

async function smsTickets(server: TestServer) {
  const items = [];
  for (const status of ['open', 'claimed', 'answered', 'closed'] as const) {
    const page = await server.app.tickets.list({ status, channel: 'sms' }, { limit: 100 });
    items.push(...page.items);
  }
  return items;
}

describe('SMS across midnight', () => {
  const clock = new TestClock(new Date('2026-11-23T23:59:50.000Z'));
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({
      buildWeb: false,
      clock,
      env: { MUJIB_TWILIO_AUTH_TOKEN: TOKEN },
    });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('a MessageSid delivered at 23:59:50 and again at 00:00:05 opens one ticket and gets one reply', async () => {
    const request = signedForm(server, '+966500000101', 'I want to talk to a person', sid());

    clock.set('2026-11-23T23:59:50.000Z');
    const first = await deliver(server, request);
    clock.set('2026-11-24T00:00:05.000Z');
    const redelivered = await deliver(server, request);

    expect(first.status).toBe(200);
    expect(first.text).toMatch(/reference is MJ-/);
    expect(redelivered.text).toBe(first.text);
    expect(await smsTickets(server)).toHaveLength(1);
  });

  it('a captured signed request replayed after a quiet week is still the same message', async () => {
    const request = signedForm(server, '+966500000102', 'real person please', sid());
    clock.set('2026-11-23T23:00:00.000Z');
    const first = await deliver(server, request);
    const ticketsBefore = (await smsTickets(server)).length;

    clock.set('2026-12-01T09:00:00.000Z');
    const replayed = await deliver(server, request);

    expect(replayed.text).toBe(first.text);
    expect((await smsTickets(server)).length).toBe(ticketsBefore);
  });
});

describe('an SMS clarification across midnight', () => {
  const clock = new TestClock(new Date('2026-11-23T23:58:00.000Z'));
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({
      buildWeb: false,
      clock,
      env: { MUJIB_TWILIO_AUTH_TOKEN: TOKEN, ...CLARIFY_BAND },
    });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('is answered by "2" sent after midnight', async () => {
    const phone = '+966500000103';
    clock.set('2026-11-23T23:58:00.000Z');
    const question = await deliver(server, signedForm(server, phone, 'refund for my order', sid()));
    expect(question.text).toMatch(/Did you mean:/);
    const second = /\n2\) ([^\n]+)/.exec(question.text)?.[1];
    expect(second).toBeDefined();

    clock.set('2026-11-24T00:01:00.000Z');
    const picked = await deliver(server, signedForm(server, phone, '2', sid()));

    expect(picked.text).toContain('Read more:');
    expect(picked.text).not.toMatch(/Did you mean:/);
  });
});
