/**
 * Hardening of the web chat and staff API (issue 11) on the real local server and dynalite:
 * staff replies stay on their channel, ticket refs cannot be probed, one message id means one
 * message, repeated hand-offs share one ticket, and only `application/json` bodies are read.
 */
import { describe, expect, it } from 'vitest';
import { alexaCustomerKey } from '#adapters/alexa/alexa-customer.ts';
import { useTestServer } from '../helpers/local-server.ts';

const server = useTestServer({ buildWeb: false });
const { post, get, staff } = server;

async function allTickets() {
  const items = [];
  for (const status of ['open', 'claimed', 'answered', 'closed'] as const) {
    items.push(...(await server.app.tickets.list({ status }, { limit: 100 })).items);
  }
  return items;
}

describe('staff replies stay on the channel they belong to', () => {
  it('the web updates endpoint never returns or consumes an Alexa user’s reply, by any key', async () => {
    // Prepare: an Alexa customer asks for a person and staff answer.
    const userId = 'amzn1.ask.account.cross-channel-victim';
    const adapterKey = alexaCustomerKey(userId);
    const asked = await server.app.conversation.handle({
      sessionId: 'amzn1.echo-api.session.cross-1',
      messageId: 'amzn1.echo-api.request.cross-1',
      channel: 'alexa',
      lang: 'en',
      text: 'talk to a person',
      contact: { alexaUserId: userId },
      customerKey: adapterKey,
    });
    const ref = asked.reply.kind === 'escalate' ? (asked.reply.ticketRef ?? '') : '';
    await post(`/api/staff/tickets/${ref}/claim`, {}, staff());
    await post(`/api/staff/tickets/${ref}/reply`, { text: 'Private answer for you.' }, staff());
    const ticket = (await get(`/api/staff/tickets/${ref}`, staff())).body;

    // Act: poll the web endpoint with every key an attacker could know or guess.
    const keys = [
      adapterKey,
      ticket.customerKey as string,
      ticket.sessionId as string,
      userId,
      `alexa:${ticket.customerKey as string}`,
    ];
    const polls = [];
    for (const key of keys) polls.push(await get(`/api/chat/${encodeURIComponent(key)}/updates`));

    // Assess: nothing leaked, and the Alexa user still gets the reply.
    for (const poll of polls) {
      expect([200, 400]).toContain(poll.status);
      expect(poll.body.replies ?? []).toEqual([]);
    }
    expect(ticket.customerKey).not.toBe(adapterKey);
    expect(ticket.customerKey).toMatch(/^alexa:/);
    const heard = await server.app.conversation.takeStaffReplies(adapterKey);
    expect(heard.map((n) => n.text)).toEqual(['Private answer for you.']);
  });

  it('a web session still receives its own staff reply', async () => {
    const asked = await post('/api/chat', { text: 'talk to a person', sessionId: 'web-own-1' });
    const ref = asked.body.reply.ticketRef as string;
    await post(`/api/staff/tickets/${ref}/claim`, {}, staff());
    await post(`/api/staff/tickets/${ref}/reply`, { text: 'Here you go.' }, staff());

    const poll = await get('/api/chat/web-own-1/updates');

    expect(poll.body.replies.map((r: { text: string }) => r.text)).toEqual(['Here you go.']);
  });
});

describe('ticket references cannot be probed', () => {
  it('answers an unknown ref and another session’s ref on /api/chat/contact the same way', async () => {
    const asked = await post('/api/chat', { text: 'talk to a person', sessionId: 'web-enum-a' });
    const theirs = asked.body.reply.ticketRef as string;

    const other = await post('/api/chat/contact', {
      sessionId: 'web-enum-b',
      ticketRef: theirs,
      email: 'x@example.com',
    });
    const unknown = await post('/api/chat/contact', {
      sessionId: 'web-enum-b',
      ticketRef: 'MJ-ZZZZZZ',
      email: 'x@example.com',
    });

    expect(other.status).toBe(unknown.status);
    expect(other.body.error.replaceAll(theirs, 'REF')).toBe(
      unknown.body.error.replaceAll('MJ-ZZZZZZ', 'REF'),
    );
    expect((await server.app.tickets.get(theirs)).contact.email).toBeUndefined();
  });

  it('answers an oversized or malformed ref on staff routes with 404, never 500', async () => {
    const long = 'A'.repeat(3_000);
    const responses = [
      await get(`/api/staff/tickets/${long}`, staff()),
      await post(`/api/staff/tickets/${long}/claim`, {}, staff()),
      await post(`/api/staff/tickets/${long}/reply`, { text: 'hi' }, staff()),
      await post(`/api/staff/tickets/${long}/close`, {}, staff()),
      await post(`/api/staff/tickets/${long}/reopen`, {}, staff()),
      await get(`/api/staff/tickets/mj-${'1'.repeat(40)}`, staff()),
    ];

    expect(responses.map((r) => r.status)).toEqual([404, 404, 404, 404, 404, 404]);
  });
});

describe('one message id is one message', () => {
  it('21 concurrent messages with one id and different texts never open a ticket nobody was told about', async () => {
    const sessionId = 'web-race-texts';
    const texts = Array.from({ length: 21 }, (_, i) =>
      i % 2 === 0 ? `talk to a person ${i}` : `how do I reset my password ${i}`,
    );

    const results = await Promise.all(
      texts.map((text) => post('/api/chat', { text, sessionId, messageId: 'same-id' })),
    );

    // Every answer is either the one reply of the winning text, or a clear 409.
    const ok = results.filter((r) => r.status === 200);
    const conflicts = results.filter((r) => r.status !== 200);
    expect(conflicts.every((r) => r.status === 409 && /messageId/.test(r.body.error))).toBe(true);
    expect(new Set(ok.map((r) => JSON.stringify(r.body.reply))).size).toBe(1);
    const [turn, ...more] = await server.app.sessionLog.listTurns(sessionId);
    expect(more).toEqual([]);
    const tickets = (await allTickets()).filter((t) => t.sessionId === sessionId);
    expect(tickets.map((t) => t.ref)).toEqual(turn?.ticketRef ? [turn.ticketRef] : []);
  });

  it('refuses a later message that reuses an id with different text with 409', async () => {
    const first = await post('/api/chat', {
      text: 'how do I reset my password',
      sessionId: 'web-reuse-1',
      messageId: 'reuse-1',
    });
    const reused = await post('/api/chat', {
      text: 'talk to a person',
      sessionId: 'web-reuse-1',
      messageId: 'reuse-1',
    });
    const retried = await post('/api/chat', {
      text: 'how do I reset my password',
      sessionId: 'web-reuse-1',
      messageId: 'reuse-1',
    });

    expect(first.status).toBe(200);
    expect(reused.status).toBe(409);
    expect(reused.body.error).toMatch(/messageId .* different message/);
    expect(retried.body.duplicate).toBe(true);
    expect((await allTickets()).filter((t) => t.sessionId === 'web-reuse-1')).toEqual([]);
  });
});

describe('repeated hand-off requests', () => {
  it('four "talk to a person" in one session make one ticket, with the same reference each time', async () => {
    const sessionId = 'web-handoff-4';
    const asks = ['talk to a person', 'a human please', 'talk to a person!!', 'real agent now'];

    const replies = [];
    for (const text of asks) replies.push((await post('/api/chat', { text, sessionId })).body);

    const refs = new Set(replies.map((r) => r.reply.ticketRef));
    expect(replies.every((r) => r.reply.kind === 'escalate')).toBe(true);
    expect(refs.size).toBe(1);
    const tickets = (await allTickets()).filter((t) => t.sessionId === sessionId);
    expect(tickets).toHaveLength(1);
    const customerSaid = tickets[0]!.transcript.filter((e) => e.from === 'customer');
    expect(customerSaid.map((e) => e.text)).toEqual(expect.arrayContaining(asks));
    expect(tickets[0]!.transcript.some((e) => e.from === 'bot' && /again/i.test(e.text))).toBe(
      true,
    );
  });

  it('opens a new ticket once the session’s ticket is closed', async () => {
    const sessionId = 'web-handoff-closed';
    const first = await post('/api/chat', { text: 'talk to a person', sessionId });
    const ref = first.body.reply.ticketRef as string;
    await post(`/api/staff/tickets/${ref}/close`, {}, staff());

    const again = await post('/api/chat', { text: 'talk to a person', sessionId });

    expect(again.body.reply.ticketRef).toMatch(/^MJ-/);
    expect(again.body.reply.ticketRef).not.toBe(ref);
  });
});

describe('content types', () => {
  it.each(['application/json-patch+json', 'application/jsonx', 'application/json; charset=latin1'])(
    'refuses %s with 415',
    async (type) => {
      const response = await fetch(server.url + '/api/chat', {
        method: 'POST',
        headers: { 'content-type': type },
        body: JSON.stringify({ text: 'hello' }),
      });

      expect(response.status).toBe(415);
    },
  );

  it.each([
    'application/json',
    'Application/JSON; charset=UTF-8',
    'application/json;charset="utf-8"',
  ])('accepts %s', async (type) => {
    const response = await fetch(server.url + '/api/chat', {
      method: 'POST',
      headers: { 'content-type': type },
      body: JSON.stringify({ text: 'hello' }),
    });

    expect(response.status).toBe(200);
  });
});
