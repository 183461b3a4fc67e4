/**
 * The RecentlyClosedTickets contract: every adapter (the DynamoDB `byCustomer` query on dynalite,
 * the listing over a memory TicketStore) finds the same tickets — closed, of that stored
 * customer key, closed at or after the time given — and nothing else.
 */
import { describe, expect, it } from 'vitest';
import type { Ticket, TicketStore } from '#core/ports.ts';
import { markCsatAsked } from '#core/tickets/csat.ts';
import { newTicket } from '#core/tickets/new-ticket.ts';
import type { RecentlyClosedTickets } from '#core/tickets/recently-closed-tickets.ts';
import { claimTicket, closeTicket } from '#core/tickets/ticket-lifecycle.ts';

export type RecentlyClosedFactory = () => Promise<{
  tickets: TicketStore;
  recentlyClosed: RecentlyClosedTickets;
}>;

const T0 = Date.parse('2026-11-23T09:00:00.000Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000);

async function stored(store: TicketStore, n: number, customerKey: string): Promise<Ticket> {
  const ticket = newTicket(
    {
      sourceKey: `web:session-${n}:message-${n}`,
      question: `question ${n}`,
      lang: 'en',
      channel: 'web',
      sessionId: `session-${n}`,
      customerKey,
      reason: 'asked-for-human',
      transcript: [],
      candidates: [],
      contact: {},
    },
    at(n),
  );
  return (await store.create(ticket)).ticket;
}

/** Closes `t` at minute `minutes` (claimed a minute before). */
async function close(store: TicketStore, t: Ticket, minutes: number): Promise<Ticket> {
  const claimed = await store.update(claimTicket(t, 'huda', at(minutes - 1)), t.version);
  return store.update(closeTicket(claimed, 'huda', at(minutes)), claimed.version);
}

export function recentlyClosedContract(name: string, factory: RecentlyClosedFactory): void {
  describe(`RecentlyClosedTickets contract: ${name}`, () => {
    it('finds the customer’s tickets closed since a time, with their CSAT fields', async () => {
      const { tickets, recentlyClosed } = await factory();
      const early = await close(tickets, await stored(tickets, 1, 'web:alice'), 10);
      const late = await close(tickets, await stored(tickets, 2, 'web:alice'), 100);
      const asked = await tickets.update(markCsatAsked(late, at(101)), late.version);
      await stored(tickets, 3, 'web:alice'); // open
      await close(tickets, await stored(tickets, 4, 'web:bob'), 100); // another customer

      const since50 = await recentlyClosed.closedSince('web:alice', at(50).toISOString());
      const since10 = await recentlyClosed.closedSince('web:alice', at(10).toISOString());

      expect(since50.map((t) => t.ref)).toEqual([asked.ref]);
      expect(since50[0]).toMatchObject({ status: 'closed', csatAskedAt: at(101).toISOString() });
      expect(since10.map((t) => t.ref).sort()).toEqual([early.ref, asked.ref].sort());
    });

    it('finds nothing for a customer without closed tickets, or an empty key', async () => {
      const { tickets, recentlyClosed } = await factory();
      await stored(tickets, 5, 'web:carol');

      expect(await recentlyClosed.closedSince('web:carol', at(0).toISOString())).toEqual([]);
      expect(await recentlyClosed.closedSince('web:nobody', at(0).toISOString())).toEqual([]);
      expect(await recentlyClosed.closedSince('', at(0).toISOString())).toEqual([]);
    });
  });
}
