/**
 * A hand-off from a web chat records the page the chat started on (`Ticket.startPage`): the
 * page of the session's first turn, set when the ticket is opened and never changed by later
 * requests on it. The real app (conversation core, hand-off desk, memory stores).
 */
import { describe, expect, it } from 'vitest';
import { MemoryTicketStore } from '#adapters/memory/memory-ticket-store.ts';
import type { InboundMessage } from '#core/conversation/reply.ts';
import type { Ticket } from '#core/ports.ts';
import { HandOffDesk, type HandOffRequest } from '#core/tickets/hand-off.ts';
import { newTicket } from '#core/tickets/new-ticket.ts';
import { createTestApp, type TestApp } from '../../../helpers/test-app.ts';

const HUMAN = 'I want to talk to a person';

/** A clock one second further on each read, so a session's turns keep their order. */
function tickingClock(start = '2026-12-03T10:00:00Z') {
  let t = Date.parse(start);
  return { now: () => new Date((t += 1000)) };
}

let n = 0;
function say(
  app: TestApp,
  sessionId: string,
  text: string,
  extra: Partial<InboundMessage> = {},
): Promise<Ticket | undefined> {
  return app.conversation
    .handle({ sessionId, messageId: `sp-${++n}`, text, channel: 'web', ...extra })
    .then(async ({ reply }) =>
      reply.kind === 'escalate' && reply.ticketRef ? app.tickets.get(reply.ticketRef) : undefined,
    );
}

describe('the page a web chat started on, on its ticket', () => {
  it('is the start page of the session’s first turn when a later message hands over', async () => {
    const app = await createTestApp({ clock: tickingClock() });

    expect(await say(app, 'web-1', 'hello!', { startPage: '/orders/12345' })).toBeUndefined();
    const ticket = await say(app, 'web-1', HUMAN, { startPage: '/somewhere/else' });

    expect(ticket?.startPage).toBe('/orders/12345');
  });

  it('is known however long the chat went on before the hand-off (the session carries it)', async () => {
    const app = await createTestApp({ clock: tickingClock() });
    await say(app, 'web-long', 'hello!', { startPage: '/checkout' });
    // More turns than the core reads back: the first turn is no longer among them.
    for (let i = 0; i < 12; i++) await say(app, 'web-long', i % 2 ? 'thanks' : 'hello!');

    const ticket = await say(app, 'web-long', HUMAN, { startPage: '/elsewhere' });

    expect(ticket?.startPage).toBe('/checkout');
  });

  it('is the page of the message that hands over when that message opens the session', async () => {
    const app = await createTestApp({ clock: tickingClock() });

    const ticket = await say(app, 'web-2', HUMAN, { startPage: '/products/tea' });

    expect(ticket).toMatchObject({ channel: 'web', startPage: '/products/tea' });
  });

  it('is absent when the widget sent no page, or one that is not a plain path', async () => {
    const app = await createTestApp({ clock: tickingClock() });

    await say(app, 'web-3', 'hello!');
    const withoutPage = await say(app, 'web-3', HUMAN);
    const withQuery = await say(app, 'web-4', HUMAN, { startPage: '/orders?id=5' });
    const notAPath = await say(app, 'web-5', HUMAN, { startPage: 'https://shop.example/x' });

    for (const ticket of [withoutPage, withQuery, notAPath]) {
      expect(ticket?.ref).toMatch(/^MJ-/);
      expect(ticket).not.toHaveProperty('startPage');
    }
  });

  it('is not changed by a second request on the same ticket', async () => {
    const app = await createTestApp({ clock: tickingClock() });
    const first = await say(app, 'web-6', HUMAN, { startPage: '/cart' });
    // Enough turns that the session's first one falls out of the history the core reads.
    for (let i = 0; i < 9; i++) await say(app, 'web-6', i % 2 ? 'thanks' : 'hello!');

    const second = await say(app, 'web-6', HUMAN, { startPage: '/account' });

    expect(second?.ref).toBe(first?.ref);
    expect(second?.messageIds).toHaveLength(2);
    expect(second?.version).toBeGreaterThan(first!.version);
    expect(second?.startPage).toBe('/cart');
  });
});

describe('HandOffDesk and newTicket', () => {
  const now = new Date('2026-12-03T10:00:00Z');
  const request = (messageId: string, startPage?: string): HandOffRequest => ({
    messageId,
    question: 'where is my order?',
    lang: 'en',
    channel: 'web',
    sessionId: 'desk-1',
    customerKey: 'web:desk-1',
    reason: 'asked-for-human',
    transcript: [],
    candidates: [],
    contact: {},
    ...(startPage ? { startPage } : {}),
  });

  it('keeps the start page of the request that opened the ticket', async () => {
    const desk = new HandOffDesk(new MemoryTicketStore());
    const opening = request('m-1', '/orders/7');
    const opened = await desk.handOff(opening, await desk.plan(opening), now);
    const again = request('m-2', '/elsewhere');
    const added = await desk.handOff(again, await desk.plan(again), now);

    expect(opened.startPage).toBe('/orders/7');
    expect(added).toMatchObject({ ref: opened.ref, messageIds: ['m-1', 'm-2'] });
    expect(added.startPage).toBe('/orders/7');
  });

  it('opens a ticket with a plain path only', () => {
    const ticket = (startPage: string) =>
      newTicket({ ...request('m-1', startPage), sourceKey: 'web:desk-1#handoff-1' }, now);

    expect(ticket('/help/returns').startPage).toBe('/help/returns');
    expect(ticket('/a#b')).not.toHaveProperty('startPage');
    expect(ticket(`/${'x'.repeat(300)}`)).not.toHaveProperty('startPage');
  });
});
