/**
 * Analytics end to end on the real local server (real dynalite, real app): scripted web chats
 * and staff actions go in through the public APIs, and the analytics API, the gap clusters and
 * `kb gaps` report exactly what was sent.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runKb } from '../../../functions/cli/run-kb.ts';
import { memoryOutput } from '../../../functions/cli/output.ts';
import { startTestServer, type TestServer } from '../../helpers/local-server.ts';

let server: TestServer;
const sent: {
  text: string;
  kind: string;
  ticketRef?: string;
  sessionId: string;
  messageId: string;
}[] = [];
const today = new Date().toISOString().slice(0, 10);

async function call(method: string, path: string, body?: unknown, auth = true) {
  const response = await fetch(server.url + path, {
    method,
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(auth ? { authorization: `Bearer ${server.staffToken}`, 'x-staff-name': 'Huda' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

async function chat(sessionId: string, messageId: string, text: string, lang?: string) {
  const { body } = await call(
    'POST',
    '/api/chat',
    { sessionId, messageId, text, ...(lang ? { lang } : {}) },
    false,
  );
  sent.push({ text, kind: body.reply.kind, ticketRef: body.reply.ticketRef, sessionId, messageId });
  return body;
}

beforeAll(async () => {
  server = await startTestServer({ buildWeb: false });
  // Three conversations: answers with feedback, small talk, a hand-off and unanswerable questions.
  await chat('s-1', 'm-1', 'hello');
  await chat('s-1', 'm-2', 'I forgot my password, how do I reset it?');
  await call(
    'POST',
    '/api/chat/feedback',
    { sessionId: 's-1', messageId: 'm-2', value: 'up' },
    false,
  );
  await chat('s-1', 'm-2', 'I forgot my password, how do I reset it?'); // a retried delivery
  await chat('s-2', 'm-1', 'نسيت كلمة المرور');
  await call(
    'POST',
    '/api/chat/feedback',
    { sessionId: 's-2', messageId: 'm-1', value: 'up' },
    false,
  );
  await call(
    'POST',
    '/api/chat/feedback',
    { sessionId: 's-2', messageId: 'm-1', value: 'down' },
    false,
  );
  await chat('s-2', 'm-2', 'can I bring my dog into the store?');
  await chat('s-3', 'm-1', 'is there a telescope in stock');
  await chat('s-3', 'm-2', 'I want to talk to a person');
  // Staff answer one ticket and close it.
  const ticketRef = sent.find((s) => s.ticketRef)?.ticketRef;
  if (ticketRef) {
    await call('POST', `/api/staff/tickets/${ticketRef}/claim`, {});
    await call('POST', `/api/staff/tickets/${ticketRef}/reply`, {
      text: 'Telescopes arrive next month; we will add them to the shop.',
    });
    await call('POST', `/api/staff/tickets/${ticketRef}/close`, {});
  }
  // The counters are aggregated after each reply, in the background (in-process aggregator).
  await server.app.settleAnalytics();
});
afterAll(async () => {
  await server?.close();
});

const unique = () => [...new Map(sent.map((s) => [`${s.sessionId}|${s.messageId}`, s])).values()];
const count = (kind: string) => unique().filter((s) => s.kind === kind).length;
/** Tickets the customers were told about (one per conversation while it is not closed). */
const ticketRefs = () => new Set(unique().flatMap((s) => (s.ticketRef ? [s.ticketRef] : [])));

describe('GET /api/staff/analytics', () => {
  it('counts the conversations, questions, outcomes and feedback that were sent', async () => {
    const { status, body } = await call('GET', `/api/staff/analytics?from=${today}&to=${today}`);

    const questions = count('answer') + count('clarify') + count('escalate');
    expect(status).toBe(200);
    expect(count('escalate')).toBe(3);
    // One open ticket per conversation: s-3's second hand-off (a plain request for a person) goes
    // to the ticket its first one opened, so three escalations open two tickets.
    const s3 = unique().filter((s) => s.sessionId === 's-3');
    expect(s3.map((s) => s.kind)).toEqual(['escalate', 'escalate']);
    expect(s3[0]?.ticketRef).toMatch(/^MJ-/);
    expect(s3[1]?.ticketRef).toBe(s3[0]?.ticketRef);
    expect(ticketRefs().size).toBe(2);
    expect(body.totals).toMatchObject({
      conversations: 3,
      questions,
      answered: count('answer'),
      clarified: count('clarify'),
      escalated: count('escalate'),
      smalltalk: count('smalltalk'),
      up: 1,
      down: 1,
      ticketsOpened: ticketRefs().size,
      ticketsAnswered: 1,
      ticketsClosed: 1,
    });
    expect(body.totals.containment).toBeCloseTo((questions - count('escalate')) / questions, 3);
    expect(body.totals.timeToFirstReply.count).toBe(1);
    expect(body.totals.timeToFirstReply.medianSeconds).toBeLessThan(60);
    expect(body.totals.questionsByChannel).toEqual({
      web: questions,
      sms: 0,
      whatsapp: 0,
      alexa: 0,
    });
    expect(body.days).toHaveLength(1);
    expect(body.backlog.open).toBe(ticketRefs().size - 1); // one was answered and closed
    expect(
      body.articles.find((a: any) => a.articleId === 'reset-password' && a.lang === 'en'),
    ).toMatchObject({
      answers: 1,
      up: 1,
    });
  });

  it('filters by language and channel', async () => {
    const arabic = await call('GET', `/api/staff/analytics?from=${today}&to=${today}&lang=ar`);
    const sms = await call('GET', `/api/staff/analytics?from=${today}&to=${today}&channel=sms`);

    expect(arabic.body.totals.questions).toBe(
      unique().filter((s) => /[\u0600-\u06FF]/.test(s.text)).length,
    );
    expect(arabic.body.totals.down).toBe(1);
    expect(arabic.body.articles.every((a: any) => a.lang === 'ar')).toBe(true);
    expect(sms.body.totals.questions).toBe(0);
  });

  it.each([
    ['from=2026-02-30&to=2026-03-01', /from must be a date/],
    ['from=2026-03-02&to=2026-03-01', /not be after/],
    ['from=2025-01-01&to=2026-12-31', /366 days/],
    ['channel=fax', /channel must be one of/],
  ])('answers 400 to %s', async (query, message) => {
    const { status, body } = await call('GET', `/api/staff/analytics?${query}`);

    expect(status).toBe(400);
    expect(body.error).toMatch(message);
  });

  it('needs a staff token', async () => {
    const { status } = await call('GET', '/api/staff/analytics', undefined, false);

    expect(status).toBe(401);
  });
});

describe('GET /api/staff/gaps/clusters', () => {
  it('clusters every escalated question, with the staff reply joined through its ticket', async () => {
    await call('POST', '/api/staff/gaps', {
      lang: 'en',
      question: 'Do you stock telescopes?',
      note: 'asked twice this week',
    });

    const { status, body } = await call('GET', '/api/staff/gaps/clusters?days=30');

    expect(status).toBe(200);
    const examples = body.clusters.flatMap((c: any) => c.examples);
    // A plain request for a person is a hand-off, not a gap in the help centre.
    const handOff = 'I want to talk to a person';
    for (const s of unique().filter((x) => x.kind === 'escalate' && x.text !== handOff))
      expect(examples).toContain(s.text);
    expect(examples).not.toContain(handOff);
    const answered = body.clusters.find((c: any) => c.staffAnswer);
    expect(answered.staffAnswer.text).toMatch(/Telescopes arrive next month/);
    expect(
      body.clusters.some((c: any) =>
        c.suggested.some((g: any) => g.note === 'asked twice this week'),
      ),
    ).toBe(true);
  });

  it('rejects a bad number of days or language', async () => {
    expect((await call('GET', '/api/staff/gaps/clusters?days=0')).status).toBe(400);
    expect((await call('GET', '/api/staff/gaps/clusters?days=abc')).status).toBe(400);
    expect((await call('GET', '/api/staff/gaps/clusters?lang=fr')).status).toBe(400);
  });
});

describe('kb gaps', () => {
  it('prints the Markdown report from the running server', async () => {
    const io = memoryOutput();

    const code = await runKb(
      ['gaps', '--url', server.url, '--token', server.staffToken, '--lang', 'en'],
      io,
    );

    const text = io.stdout.join('\n');
    expect(code).toBe(0);
    expect(text).toMatch(/^# Content gaps \(en, /);
    expect(text).toContain('is there a telescope in stock');
    expect(text).toMatch(/Staff answer \(MJ-/);
  });

  it('says clearly when no server is running', async () => {
    const io = memoryOutput();

    const code = await runKb(['gaps', '--url', 'http://127.0.0.1:9'], io);

    expect(code).toBe(1);
    expect(io.stderr.join('\n')).toMatch(
      /could not reach Mujib at http:\/\/127\.0\.0\.1:9.*Is the server running\?/,
    );
  });

  it('reports a wrong token', async () => {
    const io = memoryOutput();

    const code = await runKb(['gaps', '--url', server.url, '--token', 'nope'], io);

    expect(code).toBe(1);
    expect(io.stderr.join('\n')).toMatch(/refused the staff token/);
  });
});
