/**
 * CsatService on the memory adapters (tickets, session log, the closed-ticket listing, the SMS
 * outbox behind the opt-out guard): who is asked when, that the question goes out once, and that
 * a customer can only rate their own ticket on their own channel.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { NotFoundError, TicketStateConflictError } from '#core/errors.ts';
import type { Clock, Ticket } from '#core/ports.ts';
import { CsatService } from '#core/tickets/csat-service.ts';
import { CustomerKeys, sessionCustomerKey } from '#core/tickets/customer-key.ts';
import { newTicket } from '#core/tickets/new-ticket.ts';
import { claimTicket, closeTicket } from '#core/tickets/ticket-lifecycle.ts';
import type { Channel } from '#core/types.ts';
import { MemoryLogger } from '#adapters/log/json-logger.ts';
import { ListingRecentlyClosedTickets } from '#adapters/memory/listing-recently-closed-tickets.ts';
import { MemorySessionLog } from '#adapters/memory/memory-session-log.ts';
import { MemoryTicketStore } from '#adapters/memory/memory-ticket-store.ts';
import { OptOutGuardedSms } from '#adapters/sms/opt-out-guarded-sms.ts';
import { OutboxSms } from '#adapters/sms/outbox-sms.ts';
import { SmsCsatAsk } from '#adapters/sms/sms-csat-ask.ts';
import { MemorySmsOptOutStore } from '#adapters/sms/sms-opt-out-store.ts';
import { phoneCustomerKey } from '#adapters/sms/sms-session.ts';

const SECRET = 'unit-secret';
const keys = new CustomerKeys(SECRET);
const PHONE = '+966500000001';
const smsKey = phoneCustomerKey('sms', PHONE, SECRET);

let now = new Date('2026-11-23T09:00:00.000Z');
const clock: Clock = { now: () => new Date(now) };
const at = (iso: string) => void (now = new Date(iso));

let tickets: MemoryTicketStore;
let outbox: OutboxSms;
let optOut: MemorySmsOptOutStore;
let sessionLog: MemorySessionLog;
let logger: MemoryLogger;
let csat: CsatService;
let n = 0;

beforeEach(() => {
  tickets = new MemoryTicketStore();
  outbox = new OutboxSms();
  optOut = new MemorySmsOptOutStore();
  sessionLog = new MemorySessionLog();
  logger = new MemoryLogger();
  csat = new CsatService({
    tickets,
    recentlyClosed: new ListingRecentlyClosedTickets(tickets),
    sessionLog,
    customerKeys: keys,
    clock,
    logger,
    asks: { sms: new SmsCsatAsk(new OptOutGuardedSms(outbox, optOut, SECRET)) },
  });
});

/** A ticket of the customer `adapterKey` on `channel`, closed now. */
async function closedTicket(channel: Channel, adapterKey: string): Promise<Ticket> {
  n += 1;
  const created = await tickets.create(
    newTicket(
      {
        sourceKey: `${channel}:s-${n}:m-${n}`,
        question: 'where is my refund',
        lang: 'en',
        channel,
        sessionId: `s-${n}`,
        customerKey: keys.stored(adapterKey),
        reason: 'asked-for-human',
        transcript: [],
        candidates: [],
        contact: channel === 'sms' ? { phone: PHONE } : {},
      },
      clock.now(),
    ),
  );
  const claimed = await tickets.update(
    claimTicket(created.ticket, 'huda', clock.now()),
    created.ticket.version,
  );
  return tickets.update(closeTicket(claimed, 'huda', clock.now()), claimed.version);
}

describe('CsatService: asking on SMS when the ticket closes', () => {
  it('sends the question once and marks the ticket asked', async () => {
    const ticket = await closedTicket('sms', smsKey);

    const asked = await csat.closed(ticket);
    const again = await csat.closed(asked);

    expect(asked.csatAskedAt).toBe(now.toISOString());
    expect(again).toBe(asked);
    expect(outbox.sentTo(PHONE).map((e) => e.body)).toEqual([
      `How did we do with ${ticket.ref}? Reply 1 (poor) to 5 (great).`,
    ]);
  });

  it('does not mark the ticket asked when the question was refused (opted out)', async () => {
    const ticket = await closedTicket('sms', smsKey);
    await optOut.optOut(smsKey, now.toISOString());

    const result = await csat.closed(ticket);

    expect(result.csatAskedAt).toBeUndefined();
    expect(outbox.sent).toEqual([]);
    expect(logger.lines.map((l) => l.event)).toContain('csat_not_asked');
  });

  it('never asks web or Alexa customers at the close (they are asked at a poll or launch)', async () => {
    const ticket = await closedTicket('web', sessionCustomerKey('web', 'web-1'));

    expect((await csat.closed(ticket)).csatAskedAt).toBeUndefined();
    expect(outbox.sent).toEqual([]);
  });
});

describe('CsatService: web and Alexa questions', () => {
  it('gives each closed ticket of the customer once, oldest first, and nothing to another customer', async () => {
    const mine = sessionCustomerKey('web', 'web-2');
    at('2026-11-23T09:00:00.000Z');
    const first = await closedTicket('web', mine);
    at('2026-11-23T09:05:00.000Z');
    const second = await closedTicket('web', mine);
    await closedTicket('web', sessionCustomerKey('web', 'someone-else'));

    const asks = await csat.takeAsks(mine);
    const again = await csat.takeAsks(mine);

    expect(asks).toEqual([
      { ticketRef: first.ref, lang: 'en' },
      { ticketRef: second.ref, lang: 'en' },
    ]);
    expect(again).toEqual([]);
  });

  it('asks about one ticket per voice launch when told to', async () => {
    const alexa = 'alexa:user-hash-1';
    const first = await closedTicket('alexa', alexa);
    const second = await closedTicket('alexa', alexa);

    const launch1 = await csat.takeAsks(alexa, { limit: 1 });
    const launch2 = await csat.takeAsks(alexa, { limit: 1 });

    expect(launch1.map((a) => a.ticketRef)).toEqual([first.ref]);
    expect(launch2.map((a) => a.ticketRef)).toEqual([second.ref]);
  });

  it('never gives SMS or WhatsApp tickets to a poll (they were asked by message)', async () => {
    await closedTicket('sms', smsKey);

    expect(await csat.takeAsks(smsKey)).toEqual([]);
  });
});

describe('CsatService: who may rate', () => {
  it('only the customer, on the ticket’s own channel; a missing ticket looks the same', async () => {
    const web = sessionCustomerKey('web', 'web-3');
    const ticket = await closedTicket('web', web);

    const attempts = [
      csat.rate(ticket.ref, sessionCustomerKey('web', 'web-4'), 3),
      csat.rate(ticket.ref, `alexa:${'web-3'}`, 3),
      csat.rate('MJ-ZZZZZZ', web, 3),
      csat.rate('not a ref', web, 3),
    ];

    for (const attempt of attempts) await expect(attempt).rejects.toThrow(NotFoundError);
    expect((await tickets.get(ticket.ref))?.csat).toBeUndefined();
    const rated = await csat.rate(ticket.ref, web, 3);
    expect(rated.csat).toMatchObject({ rating: 3, channel: 'web' });
    await expect(csat.rate(ticket.ref, web, 3)).rejects.toThrow(TicketStateConflictError);
  });
});

describe('CsatService: rating replies on SMS', () => {
  it('leaves a message that is not a bare rating, or comes with no question pending, to the conversation', async () => {
    const ticket = await closedTicket('sms', smsKey);
    const input = { customerKey: smsKey, sessionId: 'sms-session-1' };

    const unasked = await csat.takeRatingReply({ ...input, text: '4' });
    await csat.closed(ticket);
    const question = await csat.takeRatingReply({ ...input, text: 'is 4 days normal?' });

    expect(unasked).toBeUndefined();
    expect(question).toBeUndefined();
    expect((await tickets.get(ticket.ref))?.csat).toBeUndefined();
  });

  it('stores a bare rating once and says thanks in the ticket’s language', async () => {
    const ticket = await csat.closed(await closedTicket('sms', smsKey));
    const input = { customerKey: smsKey, sessionId: 'sms-session-2' };

    const first = await csat.takeRatingReply({ ...input, text: '٤' });
    const second = await csat.takeRatingReply({ ...input, text: '1' });

    expect(first).toMatchObject({ outcome: 'recorded', rating: 4, ticketRef: ticket.ref });
    expect(first?.text).toBe('Thank you for rating us 4 out of 5.');
    expect(second).toMatchObject({ outcome: 'already-rated', ticketRef: ticket.ref });
    expect((await tickets.get(ticket.ref))?.csat?.rating).toBe(4);
  });
});
