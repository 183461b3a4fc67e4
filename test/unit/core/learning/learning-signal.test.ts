import { describe, expect, it } from 'vitest';
import { aggregateEvents } from '#core/analytics/aggregate-events.ts';
import { gapQuestionOf } from '#core/analytics/stats-events.ts';
import { learningSignalsOf } from '#core/learning/learning-signal.ts';
import type { Ticket, Turn } from '#core/ports.ts';

function turn(overrides: Partial<Turn> = {}): Turn {
  return {
    sessionId: 's1',
    messageId: 'm2',
    at: '2025-03-01T09:00:00.000Z',
    channel: 'sms',
    lang: 'en',
    text: '2',
    outcome: 'answer',
    reply: 'To reset your password…',
    articleId: 'reset-password',
    confidence: 0.31,
    ...overrides,
  };
}

function ticket(overrides: Partial<Ticket> = {}): Ticket {
  return {
    ref: 'MJ-ABC123',
    sourceKey: 'web:s1:1',
    status: 'answered',
    question: 'my login code never arrives, call me on +44 7700 900123',
    lang: 'en',
    channel: 'web',
    sessionId: 's1',
    customerKey: 'k',
    reason: 'low-confidence',
    transcript: [],
    candidates: [{ articleId: 'two-factor', title: 'Two-factor', confidence: 0.4 }],
    contact: {},
    createdAt: '2025-03-01T09:00:00.000Z',
    updatedAt: '2025-03-01T10:00:00.000Z',
    replies: [],
    version: 3,
    ...overrides,
  };
}

const picked = turn({ picked: { messageId: 'm1', question: 'I cannot get into my account' } });

describe('learning signals', () => {
  it('a pick from "did you mean" pairs the clarified question with the picked article', () => {
    const signals = learningSignalsOf({ type: 'turn-recorded', turn: picked });
    expect(signals).toEqual([
      {
        id: 'picked#s1#m2',
        kind: 'picked',
        at: picked.at,
        lang: 'en',
        articleId: 'reset-password',
        question: 'I cannot get into my account',
      },
    ]);
  });

  it('an ordinary answer teaches nothing', () => {
    expect(
      learningSignalsOf({ type: 'turn-recorded', turn: turn({ text: 'reset password' }) }),
    ).toEqual([]);
  });

  it('a thumbs down on an answer is a signal against its phrasing; a thumbs up is not', () => {
    const down = learningSignalsOf({ type: 'feedback-given', turn: picked, feedback: 'down' });
    const up = learningSignalsOf({ type: 'feedback-given', turn: picked, feedback: 'up' });
    expect(down).toMatchObject([
      {
        kind: 'thumbs-down',
        articleId: 'reset-password',
        question: 'I cannot get into my account',
      },
    ]);
    expect(up).toEqual([]);
  });

  it('"answered by article" on a ticket is a signal, redacted, saying whether it ranked first', () => {
    const before = ticket();
    const mark = { articleId: 'two-factor', by: 'Huda', at: '2025-03-01T10:00:00.000Z' };
    const [signal] = learningSignalsOf({
      type: 'ticket-changed',
      before,
      after: ticket({ answeredBy: mark, version: 4 }),
    });
    expect(signal).toMatchObject({
      id: 'answered-by#MJ-ABC123',
      kind: 'answered-by',
      articleId: 'two-factor',
      rankedFirst: true,
      by: 'Huda',
      ticketRef: 'MJ-ABC123',
    });
    expect(signal?.question).toBe('my login code never arrives, call me on [phone]');
    const other = learningSignalsOf({
      type: 'ticket-changed',
      before,
      after: ticket({ answeredBy: { ...mark, articleId: 'reset-password' } }),
    });
    expect(other[0]?.rankedFirst).toBe(false);
  });

  it('a ticket opened by asking for a person quotes the question asked before, not the request', () => {
    const mark = { articleId: 'two-factor', by: 'Huda', at: '2025-03-01T10:00:00.000Z' };
    const at = '2025-03-01T09:00:00.000Z';
    const handOff = (transcript: Ticket['transcript']) =>
      learningSignalsOf({
        type: 'ticket-changed',
        after: ticket({
          reason: 'asked-for-human',
          question: 'that did not help, I want to talk to a person',
          transcript,
          answeredBy: mark,
        }),
      });
    const [signal] = handOff([
      { at, from: 'customer', text: 'my login code never arrives' },
      { at, from: 'bot', text: 'Here is how two-step sign-in works…' },
      { at, from: 'customer', text: 'that did not help, I want to talk to a person' },
    ]);
    expect(signal?.question).toBe('my login code never arrives');
    // Asked for a person straight away: there is no phrasing to learn.
    expect(
      handOff([{ at, from: 'customer', text: 'that did not help, I want to talk to a person' }]),
    ).toEqual([]);
  });

  it('a ticket change that does not change the mark adds no signal', () => {
    const mark = { articleId: 'two-factor', by: 'Huda', at: '2025-03-01T10:00:00.000Z' };
    const change = {
      type: 'ticket-changed' as const,
      before: ticket({ answeredBy: mark }),
      after: ticket({ answeredBy: mark, status: 'closed' }),
    };
    expect(learningSignalsOf(change)).toEqual([]);
  });

  it('the aggregator hands the signals of a batch on with the counters', () => {
    const { learningSignals } = aggregateEvents([
      { type: 'turn-recorded', turn: picked },
      { type: 'turn-recorded', turn: picked },
    ]);
    expect(learningSignals.map((s) => s.id)).toEqual(['picked#s1#m2']);
  });
});

describe('gap questions leave out answers the customer chose', () => {
  it('a low-confidence pick from "did you mean" is not a gap', () => {
    expect(gapQuestionOf(picked)).toBeUndefined();
  });

  it.each(['2', ' 2 ', '٢', '2nd', '#3', '1)'])('a bare choice %j is not a gap', (text) => {
    expect(gapQuestionOf(turn({ text, outcome: 'escalate', confidence: 0.1 }))).toBeUndefined();
  });

  it('a real low-confidence question still is', () => {
    expect(gapQuestionOf(turn({ text: 'can I pay with bitcoin', confidence: 0.2 }))).toMatchObject({
      text: 'can I pay with bitcoin',
    });
  });
});
