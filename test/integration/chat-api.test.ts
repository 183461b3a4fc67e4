/**
 * The web chat API on the real local server, real dynalite and the sample help centre:
 * answers, bad input, exactly-once escalation, and the staff reply reaching the widget's poll.
 */
import { describe, expect, it } from 'vitest';
import { useTestServer } from '../helpers/local-server.ts';

const server = useTestServer({ buildWeb: false });
const { post, staff } = server;

describe('POST /api/chat', () => {
  it('answers a help-centre question with the article and a link', async () => {
    const { status, body } = await post('/api/chat', {
      text: 'I forgot my password, how do I reset it?',
    });

    expect(status).toBe(200);
    expect(body.reply.kind).toBe('answer');
    expect(body.reply.article.id).toBe('reset-password');
    expect(body.reply.article.url).toMatch(/^\/help\/en\/reset-password/);
    expect(body.reply.confidence).toBeGreaterThan(0.5);
    expect(body.sessionId).toMatch(/\S/);
    expect(body.logged).toBe(true);
  });

  it('answers an Arabic question in Arabic', async () => {
    const { body } = await post('/api/chat', { text: 'نسيت كلمة المرور' });

    expect(body.reply.lang).toBe('ar');
    expect(body.reply.kind).toBe('answer');
    expect(body.reply.article.url).toMatch(/^\/help\/ar\//);
  });

  it('treats Lunr query syntax in the question as plain text', async () => {
    const plain = await post('/api/chat', { text: 'reset password' });
    const syntax = await post('/api/chat', { text: 'reset: password^2 ~* +- title:x' });

    expect(syntax.status).toBe(200);
    expect(syntax.body.reply.article?.id).toBe(plain.body.reply.article?.id);
  });

  it('asks for a question when the message is only emoji or spaces', async () => {
    for (const text of ['😀🙏', '   ', '?!']) {
      const { status, body } = await post('/api/chat', { text });
      expect(status).toBe(200);
      expect(body.reply.kind).toBe('empty');
    }
  });

  it.each([
    ['malformed JSON', '{"text": ', 400, /not valid JSON/],
    ['a JSON array', '[1,2]', 400, /JSON object/],
    ['no text', { lang: 'en' }, 400, /text is required/],
    ['text that is not a string', { text: 42 }, 400, /text must be a string/],
    ['an unknown language', { text: 'hi', lang: 'fr' }, 400, /lang must be one of/],
    ['a session id with odd characters', { text: 'hi', sessionId: '<script>' }, 400, /sessionId/],
    ['text over 10,000 characters', { text: 'a'.repeat(10_001) }, 400, /at most 10000 characters/],
  ])('rejects %s with a clear 4xx', async (_name, body, status, message) => {
    const response = await post('/api/chat', body);

    expect(response.status).toBe(status);
    expect(response.body.error).toMatch(message);
  });

  it('answers a 10 KB question instead of failing', async () => {
    const text = 'how do I track my order '.repeat(400).slice(0, 10_000);
    const { status, body } = await post('/api/chat', { text });

    expect(status).toBe(200);
    expect(['answer', 'clarify', 'escalate']).toContain(body.reply.kind);
  });

  it('refuses a body over the size limit with 413 and a wrong content type with 415', async () => {
    const big = await post('/api/chat', { text: 'x'.repeat(70_000) });
    const form = await fetch(server.url + '/api/chat', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'hello',
    });

    expect(big.status).toBe(413);
    expect(form.status).toBe(415);
  });
});

describe('escalation to a person', () => {
  it('opens exactly one ticket and one log entry when the same message arrives five times at once', async () => {
    const message = {
      text: 'I want to talk to a human please',
      sessionId: 'web-dup-1',
      messageId: 'msg-dup-1',
    };

    const results = await Promise.all(Array.from({ length: 5 }, () => post('/api/chat', message)));

    const refs = new Set(results.map((r) => r.body.reply.ticketRef));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(refs.size).toBe(1);
    expect([...refs][0]).toMatch(/^MJ-[0-9A-Z]{6}$/);
    expect(results.filter((r) => !r.body.duplicate)).toHaveLength(1);
    const turns = await server.app.sessionLog.listTurns('web-dup-1');
    expect(turns).toHaveLength(1);
    const open = await server.app.tickets.list({ status: 'open' }, { limit: 100 });
    expect(open.items.filter((t) => t.sessionId === 'web-dup-1')).toHaveLength(1);
  });

  it('tells the customer the reference in their language', async () => {
    const { body } = await post('/api/chat', {
      text: 'أريد التحدث مع موظف',
      sessionId: 'web-ar-1',
    });

    expect(body.reply.kind).toBe('escalate');
    expect(body.reply.lang).toBe('ar');
    expect(body.reply.text).toContain(body.reply.ticketRef);
    expect(body.reply.text).toMatch(/فريق الدعم/);
  });

  it('delivers a staff reply to the web session on its next poll, once', async () => {
    const asked = await post('/api/chat', {
      text: 'can I speak to an agent',
      sessionId: 'web-reply-1',
    });
    const ref = asked.body.reply.ticketRef as string;
    await post('/api/chat/contact', {
      sessionId: 'web-reply-1',
      ticketRef: ref,
      email: 'sara@example.com',
    });

    const claimed = await post(`/api/staff/tickets/${ref}/claim`, {}, staff());
    const replied = await post(
      `/api/staff/tickets/${ref}/reply`,
      { text: 'Hi Sara, your parcel ships today.' },
      staff(),
    );
    const firstPoll = await (await fetch(`${server.url}/api/chat/web-reply-1/updates`)).json();
    const secondPoll = await (await fetch(`${server.url}/api/chat/web-reply-1/updates`)).json();
    const ticket = await (
      await fetch(`${server.url}/api/staff/tickets/${ref}`, { headers: staff() })
    ).json();

    expect(claimed.body.status).toBe('claimed');
    expect(replied.body.status).toBe('answered');
    expect(firstPoll.replies).toEqual([
      expect.objectContaining({ ticketRef: ref, text: 'Hi Sara, your parcel ships today.' }),
    ]);
    expect(secondPoll.replies).toEqual([]);
    expect(ticket.replies[0].delivery).toBe('delivered');
    expect(ticket.contact.email).toBe('sara@example.com');
  });

  it('lets only one staff member claim a ticket and answers the other with 409 and the state', async () => {
    const asked = await post('/api/chat', { text: 'real person please', sessionId: 'web-claim-1' });
    const ref = asked.body.reply.ticketRef as string;

    const [a, b] = await Promise.all([
      post(`/api/staff/tickets/${ref}/claim`, {}, staff('Huda')),
      post(`/api/staff/tickets/${ref}/claim`, {}, staff('Omar')),
    ]);

    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.body.currentStatus).toBe('claimed');
    expect(loser.body.error).toMatch(/claimed/);
  });
});

describe('staff API guards', () => {
  it('rejects a missing or wrong token with 401', async () => {
    const none = await fetch(`${server.url}/api/staff/tickets`);
    const wrong = await fetch(`${server.url}/api/staff/tickets`, {
      headers: { authorization: 'Bearer nope' },
    });

    expect(none.status).toBe(401);
    expect(wrong.status).toBe(401);
  });

  it('answers unknown tickets with 404 and bad cursors or filters with 400', async () => {
    const unknown = await fetch(`${server.url}/api/staff/tickets/MJ-ZZZZZZ`, { headers: staff() });
    const cursor = await fetch(`${server.url}/api/staff/tickets?cursor=garbage`, {
      headers: staff(),
    });
    const status = await fetch(`${server.url}/api/staff/tickets?status=done`, { headers: staff() });
    const limit = await fetch(`${server.url}/api/staff/tickets?limit=5000`, { headers: staff() });

    expect(unknown.status).toBe(404);
    expect(cursor.status).toBe(400);
    expect(status.status).toBe(400);
    expect(limit.status).toBe(400);
  });

  it('answers an invalid transition with 409 and the current state', async () => {
    const asked = await post('/api/chat', { text: 'talk to someone', sessionId: 'web-409-1' });
    const ref = asked.body.reply.ticketRef as string;

    const reply = await post(`/api/staff/tickets/${ref}/reply`, { text: 'hello' }, staff());

    expect(reply.status).toBe(409);
    expect(reply.body.currentStatus).toBe('open');
  });
});
