/**
 * Conversation duration and start pages from fields on the turns alone: a session's turns,
 * each with the session it saw in the history (turn-session.ts), add up to one conversation in
 * the bucket of (last turn − first turn), on the day it started; a first turn names its page.
 */
import { describe, expect, it } from 'vitest';
import { bucketOf } from '#core/analytics/duration-histogram.ts';
import { sessionUpdates } from '#core/analytics/session-counters.ts';
import { mergeUpdates } from '#core/analytics/stats-store.ts';
import { startPageOf, turnSession } from '#core/analytics/turn-session.ts';
import type { Turn } from '#core/ports.ts';

const T0 = Date.parse('2026-11-23T23:58:00.000Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();

/** A session's turns at these seconds, each given the session its predecessors imply. */
function session(seconds: number[], over: Partial<Turn> = {}): Turn[] {
  const turns: Turn[] = [];
  for (const [i, s] of seconds.entries()) {
    const turn: Turn = {
      sessionId: 's1',
      messageId: `m${i}`,
      at: at(s),
      channel: 'web',
      lang: i === 0 ? 'ar' : 'en',
      text: 'hi',
      outcome: 'answer',
      reply: '…',
      ...over,
    };
    const recent = turns.slice(-8);
    const found = turnSession(turn.at, turn.lang, recent);
    if (found) turn.session = found;
    if (recent.length === 0) turn.firstOfSession = true;
    turns.push(turn);
  }
  return turns;
}

const durationsOf = (turns: Turn[], dimension = 'all') =>
  mergeUpdates(turns.flatMap(sessionUpdates)).flatMap((u) =>
    u.scope === 'day' && u.dimension === dimension ? [{ day: u.day, counts: u.counts }] : [],
  );

describe('turn session', () => {
  it('starts a session on an empty history and carries it forward, with the time reached', () => {
    const first = turnSession(at(0), 'ar', []);
    const second = turnSession(at(30), 'en', [{ ...session([0])[0]!, session: first! }] as Turn[]);

    expect(first).toEqual({ startedAt: at(0), lang: 'ar' });
    expect(second).toEqual({ startedAt: at(0), lang: 'ar', previousAt: at(0) });
  });

  it('has none when the history could not be read, or its session predates sessions', () => {
    const legacy = { ...session([0])[0]!, session: undefined };

    expect(turnSession(at(5), 'en', undefined)).toBeUndefined();
    expect(turnSession(at(5), 'en', [legacy])).toBeUndefined();
  });

  it('keeps the latest time reached when a clock put a turn before the previous one', () => {
    const [first, second] = session([0, 100]);
    const skewed = turnSession(at(50), 'en', [first!, second!]);
    const next = turnSession(at(200), 'en', [
      first!,
      second!,
      { ...second!, at: at(50), session: skewed! },
    ]);

    expect(skewed?.previousAt).toBe(at(100));
    expect(next?.previousAt).toBe(at(100));
  });
});

describe('conversation duration', () => {
  it('counts a session once, in the bucket of its last turn minus its first, on its first day', () => {
    const turns = session([0, 20, 95, 400]); // crosses midnight

    const rows = durationsOf(turns);

    expect(rows).toEqual([{ day: '2026-11-23', counts: { [`cd_${bucketOf(400)}`]: 1 } }]);
    expect(durationsOf(turns, 'web.ar')).toEqual(rows); // the session's first language
    expect(durationsOf(turns, 'en')).toEqual([]);
  });

  it('counts a one-turn session at zero seconds and ignores turns without a session', () => {
    const single = session([0], { sessionId: 's2' });
    const legacy = session([0, 10], { sessionId: 's3' }).map((t) => ({ ...t, session: undefined }));

    expect(durationsOf([...single, ...legacy])).toEqual([
      { day: '2026-11-23', counts: { cd_0: 1 } },
    ]);
  });
});

describe('start pages', () => {
  it('counts the first turn’s page for the session, never a later turn’s', () => {
    const turns = session([0, 10]).map((t) => ({ ...t, startPage: '/products/tea' }));

    const pages = mergeUpdates(turns.flatMap(sessionUpdates)).filter(
      (u) => u.scope === 'keyed' && u.family === 'page',
    );

    expect(pages).toHaveLength(4); // all, web, ar, web.ar
    expect(pages[0]).toMatchObject({
      family: 'page',
      key: '/products/tea',
      day: '2026-11-23',
      dimension: 'all',
      counts: { startedConversations: 1 },
    });
  });

  it('ignores a stored start page no chat route would have taken', () => {
    const [first] = session([0]).map((t) => ({ ...t, startPage: '/orders?id=5' }));

    expect(sessionUpdates(first!).filter((u) => u.scope === 'keyed')).toEqual([]);
  });

  it.each([
    ['/products/tea', '/products/tea'],
    ['/', '/'],
    ['/ar/%D8%B4%D8%A7%D9%8A', '/ar/%D8%B4%D8%A7%D9%8A'],
    ['/a,b"c', '/a,b"c'],
    ['/orders?id=5', undefined],
    ['/help#top', undefined],
    ['products', undefined],
    ['/with space', undefined],
    ['/شاي', undefined],
    [`/${'x'.repeat(200)}`, undefined],
    [42, undefined],
  ])('takes %j as the page %j', (page, expected) => {
    expect(startPageOf(page)).toBe(expected);
  });
});
