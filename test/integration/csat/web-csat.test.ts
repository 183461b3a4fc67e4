/**
 * The satisfaction question in web chat, through the real app and routes on dynalite: a closed
 * ticket's session is asked once on its poll (after the staff reply), rates it with
 * POST /api/chat/tickets/:ref/csat, and the rating is stored once; other sessions, bad ratings
 * and tickets not closed are refused.
 */
import { describe, expect, it } from 'vitest';
import type { Clock } from '#core/ports.ts';
import { useTestServer } from '../../helpers/local-server.ts';

/** A clock the test moves (the server's only notion of time). */
function movableClock(iso: string): Clock & { set(iso: string): void } {
  let at = new Date(iso);
  return { now: () => new Date(at), set: (next) => void (at = new Date(next)) };
}

const clock = movableClock('2026-11-23T09:00:00.000Z');
const server = useTestServer({ buildWeb: false, clock });
const { post, get, staff } = server;

/** A web session that asked for a person: its ticket reference. */
async function handOff(sessionId: string): Promise<string> {
  const asked = await post('/api/chat', { text: 'talk to a person', sessionId });
  expect(asked.status).toBe(200);
  const ref = asked.body.reply.ticketRef as string;
  expect(ref).toMatch(/^MJ-/);
  return ref;
}

/** Staff claim, reply to and close the ticket. */
async function answerAndClose(ref: string): Promise<void> {
  expect((await post(`/api/staff/tickets/${ref}/claim`, {}, staff())).status).toBe(200);
  const replied = await post(`/api/staff/tickets/${ref}/reply`, { text: 'Done.' }, staff());
  expect(replied.status).toBe(200);
  expect((await post(`/api/staff/tickets/${ref}/close`, {}, staff())).status).toBe(200);
}

const rate = (ref: string, body: unknown) => post(`/api/chat/tickets/${ref}/csat`, body);

describe('web chat CSAT', () => {
  it('asks once on the poll after the staff reply, then stores the rating once', async () => {
    // Prepare
    clock.set('2026-11-23T09:00:00.000Z');
    const ref = await handOff('csat-web-1');
    clock.set('2026-11-23T09:05:00.000Z');
    await answerAndClose(ref);

    // Act
    clock.set('2026-11-23T09:06:00.000Z');
    const firstPoll = await get('/api/chat/csat-web-1/updates');
    const secondPoll = await get('/api/chat/csat-web-1/updates');
    const rated = await rate(ref, { sessionId: 'csat-web-1', rating: 4 });
    const again = await rate(ref, { sessionId: 'csat-web-1', rating: 5 });
    const ticket = await get(`/api/staff/tickets/${ref}`, staff());

    // Assess
    expect(firstPoll.body.replies.map((r: { text: string }) => r.text)).toEqual(['Done.']);
    expect(firstPoll.body.csat).toEqual([{ ticketRef: ref, lang: 'en' }]);
    expect(secondPoll.body).toEqual({ replies: [], csat: [] });
    expect(rated.status).toBe(200);
    expect(rated.body).toEqual({
      ticketRef: ref,
      csat: { rating: 4, at: '2026-11-23T09:06:00.000Z', channel: 'web' },
    });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatch(/already rated/);
    expect(ticket.body.csat).toEqual({
      rating: 4,
      at: '2026-11-23T09:06:00.000Z',
      channel: 'web',
    });
    expect(ticket.body.csatAskedAt).toBe('2026-11-23T09:06:00.000Z');
  });

  it('refuses another session’s rating exactly as an unknown ticket (no probing references)', async () => {
    clock.set('2026-11-23T10:00:00.000Z');
    const ref = await handOff('csat-web-owner');
    await answerAndClose(ref);

    const otherSession = await rate(ref, { sessionId: 'csat-web-stranger', rating: 1 });
    const unknownRef = await rate('MJ-ZZZZZZ', { sessionId: 'csat-web-stranger', rating: 1 });
    const ticket = await get(`/api/staff/tickets/${ref}`, staff());

    expect(otherSession.status).toBe(404);
    expect(unknownRef.status).toBe(404);
    expect(otherSession.body.error).toBe(`no ticket ${ref} for this customer`);
    expect(unknownRef.body.error).toBe('no ticket MJ-ZZZZZZ for this customer');
    expect(ticket.body.csat).toBeUndefined();
  });

  it('refuses a bad rating with 400 and a ticket that is not closed with 409', async () => {
    clock.set('2026-11-23T11:00:00.000Z');
    const ref = await handOff('csat-web-open');

    const notClosed = await rate(ref, { sessionId: 'csat-web-open', rating: 5 });
    const results = await Promise.all([
      rate(ref, { sessionId: 'csat-web-open', rating: 6 }),
      rate(ref, { sessionId: 'csat-web-open', rating: '4' }),
      rate(ref, { sessionId: 'csat-web-open', rating: 2.5 }),
      rate(ref, { sessionId: 'csat-web-open' }),
      rate(ref, { rating: 4 }),
      rate(ref, { sessionId: 'bad id with spaces', rating: 4 }),
    ]);

    expect(notClosed.status).toBe(409);
    expect(notClosed.body.error).toMatch(/is open: cannot rate/);
    expect(results.map((r) => r.status)).toEqual([400, 400, 400, 400, 400, 400]);
    for (const r of results) expect(typeof r.body.error).toBe('string');
    expect(results[0]!.body.error).toBe('rating must be an integer from 1 to 5');
  });

  it('does not ask about a ticket closed more than three days before the next poll', async () => {
    clock.set('2026-11-23T12:00:00.000Z');
    const ref = await handOff('csat-web-late');
    await answerAndClose(ref);

    clock.set('2026-11-26T12:00:01.000Z');
    const poll = await get('/api/chat/csat-web-late/updates');
    const ticket = await get(`/api/staff/tickets/${ref}`, staff());

    expect(poll.body.replies.map((r: { text: string }) => r.text)).toEqual(['Done.']);
    expect(poll.body.csat).toEqual([]);
    expect(ticket.body.csatAskedAt).toBeUndefined();
  });
});
