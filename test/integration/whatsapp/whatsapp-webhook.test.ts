/**
 * WhatsApp through Twilio on the real local server (dynalite, the real conversation core and
 * ticket service), with requests signed by the twilio library itself: answers, a hand-off that a
 * retried MessageSid does not repeat, staff replies inside and outside WhatsApp's 24-hour
 * customer-service window (a clock the test moves), STOP and START, and refused requests.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock, Ticket } from '#core/ports.ts';
import { phoneCustomerKey } from '#adapters/sms/sms-session.ts';
import { startTestServer, type TestServer } from '../../helpers/local-server.ts';

const TOKEN = 'test-twilio-token';
const OUR_NUMBER = 'whatsapp:+14155238886';

/** A clock the test moves (the server's only notion of time). */
function movableClock(iso: string): Clock & { set(iso: string): void } {
  let at = new Date(iso);
  return { now: () => new Date(at), set: (next) => void (at = new Date(next)) };
}

let n = 0;
const sid = () => `SM${(++n).toString(16).padStart(32, 'a')}`;

/** A WhatsApp webhook as Twilio posts it, signed over the configured URL. */
function signed(
  server: TestServer,
  phone: string,
  body: string,
  extra: Record<string, string> = {},
) {
  const params = {
    MessageSid: extra.MessageSid ?? sid(),
    AccountSid: 'AC' + '0'.repeat(32),
    From: `whatsapp:${phone}`,
    To: OUR_NUMBER,
    Body: body,
    NumMedia: '0',
    MessageType: 'text',
    WaId: phone.slice(1),
    ...extra,
  };
  const url = server.app.config.whatsapp.webhookUrl;
  return { params, signature: getExpectedTwilioSignature(TOKEN, url, params) };
}

async function post(
  server: TestServer,
  request: { params: Record<string, string>; signature?: string },
  route = '/whatsapp/twilio',
) {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (request.signature !== undefined) headers['x-twilio-signature'] = request.signature;
  const response = await fetch(`${server.url}${route}`, {
    method: 'POST',
    headers,
    body: new URLSearchParams(request.params).toString(),
  });
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    text: await response.text(),
  };
}

/** What a TwiML reply says (the message text, unescaped), or '' for an empty <Response/>. */
function said(twiml: string): string {
  const match = /<Message>([\s\S]*)<\/Message>/.exec(twiml);
  return (match?.[1] ?? '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

async function staff(server: TestServer, method: string, route: string, body?: unknown) {
  const response = await fetch(`${server.url}${route}`, {
    method,
    headers: {
      authorization: `Bearer ${server.staffToken}`,
      'x-staff-name': 'Huda',
      'content-type': 'application/json',
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Ticket };
}

/** A staff reply as the desk sends it: the ticket is claimed first (once), then answered. */
async function reply(server: TestServer, ref: string, text: string) {
  const current = await staff(server, 'GET', `/api/staff/tickets/${ref}`);
  if (current.body.status === 'open')
    await staff(server, 'POST', `/api/staff/tickets/${ref}/claim`, {});
  return staff(server, 'POST', `/api/staff/tickets/${ref}/reply`, { text });
}

async function whatsAppTickets(server: TestServer, phone: string): Promise<Ticket[]> {
  const found: Ticket[] = [];
  for (const status of ['open', 'claimed', 'answered', 'closed'] as const) {
    const page = await server.app.tickets.list({ status, channel: 'whatsapp' }, { limit: 100 });
    found.push(...page.items.filter((t) => t.contact.phone === phone));
  }
  return found;
}

async function outbox(dataDir: string): Promise<Record<string, any>[]> {
  const text = await readFile(path.join(dataDir, 'outbox.jsonl'), 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, any>);
}

/** Opens a ticket for `phone` (a customer asking for a person) and returns its reference. */
async function handOff(server: TestServer, phone: string): Promise<string> {
  const reply = await post(server, signed(server, phone, 'I want to talk to a real person'));
  const ref = /MJ-[A-Z0-9]+/.exec(said(reply.text))?.[0];
  expect(ref, said(reply.text)).toBeDefined();
  return ref!;
}

describe('WhatsApp through Twilio', () => {
  const clock = movableClock('2026-11-23T09:00:00.000Z');
  let server: TestServer;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'mujib-whatsapp-'));
    server = await startTestServer({
      buildWeb: false,
      clock,
      env: { MUJIB_TWILIO_AUTH_TOKEN: TOKEN, MUJIB_DATA_DIR: dataDir },
    });
  });
  afterAll(async () => {
    await server?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('answers a signed question with the article: bold title, whole summary and its link', async () => {
    const raw = await readFile('test/fixtures/whatsapp/twilio-inbound-text.form', 'utf8');
    const params = Object.fromEntries(new URLSearchParams(raw));
    const url = server.app.config.whatsapp.webhookUrl;

    const reply = await post(server, {
      params,
      signature: getExpectedTwilioSignature(TOKEN, url, params),
    });

    expect(reply.status).toBe(200);
    expect(reply.type).toMatch(/text\/xml/);
    const text = said(reply.text);
    expect(text).toMatch(/^\*[^*\n]+\*\n/);
    expect(text).toMatch(/\nRead more: http:\/\/127\.0\.0\.1:\d+\/help\/en\/reset-password\S*$/);
    expect(text).not.toContain('...');
  });

  it('hands over to a person once: a retried MessageSid gets the same reply and opens one ticket', async () => {
    const phone = '+966500000201';
    const request = signed(server, phone, 'I want to talk to a real person');

    const first = await post(server, request);
    clock.set('2026-11-23T09:00:20.000Z');
    const retried = await post(server, request);

    expect(said(first.text)).toMatch(/reference is MJ-[A-Z0-9]+/);
    expect(retried.text).toBe(first.text);
    const tickets = await whatsAppTickets(server, phone);
    expect(tickets).toHaveLength(1);
    expect(tickets[0]).toMatchObject({ channel: 'whatsapp', contact: { phone } });
    expect(tickets[0]!.customerKey).toMatch(/^whatsapp:/);
  });

  it('delivers a staff reply within 24 hours of the customer’s last message on WhatsApp', async () => {
    const phone = '+966500000202';
    clock.set('2026-11-23T10:00:00.000Z');
    const ref = await handOff(server, phone);

    clock.set('2026-11-24T09:59:00.000Z');
    const replied = await reply(
      server,
      ref,
      'Your refund was issued today: *3 to 5 business days*.',
    );

    expect(replied.status).toBe(200);
    expect(replied.body.replies.at(-1)).toMatchObject({ delivery: 'sent' });
    const sent = (await outbox(dataDir)).filter((e) => e.to === phone);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ channel: 'whatsapp' });
    expect(sent[0]!.body).toBe(
      `A reply from our support team about ${ref}:\nYour refund was issued today: *3 to 5 business days*.`,
    );
  });

  it('refuses a staff reply more than 24 hours after the customer’s last message, saying why, until they write again', async () => {
    const phone = '+966500000203';
    clock.set('2026-11-23T11:00:00.000Z');
    const ref = await handOff(server, phone);

    clock.set('2026-11-24T11:00:01.000Z');
    const late = await reply(server, ref, 'Sorry for the wait, here is your answer.');
    const read = await staff(server, 'GET', `/api/staff/tickets/${ref}`);
    const sentLate = (await outbox(dataDir)).filter((e) => e.to === phone);
    clock.set('2026-11-24T12:00:00.000Z');
    await post(server, signed(server, phone, 'hello?'));
    const again = await reply(server, ref, 'Here is your answer.');

    expect(late.status).toBe(200);
    expect(late.body.replies.at(-1)).toMatchObject({
      delivery: 'failed',
      deliveryDetail: 'outside-24h-window',
    });
    expect(read.body.replies[0]).toMatchObject({ deliveryDetail: 'outside-24h-window' });
    expect(sentLate).toEqual([]);
    expect(again.body.replies.at(-1)).toMatchObject({ delivery: 'sent' });
    expect((await outbox(dataDir)).filter((e) => e.to === phone)).toHaveLength(1);
  });

  it('after STOP sends nothing — answers or staff replies — until START; SMS from the number is unaffected', async () => {
    const phone = '+966500000204';
    clock.set('2026-11-25T09:00:00.000Z');
    const ref = await handOff(server, phone);

    const stop = await post(server, signed(server, phone, 'STOP'));
    const ignored = await post(server, signed(server, phone, 'How do I reset my password?'));
    const staffReply = await reply(server, ref, 'Are you still there?');
    const smsParams = {
      From: phone,
      To: '+15005550006',
      Body: 'How do I reset my password?',
      MessageSid: sid(),
      AccountSid: 'AC' + '0'.repeat(32),
    };
    const sms = await post(
      server,
      {
        params: smsParams,
        signature: getExpectedTwilioSignature(
          TOKEN,
          server.app.config.twilio.webhookUrl,
          smsParams,
        ),
      },
      '/sms/twilio',
    );
    const start = await post(server, signed(server, phone, 'START'));
    const answered = await post(server, signed(server, phone, 'How do I reset my password?'));

    expect(stop.status).toBe(200);
    expect(stop.text).toMatch(/<Response\/>$/);
    expect(ignored.text).toMatch(/<Response\/>$/);
    expect(staffReply.body.replies.at(-1)).toMatchObject({
      delivery: 'failed',
      deliveryDetail: 'opted-out',
    });
    expect((await outbox(dataDir)).filter((e) => e.to === phone)).toEqual([]);
    expect(said(sms.text)).toContain('reset-password');
    expect(said(start.text)).toMatch(/subscribed again/);
    expect(said(answered.text)).toContain('reset-password');
  });

  it('"erase my data" by phone number erases the number’s WhatsApp conversations too', async () => {
    const phone = '+966500000207';
    await post(server, signed(server, phone, 'How do I reset my password?'));
    const key = phoneCustomerKey('whatsapp', phone, server.app.config.piiSecret ?? '');
    const sessionId = (await server.app.smsSessions.latest(key))?.sessionId ?? '';
    const before = await server.app.sessionLog.listTurns(sessionId);

    const erased = await fetch(`${server.url}/api/staff/erasures`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${server.staffToken}`,
        'x-staff-name': 'Huda',
        'content-type': 'application/json',
      },
      body: JSON.stringify({ phone }),
    });

    expect(before).toHaveLength(1);
    expect(erased.status).toBe(201);
    expect(((await erased.json()) as { turns: number }).turns).toBe(1);
    expect(await server.app.sessionLog.listTurns(sessionId)).toEqual([]);
  });

  it('refuses forged, missing and SMS-URL signatures with 403 and leaves no trace', async () => {
    const phone = '+966500000205';
    const request = signed(server, phone, 'I want to talk to a real person');
    const smsUrl = getExpectedTwilioSignature(
      TOKEN,
      server.app.config.twilio.webhookUrl,
      request.params,
    );
    const wrongToken = getExpectedTwilioSignature(
      'not-the-token',
      server.app.config.whatsapp.webhookUrl,
      request.params,
    );

    const results = [
      await post(server, { params: request.params }),
      await post(server, { params: request.params, signature: smsUrl }),
      await post(server, { params: request.params, signature: wrongToken }),
      await post(server, {
        params: { ...request.params, Body: 'forged' },
        signature: request.signature,
      }),
    ];

    expect(results.map((r) => r.status)).toEqual([403, 403, 403, 403]);
    const key = phoneCustomerKey('whatsapp', phone, server.app.config.piiSecret ?? '');
    expect(await server.app.smsSessions.latest(key)).toBeUndefined();
    expect(await whatsAppTickets(server, phone)).toEqual([]);
  });

  it('answers a signed but malformed message with 400 saying what is wrong', async () => {
    const noPrefix = signed(server, '+966500000206', 'hello', { From: '+966500000206' });
    const badSid = signed(server, '+966500000206', 'hello', { MessageSid: 'not-a-sid' });

    const results = [await post(server, noPrefix), await post(server, badSid)];

    expect(results.map((r) => r.status)).toEqual([400, 400]);
    expect(JSON.parse(results[0]!.text).error).toMatch(/From is not a WhatsApp address/);
    expect(JSON.parse(results[1]!.text).error).toMatch(/MessageSid/);
  });
});

/** Thresholds that make close calls of ordinary questions (the WhatsApp flow, not the tuning, is tested). */
const CLARIFY_BAND = {
  MUJIB_THRESHOLD_ANSWER: '1',
  MUJIB_THRESHOLD_CLARIFY: '0.0001',
  MUJIB_THRESHOLD_CLARIFY_MARGIN: '1',
};

describe('"did you mean" on WhatsApp', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({
      buildWeb: false,
      env: { MUJIB_TWILIO_AUTH_TOKEN: TOKEN, ...CLARIFY_BAND },
    });
  });
  afterAll(async () => {
    await server?.close();
  });

  /** Asks a close call; returns the numbered options' titles as shown. */
  async function clarify(phone: string): Promise<string[]> {
    const asked = said((await post(server, signed(server, phone, 'refund for my order'))).text);
    expect(asked).toMatch(/^Did you mean:\n1\) \*.+\*\n2\) \*.+\*/);
    expect(asked).toMatch(/\nReply 1(, 2)? or \d\.$/);
    return [...asked.matchAll(/^\d\) \*(.+)\*$/gm)].map((m) => m[1]!);
  }

  it('lists the options with numbers and answers the one picked with "2"', async () => {
    const titles = await clarify('+966500000301');

    const picked = said((await post(server, signed(server, '+966500000301', '2'))).text);

    expect(picked.split('\n')[0]).toBe(`*${titles[1]}*`);
    expect(picked).toContain('Read more:');
  });

  it('takes the Arabic-Indic digit "٢" as option 2', async () => {
    const titles = await clarify('+966500000302');

    const picked = said((await post(server, signed(server, '+966500000302', '٢'))).text);

    // (The reply is in Arabic: the English-only article opens with a line saying so.)
    expect(picked).toContain(`\n*${titles[1]}*\n`);
  });

  it('takes a tapped quick reply whose payload is "2" as option 2', async () => {
    const phone = '+966501234567';
    const titles = await clarify(phone);
    const raw = await readFile('test/fixtures/whatsapp/twilio-inbound-button.form', 'utf8');
    const params = Object.fromEntries(new URLSearchParams(raw));
    params.Body = 'something else entirely';
    const url = server.app.config.whatsapp.webhookUrl;

    const picked = said(
      (await post(server, { params, signature: getExpectedTwilioSignature(TOKEN, url, params) }))
        .text,
    );

    expect(picked.split('\n')[0]).toBe(`*${titles[1]}*`);
  });
});

describe('a staff reply outside the window with a pre-approved template configured', () => {
  const clock = movableClock('2026-11-23T09:00:00.000Z');
  const TEMPLATE = 'HX' + 'b'.repeat(32);
  let server: TestServer;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'mujib-whatsapp-template-'));
    server = await startTestServer({
      buildWeb: false,
      clock,
      env: {
        MUJIB_TWILIO_AUTH_TOKEN: TOKEN,
        MUJIB_DATA_DIR: dataDir,
        MUJIB_WHATSAPP_TEMPLATE_SID: TEMPLATE,
      },
    });
  });
  afterAll(async () => {
    await server?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('sends the template with the ticket reference instead of the free text', async () => {
    const phone = '+966500000401';
    const ref = await handOff(server, phone);

    clock.set('2026-11-25T09:00:00.000Z');
    const replied = await reply(server, ref, 'Your parcel is at the depot.');

    expect(replied.body.replies.at(-1)).toMatchObject({
      delivery: 'sent',
      deliveryDetail: `template ${TEMPLATE} (outside-24h-window)`,
    });
    const sent = (await outbox(dataDir)).filter((e) => e.to === phone);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      channel: 'whatsapp',
      template: { contentSid: TEMPLATE, variables: { '1': ref } },
    });
    expect(sent[0]!.body).not.toContain('depot');
  });

  it('still sends free text inside the window', async () => {
    const phone = '+966500000402';
    clock.set('2026-11-26T09:00:00.000Z');
    const ref = await handOff(server, phone);

    clock.set('2026-11-26T20:00:00.000Z');
    const replied = await reply(server, ref, 'Your parcel is at the depot.');

    expect(replied.body.replies.at(-1)).toMatchObject({ delivery: 'sent' });
    const sent = (await outbox(dataDir)).filter((e) => e.to === phone);
    expect(sent.map((e) => e.template)).toEqual([undefined]);
    expect(sent[0]!.body).toContain('depot');
  });
});
