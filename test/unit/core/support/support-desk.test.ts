/**
 * The SupportDesk at work on the in-memory adapters: a desk heartbeat puts a staff member on
 * shift for the queues they watch until it lapses; the promise follows; the queue overview counts
 * the backlog per queue (tickets from before routing in their language's default); a ticket
 * keeps its queue and promise, and the first staff reply sets firstResponseAt once.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '#core/errors.ts';
import type { Clock, Ticket } from '#core/ports.ts';
import { backlogByQueue } from '#core/support/queue-backlog.ts';
import { parseSupportConfig } from '#core/support/support-config.ts';
import { SupportDesk } from '#core/support/support-desk.ts';
import { newTicket, type NewTicketInput } from '#core/tickets/new-ticket.ts';
import { claimTicket, replyToTicket } from '#core/tickets/ticket-lifecycle.ts';
import { MemoryTicketStore } from '#adapters/memory/memory-ticket-store.ts';
import { ListingQueueBacklog } from '#adapters/support/listing-queue-backlog.ts';
import { MemoryPresenceStore } from '#adapters/support/memory-presence-store.ts';
import { MemoryLogger } from '#adapters/log/json-logger.ts';
import type { PresenceStore } from '#core/support/presence-store.ts';
import { DynamoPresenceStore } from '#adapters/support/dynamo-presence-store.ts';
import { localClient } from '../../../helpers/dynalite.ts';

const support = parseSupportConfig(JSON.parse(readFileSync('support.json', 'utf8')));
/** Wednesday 2 December 2026, 13:00 in Riyadh: every queue is open. */
const OPEN = new Date('2026-12-02T10:00:00Z');

function movableClock(start: Date): Clock & { set(at: Date): void } {
  let now = start;
  return { now: () => now, set: (at) => void (now = at) };
}

function desk(clock: Clock, presence: PresenceStore = new MemoryPresenceStore()) {
  return new SupportDesk({ config: support, presence, clock, logger: new MemoryLogger() });
}

function ticketInput(n: number, extra: Partial<NewTicketInput> = {}): NewTicketInput {
  return {
    sourceKey: `web:s${n}#handoff-1`,
    question: `question ${n}`,
    lang: 'en',
    channel: 'web',
    sessionId: `s${n}`,
    customerKey: `k${n}`,
    reason: 'asked-for-human',
    transcript: [],
    candidates: [],
    contact: {},
    ...extra,
  };
}

describe('presence and the promise', () => {
  it('a heartbeat puts staff on shift for the queues they watch, until it lapses', async () => {
    // Prepare
    const clock = movableClock(OPEN);
    const support = desk(clock);
    const returns = support.queue('returns');
    const payments = support.queue('payments');

    // Act
    const presence = await support.heartbeat('Huda', ['returns']);
    const minutes = await support.promise(returns, 'en', clock.now());
    const otherQueue = await support.promise(payments, 'en', clock.now());
    clock.set(new Date(OPEN.getTime() + 3 * 60_000 + 1));
    const lapsed = await support.promise(returns, 'en', clock.now());

    // Assess
    expect(presence).toEqual({
      staff: 'Huda',
      queues: ['returns'],
      until: new Date(OPEN.getTime() + 3 * 60_000).toISOString(),
    });
    expect(minutes).toEqual({ kind: 'minutes' });
    expect(otherQueue?.kind).toBe('when-free');
    expect(lapsed?.kind).toBe('when-free');
  });

  it('a later heartbeat replaces the earlier one (unwatching a queue takes effect at once)', async () => {
    // Prepare
    const support = desk(movableClock(OPEN));
    await support.heartbeat('Huda', ['returns', 'payments']);

    // Act
    await support.heartbeat('Huda', ['payments']);

    // Assess
    expect((await support.promise(support.queue('returns'), 'en', OPEN))?.kind).toBe('when-free');
    expect((await support.promise(support.queue('payments'), 'en', OPEN))?.kind).toBe('minutes');
  });

  it('refuses a heartbeat naming a queue support.json does not have', async () => {
    // Act
    const refused = desk(movableClock(OPEN)).heartbeat('Huda', ['returns', 'retruns']);

    // Assess
    await expect(refused).rejects.toThrow(ValidationError);
    await expect(refused).rejects.toThrow(/unknown queue "retruns"/);
  });

  it('when presence cannot be read, nobody counts as on shift (no promise of minutes)', async () => {
    // Prepare: the DynamoDB store with nothing listening on its port (connection refused)
    const client = localClient('http://127.0.0.1:1', { maxAttempts: 1 });
    const logger = new MemoryLogger();
    const support = new SupportDesk({
      config: parseSupportConfig(JSON.parse(readFileSync('support.json', 'utf8'))),
      presence: new DynamoPresenceStore({ client, tableName: 'stats' }),
      clock: movableClock(OPEN),
      logger,
    });

    // Act
    const promise = await support.promise(support.queue('returns'), 'en', OPEN);
    client.destroy();

    // Assess
    expect(promise?.kind).toBe('when-free');
    expect(logger.lines.map((line) => line.event)).toContain('presence_read_failed');
  });
});

describe('the queue overview', () => {
  it('counts open and claimed tickets per queue with the oldest, unrouted ones in the default', async () => {
    // Prepare
    const tickets = new MemoryTicketStore();
    const at = (minutes: number) => new Date(OPEN.getTime() + minutes * 60_000);
    await tickets.create(newTicket(ticketInput(1, { queue: 'returns' }), at(-50)));
    await tickets.create(newTicket(ticketInput(2, { queue: 'returns' }), at(-10)));
    await tickets.create(newTicket(ticketInput(3), at(-30))); // before routing: English default
    await tickets.create(newTicket(ticketInput(4, { lang: 'ar' }), at(-20)));
    const claimed = (await tickets.create(newTicket(ticketInput(5, { queue: 'payments' }), at(-5))))
      .ticket;
    await tickets.update(claimTicket(claimed, 'Huda', at(-1)), claimed.version);
    const support = desk(movableClock(OPEN));
    await support.heartbeat('Huda', ['payments']);
    await support.heartbeat('Omar', ['payments', 'returns']);

    // Act
    const overview = await support.overview(new ListingQueueBacklog(tickets));

    // Assess
    const byId = Object.fromEntries(overview.map((q) => [q.id, q]));
    expect(byId.returns).toMatchObject({
      open: 2,
      claimed: 0,
      oldestWaitingSince: at(-50).toISOString(),
      openNow: true,
      onShift: ['Omar'],
      promise: 'minutes',
    });
    expect(byId.payments).toMatchObject({ open: 0, claimed: 1, onShift: ['Huda', 'Omar'] });
    expect(byId['general-en']).toMatchObject({
      open: 1,
      oldestWaitingSince: at(-30).toISOString(),
      onShift: [],
      promise: 'when-free',
    });
    expect(byId['general-ar']).toMatchObject({ open: 1 });
    expect(byId.account).toEqual(expect.objectContaining({ open: 0, claimed: 0 }));
    expect(byId.account?.oldestWaitingSince).toBeUndefined();
    expect(byId.account?.nextOpening).toBe('2026-12-03T05:00:00.000Z');
  });

  it('filters tickets by queue, counting unrouted tickets in their language’s default queue', async () => {
    // Prepare
    const tickets = new MemoryTicketStore();
    await tickets.create(newTicket(ticketInput(1, { queue: 'general-en' }), OPEN));
    await tickets.create(newTicket(ticketInput(2), OPEN));
    await tickets.create(newTicket(ticketInput(3, { lang: 'ar' }), OPEN));
    await tickets.create(newTicket(ticketInput(4, { queue: 'returns' }), OPEN));
    const support = desk(movableClock(OPEN));

    // Act
    const filter = support.ticketFilter('general-en');
    const page = await tickets.list({ status: 'open', queue: filter }, { limit: 10 });

    // Assess
    expect(filter).toEqual({ id: 'general-en', defaultFor: ['en'] });
    expect(support.ticketFilter('returns')).toEqual({ id: 'returns' });
    expect(page.items.map((t) => t.sessionId).sort()).toEqual(['s1', 's2']);
    expect(() => support.ticketFilter('nope')).toThrow(/unknown queue "nope"/);
  });

  it('backlogByQueue lists every configured queue, empty ones with zero', () => {
    expect(Object.keys(backlogByQueue(support, []))).toEqual(support.queues.map((q) => q.id));
  });
});

describe('queue, promise and first response on the ticket', () => {
  it('a new ticket keeps its queue and the promise (kind and opening time)', () => {
    // Act
    const ticket = newTicket(
      ticketInput(1, {
        queue: 'returns',
        promise: { kind: 'next-opening', at: '2026-12-03T05:00:00.000Z' },
      }),
      OPEN,
    );
    const minutes = newTicket(ticketInput(2, { promise: { kind: 'minutes' } }), OPEN);

    // Assess
    expect(ticket.queue).toBe('returns');
    expect(ticket.promise).toEqual({ kind: 'next-opening', at: '2026-12-03T05:00:00.000Z' });
    expect(minutes.promise).toEqual({ kind: 'minutes' });
    expect(minutes.queue).toBeUndefined();
  });

  it('the first staff reply sets firstResponseAt; a follow-up does not move it', () => {
    // Prepare
    const opened: Ticket = newTicket(ticketInput(1, { queue: 'returns' }), OPEN);
    const claimed = claimTicket(opened, 'Huda', new Date('2026-12-02T10:01:00Z'));

    // Act
    const first = replyToTicket(claimed, 'Huda', 'On its way', new Date('2026-12-02T10:04:00Z'));
    const second = replyToTicket(first, 'Huda', 'Anything else?', new Date('2026-12-02T11:00:00Z'));

    // Assess
    expect(opened.firstResponseAt).toBeUndefined();
    expect(first.firstResponseAt).toBe('2026-12-02T10:04:00.000Z');
    expect(second.firstResponseAt).toBe('2026-12-02T10:04:00.000Z');
    expect(second.queue).toBe('returns');
  });
});
