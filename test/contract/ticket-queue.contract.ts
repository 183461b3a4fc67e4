/**
 * Support queues on tickets, for every TicketStore adapter: a ticket keeps its queue, the promise
 * made at hand-off and its first-response time through create, update, get and list; lists
 * filter by queue (tickets without one count in the queues that are their language's default),
 * alone or with status, language and channel, and page with cursors bound to the queue filter.
 * The per-queue backlog reader (QueueBacklog) of each store sees the same waiting tickets.
 */
import { describe, expect, it } from 'vitest';
import { InvalidCursorError, ValidationError } from '#core/errors.ts';
import type { Ticket, TicketFilter, TicketStore } from '#core/ports.ts';
import type { QueueBacklog } from '#core/support/queue-backlog.ts';
import { newTicket, type NewTicketInput } from '#core/tickets/new-ticket.ts';
import { claimTicket, replyToTicket } from '#core/tickets/ticket-lifecycle.ts';

export type TicketQueueFactory = () => Promise<{ tickets: TicketStore; backlog: QueueBacklog }>;

const T0 = Date.parse('2026-12-02T10:00:00.000Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000);

function input(n: number, extra: Partial<NewTicketInput> = {}): NewTicketInput {
  return {
    sourceKey: `web:queue-s${n}#handoff-1`,
    question: `question ${n}`,
    lang: 'en',
    channel: 'web',
    sessionId: `queue-s${n}`,
    customerKey: `k${n}`,
    reason: 'asked-for-human',
    transcript: [],
    candidates: [],
    contact: {},
    ...extra,
  };
}

async function all(tickets: TicketStore, filter: TicketFilter, limit = 2): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await tickets.list(filter, { limit, ...(cursor ? { cursor } : {}) });
    seen.push(...page.items.map((t) => t.sessionId));
    cursor = page.nextCursor;
  } while (cursor);
  return seen;
}

export function ticketQueueContract(name: string, factory: TicketQueueFactory): void {
  describe(`tickets in support queues: ${name}`, () => {
    it('keeps the queue, the promise and the first-response time through every write', async () => {
      // Prepare
      const { tickets } = await factory();
      const promise = { kind: 'next-opening' as const, at: '2026-12-03T05:00:00.000Z' };
      const { ticket } = await tickets.create(
        newTicket(input(1, { queue: 'returns', promise }), at(0)),
      );

      // Act
      const claimed = await tickets.update(claimTicket(ticket, 'Huda', at(1)), ticket.version);
      const answered = await tickets.update(
        replyToTicket(claimed, 'Huda', 'Your refund is on its way.', at(4)),
        claimed.version,
      );
      const read = await tickets.get(ticket.ref);
      const listed = (await tickets.list({ status: 'answered' }, { limit: 10 })).items[0];

      // Assess
      for (const t of [ticket, answered, read, listed] as Ticket[]) {
        expect(t.queue).toBe('returns');
        expect(t.promise).toEqual(promise);
      }
      expect(read?.firstResponseAt).toBe(at(4).toISOString());
      expect(listed?.firstResponseAt).toBe(at(4).toISOString());
    });

    it('a ticket without a queue comes back without one (tickets from before routing)', async () => {
      const { tickets } = await factory();
      const { ticket } = await tickets.create(newTicket(input(1), at(0)));
      expect((await tickets.get(ticket.ref))?.queue).toBeUndefined();
      expect(Object.keys((await tickets.get(ticket.ref)) ?? {})).not.toContain('queue');
    });

    it('lists a queue oldest first, with its language’s unrouted tickets when it is their default', async () => {
      // Prepare
      const { tickets } = await factory();
      const specs: Partial<NewTicketInput>[] = [
        { queue: 'returns' },
        {}, // en, unrouted → general-en
        { queue: 'general-en' },
        { queue: 'returns', lang: 'ar' },
        { lang: 'ar' }, // ar, unrouted → general-ar
        { queue: 'returns', channel: 'sms' },
        { queue: 'general-en', channel: 'sms' },
      ];
      for (const [i, spec] of specs.entries()) {
        await tickets.create(newTicket(input(i, spec), at(i)));
      }

      // Act
      const returns = await all(tickets, { status: 'open', queue: { id: 'returns' } });
      const generalEn = await all(tickets, {
        status: 'open',
        queue: { id: 'general-en', defaultFor: ['en'] },
      });
      const anyStatus = await all(tickets, { queue: { id: 'general-ar', defaultFor: ['ar'] } });
      const returnsEnWeb = await all(tickets, {
        status: 'open',
        lang: 'en',
        channel: 'web',
        queue: { id: 'returns' },
      });
      const generalSms = await all(tickets, {
        status: 'open',
        lang: 'en',
        channel: 'sms',
        queue: { id: 'general-en', defaultFor: ['en'] },
      });

      // Assess
      expect(returns).toEqual(['queue-s0', 'queue-s3', 'queue-s5']);
      expect(generalEn).toEqual(['queue-s1', 'queue-s2', 'queue-s6']);
      expect(anyStatus).toEqual(['queue-s4']);
      expect(returnsEnWeb).toEqual(['queue-s0']);
      expect(generalSms).toEqual(['queue-s6']);
    });

    it('refuses a cursor of another queue’s list, and a malformed queue filter', async () => {
      // Prepare
      const { tickets } = await factory();
      for (let i = 0; i < 3; i++) {
        await tickets.create(newTicket(input(i, { queue: 'returns' }), at(i)));
      }
      const first = await tickets.list({ status: 'open', queue: { id: 'returns' } }, { limit: 1 });

      // Act / Assess
      expect(first.nextCursor).toBeDefined();
      await expect(
        tickets.list(
          { status: 'open', queue: { id: 'payments' } },
          { limit: 1, cursor: first.nextCursor },
        ),
      ).rejects.toThrow(InvalidCursorError);
      await expect(
        tickets.list({ status: 'open' }, { limit: 1, cursor: first.nextCursor }),
      ).rejects.toThrow(InvalidCursorError);
      await expect(tickets.list({ queue: { id: 'Not A Queue!' } }, { limit: 1 })).rejects.toThrow(
        ValidationError,
      );
      await expect(
        tickets.list({ queue: { id: 'returns', defaultFor: ['fr' as 'en'] } }, { limit: 1 }),
      ).rejects.toThrow(ValidationError);
    });

    it('the backlog reader sees every open and claimed ticket with its queue and language', async () => {
      // Prepare
      const { tickets, backlog } = await factory();
      await tickets.create(newTicket(input(1, { queue: 'returns' }), at(1)));
      await tickets.create(newTicket(input(2, { lang: 'ar' }), at(2)));
      const { ticket } = await tickets.create(newTicket(input(3, { queue: 'payments' }), at(3)));
      await tickets.update(claimTicket(ticket, 'Huda', at(4)), ticket.version);
      const { ticket: done } = await tickets.create(newTicket(input(4), at(5)));
      const claimed = await tickets.update(claimTicket(done, 'Huda', at(6)), done.version);
      await tickets.update(replyToTicket(claimed, 'Huda', 'Done.', at(7)), claimed.version);

      // Act
      const waiting = await backlog.waiting();

      // Assess
      const sorted = [...waiting].sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1));
      expect(sorted).toEqual([
        { status: 'open', lang: 'en', queue: 'returns', createdAt: at(1).toISOString() },
        { status: 'open', lang: 'ar', createdAt: at(2).toISOString() },
        { status: 'claimed', lang: 'en', queue: 'payments', createdAt: at(3).toISOString() },
      ]);
    });
  });
}
