/**
 * The desk's report from counters written by the real aggregator into the memory store:
 * first-response medians per queue and agent, CSAT, abandonment, agents with who is on shift,
 * conversation duration and start pages — by day, week and month, filtered by queue (tickets
 * without a queue counted in their language's default queue).
 */
import { describe, expect, it } from 'vitest';
import { MemoryStatsStore } from '#adapters/stats/memory-stats-store.ts';
import { MemoryPresenceStore } from '#adapters/support/memory-presence-store.ts';
import { aggregateEvents } from '#core/analytics/aggregate-events.ts';
import type { AnalyticsEvent } from '#core/analytics/analytics-events.ts';
import { AnalyticsService } from '#core/analytics/analytics-service.ts';
import { START_PAGE_LIMIT, type QueueDirectory } from '#core/analytics/desk-report.ts';
import { bucketOf, bucketValue } from '#core/analytics/duration-histogram.ts';
import { ValidationError } from '#core/errors.ts';
import type { StaffReply, Ticket, Turn } from '#core/ports.ts';

const DAY1 = Date.parse('2026-11-23T09:00:00.000Z'); // a Monday
const at = (minutes: number) => new Date(DAY1 + minutes * 60_000).toISOString();
const rounded = (seconds: number) => Math.round(bucketValue(bucketOf(seconds)));

const directory: QueueDirectory = {
  queues: [
    { id: 'returns', name: 'Returns and refunds' },
    { id: 'general-en', name: 'General (English)' },
  ],
  defaultQueue: { en: 'general-en', ar: 'general-en' },
};

function ticket(ref: string, over: Partial<Ticket>): Ticket {
  return {
    ref,
    sourceKey: `web:${ref}#handoff-1`,
    status: 'open',
    question: 'q',
    lang: 'en',
    channel: 'web',
    sessionId: ref,
    customerKey: ref,
    reason: 'no-match',
    transcript: [],
    candidates: [],
    contact: {},
    createdAt: at(0),
    updatedAt: at(0),
    replies: [],
    version: 1,
    ...over,
  };
}
const reply = (minutes: number, by: string): StaffReply => ({
  at: at(minutes),
  by,
  text: 'hi',
  delivery: 'sent',
});

/** Created, then changed to each of `versions` in turn. */
function lifecycle(first: Ticket, ...versions: Partial<Ticket>[]): AnalyticsEvent[] {
  const events: AnalyticsEvent[] = [{ type: 'ticket-changed', after: first }];
  let before = first;
  for (const change of versions) {
    const after = { ...before, ...change, version: before.version + 1 };
    events.push({ type: 'ticket-changed', before, after });
    before = after;
  }
  return events;
}

function turn(sessionId: string, seconds: number, over: Partial<Turn> = {}): Turn {
  return {
    sessionId,
    messageId: `m${seconds}`,
    at: new Date(DAY1 + seconds * 1000).toISOString(),
    channel: 'web',
    lang: 'en',
    text: 'hi',
    outcome: 'answer',
    reply: '…',
    ...over,
  };
}

async function service(events: AnalyticsEvent[]) {
  const stats = new MemoryStatsStore();
  await stats.increment(aggregateEvents(events).updates);
  const presence = new MemoryPresenceStore();
  await presence.heartbeat({ staff: 'Omar', queues: ['returns'], until: at(60 * 24 * 20) });
  return new AnalyticsService({
    stats,
    backlog: { read: async () => ({ open: 0, claimed: 0 }) },
    clock: { now: () => new Date(at(60 * 24 * 9)) },
    presence,
  });
}

const events: AnalyticsEvent[] = [
  // returns: answered by Huda after 4 min, closed, rated 5
  ...lifecycle(
    ticket('MJ-A', { queue: 'returns' }),
    { status: 'claimed', claimedBy: 'Huda' },
    { status: 'answered', replies: [reply(4, 'Huda')] },
    { status: 'closed', closedAt: at(10) },
    { csat: { rating: 5, at: at(20), channel: 'web' } },
  ),
  // returns: answered by Omar after 50 min (abandoned on web), closed, rated 2
  ...lifecycle(
    ticket('MJ-B', { queue: 'returns' }),
    { status: 'claimed', claimedBy: 'Omar' },
    { status: 'answered', replies: [reply(50, 'Omar')] },
    { status: 'closed', closedAt: at(55) },
    { csat: { rating: 2, at: at(60), channel: 'web' } },
  ),
  // no queue (routed before queues; counts for general-en), a week later: answered after 2 h by Huda
  ...lifecycle(
    ticket('MJ-C', { channel: 'sms', createdAt: at(60 * 24 * 7), updatedAt: at(60 * 24 * 7) }),
    { status: 'claimed', claimedBy: 'Huda' },
    { status: 'answered', replies: [reply(60 * 24 * 7 + 120, 'Huda')] },
  ),
  // general-en: closed without a reply
  ...lifecycle(ticket('MJ-D', { queue: 'general-en' }), { status: 'closed', closedAt: at(30) }),
  // two conversations: 5 min from /tea, and one turn from /cart
  ...[
    turn('s1', 0, {
      firstOfSession: true,
      startPage: '/tea',
      session: { startedAt: turn('s1', 0).at, lang: 'en' },
    }),
    turn('s1', 300, {
      session: { startedAt: turn('s1', 0).at, lang: 'en', previousAt: turn('s1', 0).at },
    }),
    turn('s2', 10, {
      firstOfSession: true,
      startPage: '/cart',
      session: { startedAt: turn('s2', 10).at, lang: 'en' },
    }),
  ].map((t): AnalyticsEvent => ({ type: 'turn-recorded', turn: t })),
];

describe('desk report', () => {
  it('reports first response per queue and agent, folding tickets without a queue into the default', async () => {
    const report = await (
      await service(events)
    ).report({ from: '2026-11-23', to: '2026-12-06' }, { queues: directory });
    const fr = report.desk.firstResponse;

    expect(fr.total).toEqual({
      count: 3,
      medianSeconds: rounded(50 * 60),
      p90Seconds: rounded(120 * 60),
      meanSeconds: (240 + 3_000 + 7_200) / 3,
    });
    expect(fr.byQueue).toEqual([
      {
        queue: 'general-en',
        name: 'General (English)',
        count: 1,
        medianSeconds: rounded(7_200),
        p90Seconds: rounded(7_200),
        meanSeconds: 7_200,
      },
      {
        queue: 'returns',
        name: 'Returns and refunds',
        count: 2,
        medianSeconds: rounded(240),
        p90Seconds: rounded(3_000),
        meanSeconds: (240 + 3_000) / 2,
      },
    ]);
    expect(fr.byAgent.map((a) => [a.agent, a.count, a.medianSeconds])).toEqual([
      ['Huda', 2, rounded(240)],
      ['Omar', 1, rounded(3_000)],
    ]);
    expect(report.desk.queues).toEqual(directory.queues);
  });

  it('reports CSAT, abandonment and agents with who is on shift', async () => {
    const { desk } = await (
      await service(events)
    ).report({ from: '2026-11-23', to: '2026-12-06' }, { queues: directory });

    expect(desk.csat.total).toEqual({
      ratings: 2,
      average: 3.5,
      satisfiedShare: 0.5,
      distribution: [0, 1, 0, 0, 1],
    });
    expect(desk.csat.byAgent.map((a) => [a.agent, a.average])).toEqual([
      ['Huda', 5],
      ['Omar', 2],
    ]);
    expect(desk.abandonment.total).toEqual({ closed: 3, abandoned: 2, rate: 0.6667 });
    expect(desk.abandonment.byQueue).toEqual([
      { queue: 'general-en', name: 'General (English)', closed: 1, abandoned: 1, rate: 1 },
      { queue: 'returns', name: 'Returns and refunds', closed: 2, abandoned: 1, rate: 0.5 },
    ]);
    expect(
      desk.agents.rows.map((a) => [
        a.agent,
        a.handled,
        a.replies,
        a.closes,
        a.onShift,
        a.lastActive,
      ]),
    ).toEqual([
      ['Huda', 2, 2, 1, false, '2026-11-30'],
      ['Omar', 1, 1, 1, true, '2026-11-23'],
    ]);
    expect(desk.agents.onShift).toEqual([
      { staff: 'Omar', queues: ['returns'], until: at(60 * 24 * 20) },
    ]);
    expect(desk.conversationDuration.total).toMatchObject({ count: 2, p90Seconds: rounded(300) });
    expect(desk.conversationDuration.bands.find((b) => b.label === '2–5 min')?.conversations).toBe(
      1,
    );
    expect(desk.startPages).toEqual({
      rows: [
        { page: '/cart', conversations: 1 },
        { page: '/tea', conversations: 1 },
      ],
      conversations: 2,
      pages: 2,
    });
  });

  it('groups by week and by month, and narrows the desk (not the traffic) to one queue', async () => {
    const analytics = await service(events);

    const weekly = await analytics.report(
      { from: '2026-11-23', to: '2026-12-06', period: 'week', queue: 'general-en' },
      { queues: directory },
    );
    const monthly = await analytics.report(
      { from: '2026-11-23', to: '2026-12-06', period: 'month' },
      { queues: directory },
    );

    expect(weekly.desk.periods).toEqual(['2026-11-23', '2026-11-30']);
    expect(weekly.desk.firstResponse.series.map((p) => [p.period, p.count])).toEqual([
      ['2026-11-23', 0],
      ['2026-11-30', 1],
    ]);
    expect(weekly.desk.firstResponse.byAgent.map((a) => a.agent)).toEqual(['Huda']);
    expect(weekly.desk.abandonment.byQueue.map((q) => q.queue)).toEqual(['general-en']);
    expect(weekly.totals.conversations).toBe(2);
    expect(weekly.desk.startPages.conversations).toBe(2);
    expect(monthly.desk.periods).toEqual(['2026-11', '2026-12']);
    expect(monthly.desk.csat.series.map((p) => p.ratings)).toEqual([2, 0]);
  });

  it('lists at most START_PAGE_LIMIT start pages, most conversations first', async () => {
    const many = Array.from({ length: START_PAGE_LIMIT + 5 }, (_, i) =>
      turn(`p${i}`, i, { firstOfSession: true, startPage: `/p/${i}` }),
    ).map((t): AnalyticsEvent => ({ type: 'turn-recorded', turn: t }));
    many.push({
      type: 'turn-recorded',
      turn: turn('again', 99, { firstOfSession: true, startPage: '/p/7' }),
    });

    const { desk } = await (await service(many)).report({ from: '2026-11-23', to: '2026-11-23' });

    expect(desk.startPages.rows).toHaveLength(START_PAGE_LIMIT);
    expect(desk.startPages.rows[0]).toEqual({ page: '/p/7', conversations: 2 });
    expect(desk.startPages).toMatchObject({
      conversations: START_PAGE_LIMIT + 6,
      pages: START_PAGE_LIMIT + 5,
    });
  });

  it('refuses a queue the support configuration does not have', async () => {
    const analytics = await service([]);

    await expect(analytics.report({ queue: 'billing' }, { queues: directory })).rejects.toThrow(
      ValidationError,
    );
    await expect(analytics.report({ queue: 'billing' }, { queues: directory })).rejects.toThrow(
      /queue must be one of returns, general-en/,
    );
  });
});
