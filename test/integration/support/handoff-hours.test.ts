/**
 * Routing, business hours and presence through the real app (local server, DynamoDB on
 * dynalite, the real index, support.json): a hand-off outside the hours tells the next opening in
 * Saudi time, inside the hours with nobody on shift it does too, and once a staff member's desk
 * sends a heartbeat for the queue it says "within minutes" — in English and Arabic, on the web
 * chat and by SMS. The ticket keeps its queue and promise; the desk's queue API shows the backlog
 * and filters by queue; the first staff reply sets firstResponseAt.
 */
import { randomUUID } from 'node:crypto';
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks.js';
import { describe, expect, it } from 'vitest';
import { useTestServer } from '../../helpers/local-server.ts';

const TWILIO_TOKEN = 'support-test-twilio-token';
let now = new Date('2026-12-03T01:30:00+03:00');
const clock = { now: () => now };
const server = useTestServer({
  buildWeb: false,
  clock,
  env: { MUJIB_TWILIO_AUTH_TOKEN: TWILIO_TOKEN },
});

/** Sets the app's clock to a Riyadh wall-clock time. */
function riyadh(local: string): void {
  now = new Date(`${local}+03:00`);
}

async function chat(text: string, lang: 'en' | 'ar') {
  const { status, body } = await server.post('/api/chat', {
    text,
    lang,
    sessionId: randomUUID(),
    messageId: randomUUID(),
  });
  expect(status).toBe(200);
  expect(body.reply.kind).toBe('escalate');
  return body.reply as { text: string; ticketRef: string };
}

async function sms(text: string, from: string): Promise<string> {
  const params = {
    From: from,
    To: '+15005550006',
    Body: text,
    MessageSid: `SM${randomUUID().replace(/-/g, '')}`,
    AccountSid: `AC${'0'.repeat(32)}`,
  };
  const url = server.app.config.twilio.webhookUrl;
  const response = await fetch(`${server.url}/sms/twilio`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': getExpectedTwilioSignature(TWILIO_TOKEN, url, params),
    },
    body: new URLSearchParams(params).toString(),
  });
  expect(response.status).toBe(200);
  return (await response.text()).replace(/<[^>]+>/g, '');
}

async function ticket(ref: string) {
  const { status, body } = await server.get(`/api/staff/tickets/${ref}`, server.staff());
  expect(status).toBe(200);
  return body;
}

describe('hand-off promises through the real app', () => {
  it('outside the hours, tells the next opening in Saudi time, in English and in Arabic', async () => {
    // Prepare: Thursday 3 December 2026, 01:30 in Riyadh (the team works 08:00–24:00)
    riyadh('2026-12-03T01:30:00');

    // Act
    const en = await chat('I want to talk to a person about my refund', 'en');
    const ar = await chat('أبغى أكلم موظف', 'ar');

    // Assess
    expect(en.text).toMatch(/^I'm handing you over to our support team\. Your reference is MJ-/);
    expect(en.text).toContain(
      'Our team is away right now; a person will reply here when they are back, today at 8 am Saudi time.',
    );
    expect(ar.text).toContain(
      'فريقنا غير متاح الآن، وسيرد عليك أحد الموظفين هنا عند عودته اليوم الساعة 8 صباحًا بتوقيت السعودية.',
    );
    expect(await ticket(en.ticketRef)).toMatchObject({
      queue: 'returns',
      promise: { kind: 'next-opening', at: '2026-12-03T05:00:00.000Z' },
    });
    expect(await ticket(ar.ticketRef)).toMatchObject({
      queue: 'general-ar',
      promise: { kind: 'next-opening', at: '2026-12-03T05:00:00.000Z' },
    });
  });

  it('inside the hours with nobody on shift, says as soon as someone is free until closing, never minutes', async () => {
    // Prepare: Thursday 13:00, no desk open
    riyadh('2026-12-03T13:00:00');

    // Act
    const en = await chat('I want to talk to a person about my refund', 'en');

    // Assess
    expect(en.text).toContain(
      'Nobody from our team is free right now; a person will reply here as soon as someone is (we are open until midnight Saudi time).',
    );
    expect(en.text).not.toContain('within minutes');
    expect((await ticket(en.ticketRef)).promise).toEqual({
      kind: 'when-free',
      at: '2026-12-03T21:00:00.000Z',
    });
  });

  it('inside the hours with a desk watching the queue, says "within minutes" on the web and by SMS', async () => {
    // Prepare: Huda watches returns and the Arabic general queue
    riyadh('2026-12-03T13:05:00');
    const beat = await server.post(
      '/api/staff/presence',
      { queues: ['returns', 'general-ar'] },
      server.staff('Huda'),
    );

    // Act
    const en = await chat('I want to talk to a person about my refund', 'en');
    const ar = await chat('أبغى أكلم موظف', 'ar');
    const arSms = await sms('أبغى أكلم موظف', '+966501112233');
    const enSms = await sms('I want to talk to a person', '+966501112244');

    // Assess
    expect(beat).toEqual({
      status: 200,
      body: {
        staff: 'Huda',
        queues: ['general-ar', 'returns'],
        until: new Date('2026-12-03T13:08:00+03:00').toISOString(),
      },
    });
    expect(en.text).toContain('A person will reply here within minutes.');
    expect(ar.text).toContain('سيرد عليك أحد الموظفين هنا خلال دقائق.');
    expect(arSms).toContain('خلال دقائق');
    // English SMS goes to the English general queue: nobody watches it
    expect(enSms).toContain('as soon as someone is (we are open until midnight Saudi time).');
    expect((await ticket(en.ticketRef)).promise).toEqual({ kind: 'minutes' });
  });

  it('once the heartbeat lapses, the promise is no longer minutes', async () => {
    // Prepare: four minutes after Huda's last heartbeat (it counts for three)
    riyadh('2026-12-03T13:09:00');

    // Act
    const en = await chat('I want to talk to a person about my refund', 'en');

    // Assess
    expect(en.text).toContain('as soon as someone is (we are open until midnight Saudi time)');
  });

  it('in Ramadan, tells the Ramadan opening (10 am) after the night shift ended at 2 am', async () => {
    // Prepare: Wednesday 10 February 2027, 03:00 in Riyadh
    riyadh('2027-02-10T03:00:00');

    // Act
    const en = await chat('I want to talk to a person', 'en');
    const ar = await chat('أبغى أكلم موظف', 'ar');

    // Assess
    expect(en.text).toContain('when they are back, today at 10 am Saudi time.');
    expect(ar.text).toContain('عند عودته اليوم الساعة 10 صباحًا بتوقيت السعودية.');
  });
});

describe('the desk’s queue API', () => {
  it('shows each queue’s backlog and oldest waiting, who is on shift and what customers hear', async () => {
    // Prepare: Omar opens his desk on Thursday 3 December at 14:00
    riyadh('2026-12-03T14:00:00');
    await server.post('/api/staff/presence', { queues: ['returns'] }, server.staff('Omar'));

    // Act
    const { status, body } = await server.get('/api/staff/queues', server.staff());

    // Assess
    expect(status).toBe(200);
    expect(body.timeZone).toBe('Asia/Riyadh');
    const byId = Object.fromEntries(body.items.map((q: any) => [q.id, q]));
    expect(Object.keys(byId)).toEqual([
      'account',
      'payments',
      'returns',
      'general-en',
      'general-ar',
    ]);
    expect(byId.returns).toMatchObject({
      name: 'Returns and refunds',
      open: 4,
      claimed: 0,
      oldestWaitingSince: new Date('2026-12-03T01:30:00+03:00').toISOString(),
      openNow: true,
      onShift: ['Omar'],
      promise: 'minutes',
    });
    expect(byId['general-ar']).toMatchObject({ open: 4, onShift: [], promise: 'when-free' });
  });

  it('filters the tickets by queue, and refuses an unknown queue with a clear 400', async () => {
    // Act
    const returns = await server.get(
      '/api/staff/tickets?status=open&queue=returns',
      server.staff(),
    );
    const bogus = await server.get('/api/staff/tickets?queue=nope', server.staff());
    const badBeat = await server.post('/api/staff/presence', { queues: ['nope'] }, server.staff());
    const notAList = await server.post(
      '/api/staff/presence',
      { queues: 'returns' },
      server.staff(),
    );
    const anonymous = await server.get('/api/staff/queues');

    // Assess
    expect(returns.status).toBe(200);
    expect(returns.body.items.length).toBe(4);
    expect(returns.body.items.every((t: any) => t.queue === 'returns')).toBe(true);
    expect(bogus.status).toBe(400);
    expect(bogus.body.error).toMatch(/unknown queue "nope" \(queues: account, payments, returns/);
    expect(badBeat.status).toBe(400);
    expect(notAList).toMatchObject({
      status: 400,
      body: { error: 'queues must be a list of queue ids (strings)' },
    });
    expect(anonymous.status).toBe(401);
  });

  it('records the first staff reply as the ticket’s first response', async () => {
    // Prepare
    riyadh('2026-12-03T14:10:00');
    await server.post('/api/staff/presence', { queues: ['returns'] }, server.staff('Omar'));
    const { ticketRef } = await chat('I want to talk to a person about my refund', 'en');
    riyadh('2026-12-03T14:12:00');
    await server.post(`/api/staff/tickets/${ticketRef}/claim`, {}, server.staff('Omar'));

    // Act
    riyadh('2026-12-03T14:13:00');
    await server.post(
      `/api/staff/tickets/${ticketRef}/reply`,
      { text: 'Your refund was sent today.' },
      server.staff('Omar'),
    );
    riyadh('2026-12-03T14:20:00');
    await server.post(
      `/api/staff/tickets/${ticketRef}/reply`,
      { text: 'It can take 5 business days.' },
      server.staff('Omar'),
    );

    // Assess
    expect(await ticket(ticketRef)).toMatchObject({
      queue: 'returns',
      promise: { kind: 'minutes' },
      firstResponseAt: new Date('2026-12-03T14:13:00+03:00').toISOString(),
    });
  });
});
