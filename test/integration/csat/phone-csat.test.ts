/**
 * The satisfaction question on SMS and WhatsApp through the real local server (dynalite, the real
 * conversation core, ticket service and outbox), with webhooks signed by the twilio library: the
 * close sends "How did we do? Reply 1–5" once in the customer's language, a bare "4" or "٥" is
 * stored as the rating, a second one is politely refused, a question is still answered, and the
 * channel's rules hold (STOP, WhatsApp's 24-hour window, the 3-day reply window). A "did you
 * mean" list newer than the question keeps its numbers; an older one does not.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks.js';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { Clock, Ticket } from '#core/ports.ts';
import { csatMessage } from '#core/render/csat-messages.ts';
import type { Lang } from '#core/types.ts';
import { startTestServer, type TestServer } from '../../helpers/local-server.ts';

const TOKEN = 'test-twilio-token';
type PhoneChannel = 'sms' | 'whatsapp';
/** Questions that, on the sample help centre, are close calls between two articles. */
const CLOSE_CALLS = ['delete', 'delete my account or my data', 'password', 'account'];
const CLARIFY_BAND = {
  MUJIB_THRESHOLD_ANSWER: '1',
  MUJIB_THRESHOLD_CLARIFY: '0.0001',
  MUJIB_THRESHOLD_CLARIFY_MARGIN: '1',
};
const HAND_OFF: Record<Lang, string> = {
  en: 'I want to talk to a real person',
  ar: 'أريد التحدث مع موظف',
};

/** A clock the test moves (the server's only notion of time). */
function movableClock(iso: string): Clock & { set(iso: string): void } {
  let at = new Date(iso);
  return { now: () => new Date(at), set: (next) => void (at = new Date(next)) };
}

let n = 0;
const sid = () => `SM${(++n).toString(16).padStart(32, 'c')}`;

/** A customer on one channel of one server: signed webhooks, their outbox, their tickets. */
class PhoneCustomer {
  constructor(
    private readonly server: TestServer,
    private readonly dataDir: string,
    readonly channel: PhoneChannel,
    readonly phone: string,
  ) {}

  /** Sends `body` as Twilio would (signed over the channel's webhook URL); what we said back. */
  async send(body: string, messageSid = sid()): Promise<string> {
    const whatsapp = this.channel === 'whatsapp';
    const params = {
      MessageSid: messageSid,
      AccountSid: 'AC' + '0'.repeat(32),
      From: whatsapp ? `whatsapp:${this.phone}` : this.phone,
      To: whatsapp ? 'whatsapp:+14155238886' : '+15005550006',
      Body: body,
    };
    const config = this.server.app.config;
    const url = whatsapp ? config.whatsapp.webhookUrl : config.twilio.webhookUrl;
    const response = await fetch(`${this.server.url}/${this.channel}/twilio`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': getExpectedTwilioSignature(TOKEN, url, params),
      },
      body: new URLSearchParams(params).toString(),
    });
    expect(response.status).toBe(200);
    return said(await response.text());
  }

  /** Asks for a person; the ticket reference from the reply. */
  async handOff(lang: Lang = 'en'): Promise<string> {
    const reply = await this.send(HAND_OFF[lang]);
    const ref = /MJ-[A-Z0-9]+/.exec(reply)?.[0];
    expect(ref, reply).toBeDefined();
    return ref!;
  }

  /** What our outbox sent this customer on this channel, oldest first. */
  async outbox(): Promise<string[]> {
    const text = await readFile(path.join(this.dataDir, 'outbox.jsonl'), 'utf8').catch(() => '');
    return text
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { to: string; channel: string; body: string })
      .filter((entry) => entry.to === this.phone && entry.channel === this.channel)
      .map((entry) => entry.body);
  }

  ticket(ref: string): Promise<Ticket> {
    return this.server.app.tickets.get(ref);
  }
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

/** Staff claim, reply to and close the ticket, as the desk does. */
async function answerAndClose(server: TestServer, ref: string): Promise<Ticket> {
  await server.app.tickets.claim(ref, 'Huda');
  await server.app.tickets.reply(ref, 'Huda', 'Your refund is on its way.');
  const response = await fetch(`${server.url}/api/staff/tickets/${ref}/close`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.staffToken}`, 'x-staff-name': 'Huda' },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as Ticket;
}

const clock = movableClock('2026-11-23T09:00:00.000Z');
let server: TestServer;
let dataDir: string;
let phones = 0;
const customer = (channel: PhoneChannel) =>
  new PhoneCustomer(server, dataDir, channel, `+9665000003${String(++phones).padStart(2, '0')}`);

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'mujib-csat-'));
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

describe.each(['sms', 'whatsapp'] as const)('CSAT on %s', (channel) => {
  it('asks once when the ticket closes, stores a reply "4", and politely refuses a second rating', async () => {
    // Prepare
    const c = customer(channel);
    clock.set('2026-11-23T09:00:00.000Z');
    const ref = await c.handOff();
    clock.set('2026-11-23T09:10:00.000Z');

    // Act
    const closed = await answerAndClose(server, ref);
    clock.set('2026-11-23T09:30:00.000Z');
    const thanks = await c.send('4');
    clock.set('2026-11-23T09:31:00.000Z');
    const second = await c.send('5');

    // Assess
    expect(closed.csatAskedAt).toBe('2026-11-23T09:10:00.000Z');
    expect(await c.outbox()).toEqual([
      expect.stringContaining('Your refund is on its way.'),
      `How did we do with ${ref}? Reply 1 (poor) to 5 (great).`,
    ]);
    expect(thanks).toBe('Thank you for rating us 4 out of 5.');
    expect(second).toBe(`Thanks, you have already rated ${ref}. Text us any time.`);
    expect((await c.ticket(ref)).csat).toEqual({
      rating: 4,
      at: '2026-11-23T09:30:00.000Z',
      channel,
    });
  });

  it('asks in Arabic an Arabic-speaking customer and takes "٥" as 5', async () => {
    const c = customer(channel);
    clock.set('2026-11-24T09:00:00.000Z');
    const ref = await c.handOff('ar');

    await answerAndClose(server, ref);
    const thanks = await c.send('٥');

    expect((await c.outbox()).at(-1)).toBe(csatMessage('ar', 'ask', { ref }));
    expect(thanks).toBe('شكرًا لتقييمك: 5 من 5.');
    expect((await c.ticket(ref)).csat).toMatchObject({ rating: 5, channel });
  });

  it('answers a question sent after the ask as usual, and a later "3" is still the rating', async () => {
    const c = customer(channel);
    clock.set('2026-11-25T09:00:00.000Z');
    const ref = await c.handOff();
    await answerAndClose(server, ref);

    const answer = await c.send('How do I reset my password?');
    const rated = await c.send('3');

    expect(answer).toContain('reset-password');
    expect(rated).toBe('Thank you for rating us 3 out of 5.');
    expect((await c.ticket(ref)).csat?.rating).toBe(3);
  });

  it('a retried delivery of the rating gets the same thanks and stores it once', async () => {
    const c = customer(channel);
    clock.set('2026-11-26T09:00:00.000Z');
    const ref = await c.handOff();
    await answerAndClose(server, ref);
    const messageSid = sid();

    clock.set('2026-11-26T09:20:00.000Z');
    const first = await c.send('2', messageSid);
    clock.set('2026-11-26T09:20:30.000Z');
    const retried = await c.send('2', messageSid);

    expect(first).toBe('Thank you for rating us 2 out of 5.');
    expect(retried).toBe(first);
    expect((await c.ticket(ref)).csat?.at).toBe('2026-11-26T09:20:00.000Z');
  });

  it('a bare number more than 3 days after the ask is the conversation’s, not a rating', async () => {
    const c = customer(channel);
    clock.set('2026-11-27T09:00:00.000Z');
    const ref = await c.handOff();
    await answerAndClose(server, ref);

    clock.set('2026-11-30T09:00:01.000Z');
    const reply = await c.send('4');

    expect(reply).not.toMatch(/rating|rated/);
    expect(reply.length).toBeGreaterThan(0);
    expect((await c.ticket(ref)).csat).toBeUndefined();
  });

  it('does not ask a customer who said STOP', async () => {
    const c = customer(channel);
    clock.set('2026-12-01T09:00:00.000Z');
    const ref = await c.handOff();
    await c.send('STOP');

    const closed = await answerAndClose(server, ref);

    expect(closed.csatAskedAt).toBeUndefined();
    expect(await c.outbox()).toEqual([]);
  });
});

describe('CSAT on WhatsApp: the 24-hour window', () => {
  it('does not ask when the customer last wrote more than 24 hours before the close', async () => {
    const c = customer('whatsapp');
    clock.set('2026-12-02T09:00:00.000Z');
    const ref = await c.handOff();

    clock.set('2026-12-03T09:00:01.000Z');
    const closed = await answerAndClose(server, ref);
    const later = await c.send('4');

    expect(closed.csatAskedAt).toBeUndefined();
    expect((await c.outbox()).some((body) => body.includes('How did we do'))).toBe(false);
    expect(later).not.toMatch(/rating|rated/);
    expect((await c.ticket(ref)).csat).toBeUndefined();
  });
});

describe('CSAT and "did you mean" in the same SMS conversation', () => {
  it('a list newer than the question keeps its numbers; a number after an older list is the rating', async () => {
    // Prepare: a server whose thresholds make close calls of ordinary questions.
    const clarifying = await startTestServer({
      buildWeb: false,
      clock,
      env: { MUJIB_TWILIO_AUTH_TOKEN: TOKEN, MUJIB_DATA_DIR: dataDir, ...CLARIFY_BAND },
    });
    onTestFinished(() => clarifying.close());
    let question: string | undefined;
    for (const text of CLOSE_CALLS) {
      const probe = await clarifying.app.conversation.handle({
        sessionId: `probe-${text}`,
        messageId: 'probe',
        channel: 'sms',
        text,
      });
      if (probe.reply.kind === 'clarify' && probe.reply.options.length >= 2) {
        question = text;
        break;
      }
    }
    expect(question, 'one of the close-call questions clarifies').toBeDefined();
    const newer = new PhoneCustomer(clarifying, dataDir, 'sms', '+966500000391');
    const older = new PhoneCustomer(clarifying, dataDir, 'sms', '+966500000392');

    // Act: the question, then a list, then "2" (newer list) …
    clock.set('2026-12-04T09:00:00.000Z');
    const newerRef = await newer.handOff();
    await answerAndClose(clarifying, newerRef);
    clock.set('2026-12-04T09:05:00.000Z');
    const list = await newer.send(question!);
    const picked = await newer.send('2');
    // … and a list, then the question, then "2" (older list).
    clock.set('2026-12-04T10:00:00.000Z');
    const olderRef = await older.handOff();
    await older.send(question!);
    clock.set('2026-12-04T10:05:00.000Z');
    await answerAndClose(clarifying, olderRef);
    const rated = await older.send('2');

    // Assess
    expect(list).toMatch(/^Did you mean:\n1\) .+\n2\) .+/);
    expect(picked).toContain('Read more:');
    expect((await newer.ticket(newerRef)).csat).toBeUndefined();
    expect(rated).toBe('Thank you for rating us 2 out of 5.');
    expect((await older.ticket(olderRef)).csat?.rating).toBe(2);
  });
});
