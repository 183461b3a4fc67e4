/**
 * The TicketStore contract: every adapter (DynamoDB on dynalite, memory) must pass it.
 * Idempotent creation on sourceKey, version-checked updates, filtered lists oldest first with
 * cursors, and a customer's pending staff replies.
 */
import { describe, expect, it } from 'vitest';
import {
  InvalidCursorError,
  NotFoundError,
  TicketVersionConflictError,
  ValidationError,
} from '#core/errors.ts';
import type { Ticket, TicketFilter, TicketStatus, TicketStore } from '#core/ports.ts';
import { newTicket, type NewTicketInput } from '#core/tickets/new-ticket.ts';
import { DEFAULT_TICKET_RETENTION_DAYS } from '#core/privacy/retention.ts';
import {
  claimTicket,
  closeTicket,
  recordDelivery,
  reopenTicket,
  replyToTicket,
} from '#core/tickets/ticket-lifecycle.ts';
import { ticketRefFor } from '#core/tickets/ticket-ref.ts';
import type { Channel, Lang } from '#core/types.ts';

export type TicketStoreFactory = () => Promise<TicketStore>;

const T0 = Date.parse('2025-03-01T09:00:00.000Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000);

function ticket(n: number, overrides: Partial<NewTicketInput> = {}, minutes = n): Ticket {
  return newTicket(
    {
      sourceKey: `web:session-${n}:message-${n}`,
      question: `question ${n}`,
      lang: 'en',
      channel: 'web',
      sessionId: `session-${n}`,
      customerKey: `customer-${n}`,
      reason: 'low-confidence',
      transcript: [{ at: at(minutes).toISOString(), from: 'customer', text: `question ${n}` }],
      candidates: [{ articleId: 'reset-password', title: 'Reset your password', confidence: 0.31 }],
      contact: { email: `c${n}@example.com` },
      ...overrides,
    },
    at(minutes),
  );
}

/** Walks every page of a list; fails on a repeated ticket or a runaway walk. */
async function walk(store: TicketStore, filter: TicketFilter, limit: number): Promise<string[]> {
  const refs: string[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 100; pages++) {
    const page = await store.list(filter, { limit, ...(cursor ? { cursor } : {}) });
    expect(page.items.length).toBeLessThanOrEqual(limit);
    refs.push(...page.items.map((t) => t.ref));
    cursor = page.nextCursor;
    if (!cursor) break;
    expect(page.items.length).toBe(limit);
  }
  expect(new Set(refs).size).toBe(refs.length);
  return refs;
}

export function ticketStoreContract(name: string, factory: TicketStoreFactory): void {
  describe(`TicketStore contract: ${name}`, () => {
    it('expires a ticket the retention period after it is closed, and not while it is open', async () => {
      const store = await factory();
      const { ticket: open } = await store.create(ticket(1));
      const closed = await store.update(closeTicket(open, 'sara', at(60)), open.version);
      const reopened = await store.update(reopenTicket(closed, 'sara', at(90)), closed.version);

      expect(open.expiresAt).toBeUndefined();
      expect(closed.expiresAt).toBe(
        at(60).getTime() / 1000 + DEFAULT_TICKET_RETENTION_DAYS * 86_400,
      );
      expect((await store.get(closed.ref))?.status).toBe('open');
      expect(reopened.expiresAt).toBeUndefined();
      expect((await store.get(open.ref))?.expiresAt).toBeUndefined();
    });

    it('stores a ticket under the ref derived from its source key and reads it back', async () => {
      const store = await factory();
      const t = ticket(1);
      const { created, ticket: stored } = await store.create(t);
      expect(created).toBe(true);
      expect(stored.ref).toBe(ticketRefFor(t.sourceKey));
      expect(await store.get(stored.ref)).toEqual(stored);
      expect(stored).toEqual({ ...t, ref: stored.ref });
    });

    it('an unknown ref reads as undefined', async () => {
      const store = await factory();
      expect(await store.get('MJ-ZZZZZZ')).toBeUndefined();
      expect(await store.get('')).toBeUndefined();
    });

    it('a retried escalation returns the stored ticket instead of opening a second one', async () => {
      const store = await factory();
      const first = await store.create(ticket(1));
      const retry = await store.create({ ...ticket(1), question: 'changed on retry' });
      expect(retry.created).toBe(false);
      expect(retry.ticket).toEqual(first.ticket);
      expect((await store.list({}, { limit: 10 })).items).toHaveLength(1);
    });

    it('ten concurrent creates with one source key open exactly one ticket', async () => {
      const store = await factory();
      const results = await Promise.all(Array.from({ length: 10 }, () => store.create(ticket(7))));
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(new Set(results.map((r) => r.ticket.ref)).size).toBe(1);
      expect((await store.list({ status: 'open' }, { limit: 10 })).items).toHaveLength(1);
    });

    it('lists every filter combination oldest first, and a full page walk sees each ticket once', async () => {
      // Prepare: 16 tickets over statuses × languages × channels, created out of time order.
      const store = await factory();
      const statuses: TicketStatus[] = ['open', 'claimed', 'answered', 'closed'];
      const langs: Lang[] = ['en', 'ar'];
      const channels: Channel[] = ['web', 'sms'];
      const all: Ticket[] = [];
      for (let n = 0; n < 16; n++) {
        const minutes = (n * 7) % 16;
        const t = ticket(
          n,
          { lang: langs[n % 2]!, channel: channels[Math.floor(n / 2) % 2]! },
          minutes,
        );
        const stored = (await store.create(t)).ticket;
        const status = statuses[Math.floor(n / 4) % 4]!;
        all.push(
          status === 'open' ? stored : await store.update({ ...stored, status }, stored.version),
        );
      }
      const filters: TicketFilter[] = [
        {},
        { status: 'open' },
        { status: 'closed', lang: 'ar' },
        { status: 'claimed', channel: 'sms' },
        { status: 'answered', lang: 'en', channel: 'sms' },
        { lang: 'en' },
        { channel: 'web' },
        { lang: 'ar', channel: 'web' },
      ];
      for (const filter of filters) {
        const expected = all
          .filter(
            (t) =>
              (!filter.status || t.status === filter.status) &&
              (!filter.lang || t.lang === filter.lang) &&
              (!filter.channel || t.channel === filter.channel),
          )
          .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
          .map((t) => t.ref);
        for (const limit of [1, 3, 100]) {
          // Act + Assess
          expect(await walk(store, filter, limit), JSON.stringify({ filter, limit })).toEqual(
            expected,
          );
        }
      }
    });

    it('the last page has no cursor, and an empty list is one empty page', async () => {
      const store = await factory();
      for (let n = 0; n < 4; n++) await store.create(ticket(n));
      const first = await store.list({ status: 'open' }, { limit: 2 });
      const second = await store.list({ status: 'open' }, { limit: 2, cursor: first.nextCursor! });
      expect(first.nextCursor).toBeDefined();
      expect(second.items).toHaveLength(2);
      expect(second.nextCursor).toBeUndefined();
      expect(await store.list({ status: 'closed' }, { limit: 5 })).toEqual({ items: [] });
    });

    it('a cursor it did not issue is an InvalidCursorError', async () => {
      const store = await factory();
      for (let n = 0; n < 3; n++) await store.create(ticket(n));
      const { nextCursor } = await store.list({ status: 'open' }, { limit: 1 });
      const cursor = nextCursor!;
      const tampered = cursor.slice(0, 5) + (cursor[5] === 'A' ? 'B' : 'A') + cursor.slice(6);
      for (const bad of ['garbage', '', 'a.b', tampered, `${cursor}x`, cursor.split('.')[0]!]) {
        await expect(
          store.list({ status: 'open' }, { limit: 1, cursor: bad }),
        ).rejects.toBeInstanceOf(InvalidCursorError);
      }
      // A cursor from one filter does not page another.
      await expect(store.list({ status: 'closed' }, { limit: 1, cursor })).rejects.toBeInstanceOf(
        InvalidCursorError,
      );
    });

    it('rejects an unknown filter value or a bad page size', async () => {
      const store = await factory();
      const bad = { status: 'lost' } as unknown as TicketFilter;
      await expect(store.list(bad, { limit: 5 })).rejects.toBeInstanceOf(ValidationError);
      await expect(store.list({}, { limit: 0 })).rejects.toBeInstanceOf(ValidationError);
      await expect(store.list({}, { limit: 2.5 })).rejects.toBeInstanceOf(ValidationError);
    });

    it('an update writes the next version and moves the ticket between status lists', async () => {
      const store = await factory();
      const { ticket: t } = await store.create(ticket(1));
      const claimed = claimTicket(t, 'sara', at(5));
      const stored = await store.update(claimed, t.version);
      expect(stored.version).toBe(t.version + 1);
      expect(await store.get(t.ref)).toEqual(stored);
      expect((await store.list({ status: 'open' }, { limit: 5 })).items).toEqual([]);
      expect(
        (await store.list({ status: 'claimed', lang: 'en', channel: 'web' }, { limit: 5 })).items,
      ).toEqual([stored]);
    });

    it('an update from a stale version is a TicketVersionConflictError and changes nothing', async () => {
      const store = await factory();
      const { ticket: t } = await store.create(ticket(1));
      await store.update(claimTicket(t, 'sara', at(5)), t.version);
      await expect(store.update(claimTicket(t, 'omar', at(6)), t.version)).rejects.toBeInstanceOf(
        TicketVersionConflictError,
      );
      expect((await store.get(t.ref))?.claimedBy).toBe('sara');
    });

    it('of ten concurrent updates from one version exactly one wins', async () => {
      const store = await factory();
      const { ticket: t } = await store.create(ticket(1));
      const results = await Promise.allSettled(
        Array.from({ length: 10 }, (_, i) =>
          store.update(claimTicket(t, `staff-${i}`, at(5)), t.version),
        ),
      );
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r) => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost.every((r) => r.reason instanceof TicketVersionConflictError)).toBe(true);
      expect((await store.get(t.ref))?.version).toBe(t.version + 1);
    });

    it('updating a ticket that does not exist is a NotFoundError', async () => {
      const store = await factory();
      const ghost = { ...ticket(1), ref: 'MJ-ZZZZZZ' };
      await expect(store.update(ghost, 1)).rejects.toBeInstanceOf(NotFoundError);
      expect(await store.get('MJ-ZZZZZZ')).toBeUndefined();
    });

    it('finds a customer’s tickets with undelivered staff replies, oldest first', async () => {
      // Prepare: customer A has two answered tickets and one still open; B has one answered.
      const store = await factory();
      const answer = async (t: Ticket, minutes: number) => {
        const claimed = await store.update(claimTicket(t, 'sara', at(minutes)), t.version);
        return store.update(
          replyToTicket(claimed, 'sara', 'Here is how…', at(minutes)),
          claimed.version,
        );
      };
      const a2 = (await store.create(ticket(2, { customerKey: 'A' }, 20))).ticket;
      const a1 = (await store.create(ticket(1, { customerKey: 'A' }, 10))).ticket;
      await store.create(ticket(3, { customerKey: 'A' }, 30));
      const b = (await store.create(ticket(4, { customerKey: 'B' }, 5))).ticket;
      const answeredA2 = await answer(a2, 40);
      await answer(a1, 41);
      await answer(b, 42);
      // Act
      const pendingA = await store.pendingReplies('A');
      // Assess
      expect(pendingA.map((t) => t.ref)).toEqual([a1.ref, a2.ref]);
      expect(pendingA[0]?.replies[0]).toMatchObject({ delivery: 'pending', text: 'Here is how…' });
      // Once delivered, a reply is no longer pending.
      await store.update(
        recordDelivery(answeredA2, 0, 'delivered', undefined, at(50)),
        answeredA2.version,
      );
      expect((await store.pendingReplies('A')).map((t) => t.ref)).toEqual([a1.ref]);
      expect(await store.pendingReplies('nobody')).toEqual([]);
    });
  });
}
