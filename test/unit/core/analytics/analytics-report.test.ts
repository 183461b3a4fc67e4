/**
 * Turns and ticket changes → counters → report numbers: the rates, weekly sums, durations and
 * article rows the dashboard shows, computed from the same counters the decorators write.
 */
import { describe, expect, it } from 'vitest';
import { buildReport } from '#core/analytics/analytics-report.ts';
import { AnalyticsService } from '#core/analytics/analytics-service.ts';
import {
  feedbackUpdates,
  gapQuestionOf,
  ticketChangedUpdates,
  ticketCreatedUpdates,
  turnUpdates,
} from '#core/analytics/stats-events.ts';
import { mergeUpdates, type CounterUpdate } from '#core/analytics/stats-store.ts';
import type { Ticket, Turn } from '#core/ports.ts';
import { ValidationError } from '#core/errors.ts';
import { MemoryStatsStore } from '#adapters/stats/memory-stats-store.ts';
import { TicketBacklog } from '#core/analytics/ticket-backlog.ts';

const turn = (over: Partial<Turn>): Turn => ({
  sessionId: 's1',
  messageId: 'm1',
  at: '2026-11-23T10:00:00.000Z',
  channel: 'web',
  lang: 'en',
  text: 'how do I reset my password',
  outcome: 'answer',
  reply: '…',
  ...over,
});

const ticket = (over: Partial<Ticket>): Ticket => ({
  ref: 'MJ-1',
  sourceKey: 'web:s1:m1',
  status: 'open',
  question: 'q',
  lang: 'en',
  channel: 'sms',
  sessionId: 's1',
  customerKey: 's1',
  reason: 'no-match',
  transcript: [],
  candidates: [],
  contact: {},
  createdAt: '2026-11-23T10:00:00.000Z',
  updatedAt: '2026-11-23T10:00:00.000Z',
  replies: [],
  version: 1,
  ...over,
});

const noBacklog = { open: 0, claimed: 0 };

function report(updates: CounterUpdate[], from = '2026-11-23', to = '2026-11-29') {
  const all = mergeUpdates(updates);
  const rows = (dimension: string) =>
    all.flatMap((u) =>
      u.scope === 'day' && u.dimension === dimension ? [{ day: u.day, counts: u.counts }] : [],
    );
  return buildReport({
    query: { from, to },
    now: new Date('2026-11-30T00:00:00Z'),
    main: rows('all'),
    byChannel: { web: rows('web'), sms: rows('sms'), alexa: rows('alexa') },
    byLang: { en: rows('en'), ar: rows('ar') },
    articles: all.flatMap((u) =>
      u.scope === 'article' ? [{ lang: u.lang, articleId: u.articleId, counts: u.counts }] : [],
    ),
    backlog: noBacklog,
  });
}

describe('analytics report', () => {
  it('computes containment, clarification and escalation as shares of questions', () => {
    const updates = [
      ...turnUpdates(turn({ messageId: 'a1', confidence: 0.9, articleId: 'reset-password' }), true),
      ...turnUpdates(
        turn({ messageId: 'a2', confidence: 0.7, articleId: 'reset-password' }),
        false,
      ),
      ...turnUpdates(turn({ messageId: 'c1', outcome: 'clarify', confidence: 0.4 }), false),
      ...turnUpdates(turn({ messageId: 'e1', outcome: 'escalate', channel: 'sms' }), true),
      ...turnUpdates(turn({ messageId: 'g1', outcome: 'smalltalk' }), false),
    ];

    const { totals, days } = report(updates);

    expect(totals.questions).toBe(4);
    expect(totals.conversations).toBe(2);
    expect(totals.smalltalk).toBe(1);
    expect(totals.containment).toBe(0.75);
    expect(totals.clarifyRate).toBe(0.25);
    expect(totals.escalationRate).toBe(0.25);
    expect(totals.averageConfidence).toBe(0.8);
    expect(totals.questionsByChannel).toEqual({ web: 3, sms: 1, whatsapp: 0, alexa: 0 });
    expect(days).toHaveLength(7);
    expect(days[0]!.questions).toBe(4);
    expect(days[1]!.containment).toBeNull();
  });

  it('moves a changed thumb from up to down instead of counting both', () => {
    const answered = turn({ articleId: 'reset-password', confidence: 0.9 });
    const updates = [
      ...turnUpdates(answered, true),
      ...feedbackUpdates(answered, undefined, 'up'),
      ...feedbackUpdates({ ...answered, feedback: 'up' }, 'up', 'up'),
      ...feedbackUpdates({ ...answered, feedback: 'up' }, 'up', 'down'),
    ];

    const { totals, articles } = report(updates);

    expect(totals.up).toBe(0);
    expect(totals.down).toBe(1);
    expect(articles).toEqual([
      {
        lang: 'en',
        articleId: 'reset-password',
        answers: 1,
        averageConfidence: 0.9,
        up: 0,
        down: 1,
      },
    ]);
  });

  it('derives median and p90 time to first reply and to close from ticket changes', () => {
    const updates: CounterUpdate[] = [];
    // ten tickets answered after 1..10 minutes; closed after 1 h
    for (let i = 1; i <= 10; i++) {
      const opened = ticket({ ref: `MJ-${i}` });
      const replyAt = new Date(Date.parse(opened.createdAt) + i * 60_000).toISOString();
      const answered = ticket({
        ref: `MJ-${i}`,
        status: 'answered',
        replies: [{ at: replyAt, by: 'Huda', text: 'hi', delivery: 'sent' }],
        version: 2,
      });
      const closed = ticket({
        ...answered,
        status: 'closed',
        closedAt: '2026-11-23T11:00:00.000Z',
        version: 3,
      });
      updates.push(...ticketCreatedUpdates(opened));
      updates.push(...ticketChangedUpdates(opened, answered));
      updates.push(...ticketChangedUpdates(answered, { ...answered, version: 3 })); // a delivery update
      updates.push(...ticketChangedUpdates(answered, closed));
    }

    const { totals } = report(updates);

    expect(totals.ticketsOpened).toBe(10);
    expect(totals.ticketsAnswered).toBe(10);
    expect(totals.ticketsClosed).toBe(10);
    expect(totals.timeToFirstReply.count).toBe(10);
    expect(Math.abs(totals.timeToFirstReply.medianSeconds! - 300) / 300).toBeLessThan(0.1);
    expect(Math.abs(totals.timeToFirstReply.p90Seconds! - 540) / 540).toBeLessThan(0.1);
    expect(Math.abs(totals.timeToClose.medianSeconds! - 3_600) / 3_600).toBeLessThan(0.1);
  });

  it('adds days up into ISO weeks', () => {
    const updates = [
      ...turnUpdates(turn({ at: '2026-11-29T23:00:00Z' }), true), // Sunday
      ...turnUpdates(turn({ at: '2026-11-30T01:00:00Z', messageId: 'm2' }), false), // Monday
    ];

    const { weeks } = report(updates, '2026-11-23', '2026-12-06');

    expect(weeks.map((w) => [w.weekStart, w.questions])).toEqual([
      ['2026-11-23', 1],
      ['2026-11-30', 1],
    ]);
  });

  it('keeps escalated and low-confidence questions for the gap report, not confident answers', () => {
    const escalated = turn({
      outcome: 'escalate',
      ticketRef: 'MJ-9',
      payload: JSON.stringify({ kind: 'escalate', reason: 'no-match' }),
    });

    expect(gapQuestionOf(escalated)).toMatchObject({ ticketRef: 'MJ-9', reason: 'no-match' });
    expect(
      gapQuestionOf(turn({ outcome: 'clarify', confidence: 0.3, articleId: 'x' })),
    ).toMatchObject({
      articleId: 'x',
      confidence: 0.3,
    });
    expect(gapQuestionOf(turn({ confidence: 0.9 }))).toBeUndefined();
    expect(gapQuestionOf(turn({ outcome: 'smalltalk' }))).toBeUndefined();
  });

  it('does not count a request for a person as a gap in the help centre', () => {
    const handOff = turn({
      outcome: 'escalate',
      ticketRef: 'MJ-8',
      payload: JSON.stringify({ kind: 'escalate', reason: 'asked-for-human' }),
    });

    expect(gapQuestionOf(handOff)).toBeUndefined();
  });
});

describe('analytics service', () => {
  class FixedBacklog extends TicketBacklog {
    override async read() {
      return { open: 2, claimed: 1, oldestWaitingSince: '2026-11-29T00:00:00.000Z' };
    }
  }
  const service = new AnalyticsService({
    stats: new MemoryStatsStore(),
    backlog: new FixedBacklog(),
    clock: { now: () => new Date('2026-11-30T12:00:00Z') },
  });

  it('defaults to the last 30 days and reports the backlog with its oldest wait', async () => {
    const result = await service.report({});

    expect(result.query).toEqual({ from: '2026-11-01', to: '2026-11-30', period: 'day' });
    expect(result.days).toHaveLength(30);
    expect(result.backlog).toEqual({
      open: 2,
      claimed: 1,
      oldestWaitingSince: '2026-11-29T00:00:00.000Z',
      oldestWaitingSeconds: 36 * 3_600,
    });
  });

  it.each([
    [{ from: '2026-13-01' }, /from must be a date/],
    [{ from: '2026-11-30', to: '2026-11-01' }, /not be after/],
    [{ from: '2024-01-01', to: '2026-01-01' }, /366 days/],
    [{ channel: 'fax' }, /channel must be one of/],
    [{ lang: 'fr' }, /lang must be one of/],
    [{ period: 'year' }, /period must be one of day, week, month/],
    [{ queue: 'Returns!' }, /queue must be a queue id/],
  ])('rejects %o', async (request, message) => {
    await expect(service.report(request)).rejects.toThrow(ValidationError);
    await expect(service.report(request)).rejects.toThrow(message);
  });
});
