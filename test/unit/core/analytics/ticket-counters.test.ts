/**
 * The desk counters of a ticket (first response, agent activity, CSAT, abandonment) and of a
 * change (now minus before): what each definition counts, on which day, for which queue and
 * agent, and that any sequence of changes adds up to what the final ticket counts.
 */
import { describe, expect, it } from 'vitest';
import { bucketOf } from '#core/analytics/duration-histogram.ts';
import {
  abandonAfterSeconds,
  isAbandoned,
  queueKeyOf,
  ticketCounts,
  ticketDeskUpdates,
} from '#core/analytics/ticket-counters.ts';
import { mergeUpdates, type CounterUpdate, type Counts } from '#core/analytics/stats-store.ts';
import type { StaffReply, Ticket } from '#core/ports.ts';

const T0 = Date.parse('2026-11-23T10:00:00.000Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

const ticket = (over: Partial<Ticket> = {}): Ticket => ({
  ref: 'MJ-1',
  sourceKey: 'web:s1#handoff-1',
  status: 'open',
  question: 'q',
  lang: 'en',
  channel: 'web',
  sessionId: 's1',
  customerKey: 'k',
  reason: 'no-match',
  transcript: [{ at: at(0), from: 'customer', text: 'a person please' }],
  candidates: [],
  contact: {},
  createdAt: at(0),
  updatedAt: at(0),
  replies: [],
  version: 1,
  queue: 'returns',
  ...over,
});
const reply = (minutes: number, by = 'Huda'): StaffReply => ({
  at: at(minutes),
  by,
  text: 'hello',
  delivery: 'sent',
});

/** The merged counts of one family / key / dimension, by day. */
function countsOf(
  updates: CounterUpdate[],
  family: 'queue' | 'agent' | 'page',
  key: string,
  dimension = 'all',
): Record<string, Counts> {
  const out: Record<string, Counts> = {};
  for (const u of mergeUpdates(updates)) {
    if (u.scope !== 'keyed' || u.family !== family || u.key !== key) continue;
    if (u.dimension !== dimension) continue;
    out[u.day] = u.counts;
  }
  return out;
}

describe('first response', () => {
  it('counts the first staff reply for the ticket’s queue and the reply’s author, on the reply’s day', () => {
    const answered = ticket({ status: 'answered', replies: [reply(7, 'Omar'), reply(9, 'Huda')] });

    const updates = ticketCounts(answered);

    const expected = { firstResponses: 1, [`fr_${bucketOf(7 * 60)}`]: 1 };
    expect(countsOf(updates, 'queue', 'returns')['2026-11-23']).toMatchObject(expected);
    expect(countsOf(updates, 'agent', 'Omar')['2026-11-23']).toMatchObject(expected);
    expect(countsOf(updates, 'agent', 'Omar', 'web.en/q:returns')['2026-11-23']).toMatchObject(
      expected,
    );
    expect(countsOf(updates, 'agent', 'Huda')['2026-11-23']?.firstResponses).toBeUndefined();
  });

  it('puts a ticket routed before queues existed under its language’s default key', () => {
    const old = ticket({ queue: undefined, lang: 'ar', status: 'answered', replies: [reply(3)] });

    expect(queueKeyOf(old)).toBe('~ar');
    expect(countsOf(ticketCounts(old), 'queue', '~ar', 'ar')['2026-11-23']?.firstResponses).toBe(1);
  });
});

describe('keys no store would refuse', () => {
  it('cleans an agent name of control characters and counts an odd queue id as no queue', () => {
    const odd = ticket({
      queue: 'Returns Desk',
      status: 'answered',
      replies: [reply(3, 'Huda\nA')],
    });

    const updates = ticketCounts(odd);

    expect(queueKeyOf(odd)).toBe('~en');
    expect(countsOf(updates, 'agent', 'Huda A')['2026-11-23']).toMatchObject({ replies: 1 });
    expect(updates.some((u) => u.scope === 'keyed' && u.dimension.includes('Returns'))).toBe(false);
  });
});

describe('agent activity', () => {
  it('counts replies, distinct tickets replied per day, and a close credited to the agent holding it', () => {
    const closed = ticket({
      status: 'closed',
      claimedBy: 'Omar',
      replies: [reply(5, 'Huda'), reply(6, 'Huda'), reply(8, 'Omar'), reply(60 * 24 + 5, 'Huda')],
      closedAt: at(60 * 24 + 30),
    });

    const updates = ticketCounts(closed);

    expect(countsOf(updates, 'agent', 'Huda')).toEqual({
      '2026-11-23': {
        firstResponses: 1,
        [`fr_${bucketOf(5 * 60)}`]: 1,
        firstResponseMs: 5 * 60 * 1000,
        firstResponsesTimed: 1,
        replies: 2,
        ticketsReplied: 1,
        handled: 1,
      },
      '2026-11-24': { replies: 1, ticketsReplied: 1, handled: 1 },
    });
    expect(countsOf(updates, 'agent', 'Omar')).toEqual({
      '2026-11-23': { replies: 1, ticketsReplied: 1, handled: 1 },
      '2026-11-24': { closes: 1, handled: 1 },
    });
  });

  it('counts a ticket closed by the agent who replied that day as handled once', () => {
    const closed = ticket({
      status: 'closed',
      claimedBy: 'Huda',
      replies: [reply(5)],
      closedAt: at(10),
    });

    expect(countsOf(ticketCounts(closed), 'agent', 'Huda')['2026-11-23']).toMatchObject({
      replies: 1,
      ticketsReplied: 1,
      closes: 1,
      handled: 1,
    });
  });

  it('credits a close to the last replier when nobody holds the ticket, and to nobody without replies', () => {
    const byLastReplier = ticket({
      status: 'closed',
      replies: [reply(5, 'Omar')],
      closedAt: at(9),
    });
    const byNobody = ticket({ status: 'closed', closedAt: at(9) });

    expect(countsOf(ticketCounts(byLastReplier), 'agent', 'Omar')['2026-11-23']?.closes).toBe(1);
    expect(
      ticketCounts(byNobody).filter((u) => u.scope === 'keyed' && u.family === 'agent'),
    ).toEqual([]);
  });

  it('takes a close back when the ticket is reopened, and counts the new close on its own day', () => {
    const closed = ticket({ status: 'closed', claimedBy: 'Huda', closedAt: at(10), version: 3 });
    const reopened = ticket({ status: 'open', version: 4, updatedAt: at(60 * 24) });
    const claimed = { ...reopened, status: 'claimed' as const, claimedBy: 'Omar', version: 5 };
    const closedAgain = {
      ...claimed,
      status: 'closed' as const,
      closedAt: at(60 * 24 + 1),
      version: 6,
    };

    const updates = [
      ...ticketDeskUpdates(undefined, closed),
      ...ticketDeskUpdates(closed, reopened),
      ...ticketDeskUpdates(reopened, claimed),
      ...ticketDeskUpdates(claimed, closedAgain),
    ];

    expect(countsOf(updates, 'agent', 'Huda')).toEqual({});
    expect(countsOf(updates, 'agent', 'Omar')).toEqual({ '2026-11-24': { closes: 1, handled: 1 } });
    expect(countsOf(updates, 'queue', 'returns')).toEqual({
      '2026-11-24': { closedTickets: 1, abandoned: 1 },
    });
  });
});

describe('CSAT', () => {
  it('counts the rating on its day for the queue and the last replier before it', () => {
    const rated = ticket({
      status: 'closed',
      claimedBy: 'Omar',
      replies: [reply(5, 'Huda')],
      closedAt: at(10),
      csat: { rating: 4, at: at(60 * 24 * 2), channel: 'web' },
    });

    const updates = ticketCounts(rated);

    expect(countsOf(updates, 'queue', 'returns')['2026-11-25']).toEqual({ csat4: 1 });
    expect(countsOf(updates, 'agent', 'Huda')['2026-11-25']).toEqual({ csat4: 1 });
    expect(countsOf(updates, 'agent', 'Omar')['2026-11-25']).toBeUndefined();
  });

  it('counts a rating once however often the rated ticket changes, and moves a changed rating', () => {
    const closed = ticket({ status: 'closed', replies: [reply(5)], closedAt: at(10), version: 3 });
    const rated = { ...closed, csat: { rating: 2 as const, at: at(20), channel: 'web' as const } };
    const touched = { ...rated, version: 5, updatedAt: at(30) };
    const changed = {
      ...touched,
      csat: { rating: 5 as const, at: at(40), channel: 'web' as const },
    };

    const updates = [
      ...ticketDeskUpdates(closed, rated),
      ...ticketDeskUpdates(rated, touched),
      ...ticketDeskUpdates(touched, changed),
    ];

    expect(countsOf(updates, 'queue', 'returns')).toEqual({ '2026-11-23': { csat5: 1 } });
  });
});

describe('abandonment', () => {
  it('waits 30 minutes on web and 24 hours elsewhere before the customer counts as gone', () => {
    expect(abandonAfterSeconds('web')).toBe(1_800);
    expect(abandonAfterSeconds('sms')).toBe(86_400);
    expect(abandonAfterSeconds('whatsapp')).toBe(86_400);
    expect(abandonAfterSeconds('alexa')).toBe(86_400);
  });

  const cases: { name: string; t: Ticket; abandoned: boolean }[] = [
    {
      name: 'a closed ticket nobody replied to',
      t: ticket({ status: 'closed', closedAt: at(90) }),
      abandoned: true,
    },
    {
      name: 'a web reply after 31 minutes',
      t: ticket({ status: 'closed', replies: [reply(31)], closedAt: at(40) }),
      abandoned: true,
    },
    {
      name: 'a web reply after exactly 30 minutes',
      t: ticket({ status: 'closed', replies: [reply(30)], closedAt: at(40) }),
      abandoned: false,
    },
    {
      name: 'an SMS reply after 23 hours',
      t: ticket({
        channel: 'sms',
        status: 'closed',
        replies: [reply(23 * 60)],
        closedAt: at(1_500),
      }),
      abandoned: false,
    },
    {
      name: 'an SMS reply after 25 hours',
      t: ticket({
        channel: 'sms',
        status: 'closed',
        replies: [reply(25 * 60)],
        closedAt: at(1_600),
      }),
      abandoned: true,
    },
    {
      name: 'a web reply 10 minutes after the customer asked again',
      t: ticket({
        status: 'closed',
        transcript: [
          { at: at(0), from: 'customer', text: 'a person please' },
          { at: at(50), from: 'customer', text: 'still there?' },
          { at: at(70), from: 'customer', text: 'after the reply' },
        ],
        replies: [reply(60)],
        closedAt: at(80),
      }),
      abandoned: false,
    },
    {
      name: 'a ticket still open',
      t: ticket({ status: 'answered', replies: [reply(600)] }),
      abandoned: false,
    },
  ];
  it.each(cases)('$name (abandoned: $abandoned)', ({ t, abandoned }) => {
    expect(isAbandoned(t)).toBe(abandoned);
    const queue = countsOf(ticketCounts(t), 'queue', 'returns');
    const closedDay = Object.values(queue).find((c) => c.closedTickets);
    expect(closedDay?.abandoned ?? 0).toBe(abandoned ? 1 : 0);
  });
});

describe('changes add up to a recount', () => {
  it('sums a whole lifecycle to exactly what the final ticket counts', () => {
    const versions: Ticket[] = [ticket()];
    const step = (change: Partial<Ticket>) => {
      const last = versions.at(-1)!;
      versions.push({ ...last, ...change, version: last.version + 1 });
    };
    step({ status: 'claimed', claimedBy: 'Huda' });
    step({ status: 'answered', replies: [reply(45)] });
    step({ status: 'closed', closedAt: at(50) });
    step({ status: 'open', claimedBy: undefined, closedAt: undefined });
    step({ status: 'claimed', claimedBy: 'Omar' });
    step({ status: 'answered', replies: [reply(45), reply(60 * 30, 'Omar')] });
    step({ status: 'closed', closedAt: at(60 * 31) });
    step({ csat: { rating: 3, at: at(60 * 32), channel: 'web' } });

    const changes = versions.flatMap((after, i) => ticketDeskUpdates(versions[i - 1], after));

    const recount = mergeUpdates(ticketCounts(versions.at(-1)!));
    expect(mergeUpdates(changes)).toEqual(expect.arrayContaining(recount));
    expect(mergeUpdates(changes)).toHaveLength(recount.length);
  });
});
