/**
 * The StatsStore contract: every adapter (DynamoDB on dynalite, memory) must pass it.
 */
import { describe, expect, it } from 'vitest';
import { ValidationError } from '#core/errors.ts';
import type {
  CounterUpdate,
  GapQuestion,
  KeyedCounters,
  KeyedFamily,
  StatsStore,
} from '#core/analytics/stats-store.ts';
import type { Lang } from '#core/types.ts';

export type StatsStoreFactory = () => Promise<StatsStore>;

const day = (d: string, dimension: string, counts: Record<string, number>): CounterUpdate => ({
  scope: 'day',
  day: d,
  dimension,
  counts,
});
const article = (
  d: string,
  lang: Lang,
  articleId: string,
  counts: Record<string, number>,
): CounterUpdate => ({
  scope: 'article',
  day: d,
  lang,
  articleId,
  counts,
});
const keyed = (
  d: string,
  family: KeyedFamily,
  dimension: string,
  key: string,
  counts: Record<string, number>,
): CounterUpdate => ({ scope: 'keyed', day: d, family, dimension, key, counts });
/** Rows of a keyed read in a stable order. */
const sorted = (rows: KeyedCounters[]) =>
  [...rows].sort((a, b) =>
    a.period === b.period ? (a.key < b.key ? -1 : 1) : a.period < b.period ? -1 : 1,
  );
const gap = (at: string, lang: Lang, i: number): GapQuestion => ({
  at,
  messageId: `m-${i}`,
  sessionId: `s-${i}`,
  lang,
  channel: 'web',
  text: `question ${i}`,
  outcome: 'escalate',
  ticketRef: `MJ-${i}`,
  confidence: 0.2,
  articleId: 'reset-password',
});

export function statsStoreContract(name: string, factory: StatsStoreFactory): void {
  describe(`StatsStore contract: ${name}`, () => {
    it('adds increments up, including negative ones, and loses none when they run at once', async () => {
      const store = await factory();

      await Promise.all(
        Array.from({ length: 40 }, () =>
          store.increment([day('2026-11-23', 'all', { questions: 1, answered: 1 })]),
        ),
      );
      await store.increment([
        day('2026-11-23', 'all', { up: 2 }),
        day('2026-11-23', 'all', { up: -1, down: 1 }),
      ]);

      expect(await store.dailyCounters('all', '2026-11-23', '2026-11-23')).toEqual([
        { day: '2026-11-23', counts: { questions: 40, answered: 40, up: 1, down: 1 } },
      ]);
    });

    it('applies a writer’s batch once: a redelivery is skipped item by item, shards are summed', async () => {
      const store = await factory();
      const batch = [
        day('2026-11-23', 'all', { questions: 2 }),
        article('2026-11-23', 'en', 'reset-password', { answers: 1 }),
        article('2026-11-23', 'en', 'track-order', { answers: 1 }),
      ];
      const origin = { writer: 'shard-a', position: '0002', shard: 3 };

      const first = await store.increment(batch, origin);
      const again = await store.increment(batch, origin);
      const older = await store.increment(batch, { ...origin, position: '0001' });
      await store.increment([day('2026-11-23', 'all', { questions: 1 })], {
        writer: 'shard-b',
        position: '0001',
        shard: 5,
      });
      await store.increment([day('2026-11-23', 'all', { questions: 4 })]);

      expect(first.applied).toBeGreaterThan(0);
      expect(again).toEqual({ applied: 0, skipped: first.applied });
      expect(older.applied).toBe(0);
      expect(await store.dailyCounters('all', '2026-11-23', '2026-11-23')).toEqual([
        { day: '2026-11-23', counts: { questions: 7 } },
      ]);
      const articles = await store.articleCounters('2026-11-01', '2026-11-30', 'en');
      expect(articles.map((a) => [a.articleId, a.counts.answers]).sort()).toEqual([
        ['reset-password', 1],
        ['track-order', 1],
      ]);
    });

    it('takes a batch naming hundreds of articles, from a writer or not, and counts each once', async () => {
      // Prepare: a busy second of a large help centre (600 articles, 5 counters each)
      const store = await factory();
      const ids = Array.from({ length: 600 }, (_, i) => `article-${String(i).padStart(4, '0')}`);
      const batch = ids.map((id) =>
        article('2026-05-04', 'en', id, {
          answers: 1,
          confidenceMilli: 900,
          confidenceCount: 1,
          up: 1,
          down: 1,
        }),
      );
      const origin = { writer: 'shard-big', position: '0009', shard: 1 };

      // Act
      const first = await store.increment(batch, origin);
      const again = await store.increment(batch, origin);
      await store.increment(batch);

      // Assess
      expect(first.applied).toBeGreaterThan(0);
      expect(again.applied).toBe(0);
      const rows = await store.articleCounters('2026-05-01', '2026-05-31', 'en');
      expect(rows).toHaveLength(ids.length);
      for (const row of rows) {
        expect(row.counts).toEqual({
          answers: 2,
          confidenceMilli: 1800,
          confidenceCount: 2,
          up: 2,
          down: 2,
        });
      }
      const oneDay = await store.articleCounters('2026-05-04', '2026-05-04', 'en');
      expect(oneDay.find((r) => r.articleId === 'article-0042')?.counts.answers).toBe(2);
    });

    it('reads one dimension over a range (all counters or only some), oldest first, across a year end, leaving out empty days', async () => {
      const store = await factory();
      await store.increment([
        day('2025-12-30', 'all', { questions: 1 }),
        day('2025-12-31', 'web', { questions: 7 }),
        day('2026-01-02', 'all', { questions: 3 }),
        day('2026-01-03', 'all', { questions: 9 }),
        day('2026-01-02', 'web.ar', { questions: 2 }),
      ]);

      const all = await store.dailyCounters('all', '2025-12-30', '2026-01-02');
      const webArabic = await store.dailyCounters('web.ar', '2025-01-01', '2026-12-31');

      expect(all).toEqual([
        { day: '2025-12-30', counts: { questions: 1 } },
        { day: '2026-01-02', counts: { questions: 3 } },
      ]);
      expect(webArabic).toEqual([{ day: '2026-01-02', counts: { questions: 2 } }]);
      await store.increment([day('2026-01-02', 'all', { answered: 2 })]);
      expect(await store.dailyCounters('all', '2026-01-02', '2026-01-02', ['answered'])).toEqual([
        { day: '2026-01-02', counts: { answered: 2 } },
      ]);
    });

    it('sums article counters over exactly the days asked, whole and partial months alike', async () => {
      const store = await factory();
      await store.increment([
        article('2026-01-14', 'en', 'reset-password', { answers: 100 }), // before the range
        article('2026-01-20', 'en', 'reset-password', { answers: 1, confidenceMilli: 800 }),
        article('2026-02-10', 'en', 'reset-password', { answers: 2, confidenceMilli: 1700 }),
        article('2026-03-31', 'en', 'track-order', { answers: 4 }),
        article('2026-04-01', 'en', 'track-order', { answers: 100 }), // after the range
        article('2026-02-11', 'ar', 'reset-password', { answers: 5, up: 1 }),
      ]);

      const both = await store.articleCounters('2026-01-15', '2026-03-31');
      const arabic = await store.articleCounters('2026-01-15', '2026-03-31', 'ar');
      const oneDay = await store.articleCounters('2026-02-10', '2026-02-10', 'en');

      const sorted = both.sort((a, b) => (a.lang + a.articleId < b.lang + b.articleId ? -1 : 1));
      expect(sorted).toEqual([
        { lang: 'ar', articleId: 'reset-password', counts: { answers: 5, up: 1 } },
        { lang: 'en', articleId: 'reset-password', counts: { answers: 3, confidenceMilli: 2500 } },
        { lang: 'en', articleId: 'track-order', counts: { answers: 4 } },
      ]);
      expect(arabic).toEqual([
        { lang: 'ar', articleId: 'reset-password', counts: { answers: 5, up: 1 } },
      ]);
      expect(oneDay).toEqual([
        { lang: 'en', articleId: 'reset-password', counts: { answers: 2, confidenceMilli: 1700 } },
      ]);
    });

    it('keeps gap questions per language, newest first, within the days asked, up to the limit', async () => {
      const store = await factory();
      await store.addGapQuestion(gap('2026-10-31T23:59:00.000Z', 'en', 1));
      await store.addGapQuestion(gap('2026-11-01T08:00:00.000Z', 'en', 2));
      await store.addGapQuestion(gap('2026-11-20T08:00:00.000Z', 'en', 3));
      await store.addGapQuestion(gap('2026-11-20T08:00:00.000Z', 'en', 3)); // stored once
      await store.addGapQuestion(gap('2026-11-21T08:00:00.000Z', 'ar', 4));
      await store.addGapQuestion(gap('2026-12-01T00:00:00.000Z', 'en', 5));

      const november = await store.gapQuestions('en', '2026-11-01', '2026-11-30', 100);
      const newest = await store.gapQuestions('en', '2026-10-01', '2026-12-31', 2);
      const arabic = await store.gapQuestions('ar', '2026-11-01', '2026-11-30', 100);

      expect(november.map((q) => q.messageId)).toEqual(['m-3', 'm-2']);
      expect(november[0]).toEqual(gap('2026-11-20T08:00:00.000Z', 'en', 3));
      expect(newest.map((q) => q.messageId)).toEqual(['m-5', 'm-3']);
      expect(arabic.map((q) => q.text)).toEqual(['question 4']);
    });

    it('keeps keyed counters per family, dimension and key, read per day or per month over exactly the range', async () => {
      const store = await factory();
      const agent = 'Smith, "Jo" @ desk|2';
      await store.increment([
        keyed('2025-12-31', 'queue', 'all', 'returns', { firstResponses: 1, fr_30: 1 }),
        keyed('2026-01-01', 'queue', 'all', 'returns', { firstResponses: 2, fr_30: 2 }),
        keyed('2026-01-31', 'queue', 'all', '~ar', { closedTickets: 1, abandoned: 1 }),
        keyed('2026-02-10', 'queue', 'all', 'returns', { csat5: 1 }),
        keyed('2026-03-31', 'queue', 'all', 'returns', { csat4: 1 }),
        keyed('2026-01-01', 'queue', 'web.ar', 'returns', { firstResponses: 9 }),
        keyed('2026-01-01', 'agent', 'all/q:returns', agent, { replies: 3, handled: 1 }),
        keyed('2026-01-01', 'page', 'all', '/ar/%D8%B4%D8%A7%D9%8A', { startedConversations: 2 }),
      ]);
      // A count taken back to zero is left out.
      await store.increment([keyed('2026-02-10', 'queue', 'all', 'returns', { csat5: -1 })]);

      const days = await store.keyedCounters('queue', 'all', '2025-12-31', '2026-01-31', 'day');
      const months = await store.keyedCounters('queue', 'all', '2026-01-31', '2026-03-31', 'month');
      const cut = await store.keyedCounters('queue', 'all', '2026-01-02', '2026-03-30', 'month');

      expect(sorted(days)).toEqual([
        { period: '2025-12-31', key: 'returns', counts: { firstResponses: 1, fr_30: 1 } },
        { period: '2026-01-01', key: 'returns', counts: { firstResponses: 2, fr_30: 2 } },
        { period: '2026-01-31', key: '~ar', counts: { closedTickets: 1, abandoned: 1 } },
      ]);
      expect(sorted(months)).toEqual([
        { period: '2026-01', key: '~ar', counts: { closedTickets: 1, abandoned: 1 } },
        { period: '2026-03', key: 'returns', counts: { csat4: 1 } },
      ]);
      expect(sorted(cut)).toEqual([
        { period: '2026-01', key: '~ar', counts: { closedTickets: 1, abandoned: 1 } },
      ]);
      expect(
        await store.keyedCounters('queue', 'web.ar', '2026-01-01', '2026-01-01', 'day'),
      ).toEqual([{ period: '2026-01-01', key: 'returns', counts: { firstResponses: 9 } }]);
      expect(
        await store.keyedCounters('agent', 'all/q:returns', '2026-01-01', '2026-01-01', 'month'),
      ).toEqual([{ period: '2026-01', key: agent, counts: { replies: 3, handled: 1 } }]);
      expect(await store.keyedCounters('agent', 'all', '2026-01-01', '2026-01-01', 'day')).toEqual(
        [],
      );
      expect(await store.keyedCounters('page', 'all', '2026-01-01', '2026-01-01', 'day')).toEqual([
        {
          period: '2026-01-01',
          key: '/ar/%D8%B4%D8%A7%D9%8A',
          counts: { startedConversations: 2 },
        },
      ]);
    });

    it('applies a writer’s keyed batch once, hundreds of keys at a time, shards summed', async () => {
      // Prepare: a stream batch of 500 first turns on 500 pages, and agents in two shards
      const store = await factory();
      const pages = Array.from({ length: 500 }, (_, i) =>
        keyed('2026-05-04', 'page', 'web', `/products/item-${i}`, { startedConversations: 1 }),
      );
      const agents = ['Huda', 'Omar'].map((a) =>
        keyed('2026-05-04', 'agent', 'all', a, { replies: 2, handled: 1 }),
      );
      const origin = { writer: 'shard-a', position: '0007', shard: 2 };

      // Act
      const first = await store.increment([...pages, ...agents], origin);
      const again = await store.increment([...pages, ...agents], origin);
      await store.increment(agents, { writer: 'shard-b', position: '0001', shard: 6 });
      await store.increment(agents);

      // Assess
      expect(first.applied).toBeGreaterThan(0);
      expect(again).toEqual({ applied: 0, skipped: first.applied });
      const rows = await store.keyedCounters('page', 'web', '2026-05-01', '2026-05-31', 'month');
      expect(rows).toHaveLength(500);
      expect(rows.every((r) => r.counts.startedConversations === 1)).toBe(true);
      expect(
        sorted(await store.keyedCounters('agent', 'all', '2026-05-04', '2026-05-04', 'day')),
      ).toEqual([
        { period: '2026-05-04', key: 'Huda', counts: { replies: 6, handled: 3 } },
        { period: '2026-05-04', key: 'Omar', counts: { replies: 6, handled: 3 } },
      ]);
    });

    it('rejects keyed counters it could not key safely', async () => {
      const store = await factory();
      const bad = [
        keyed('2026-11-23', 'queue', 'all', '', { csat5: 1 }),
        keyed('2026-11-23', 'queue', 'all', 'x'.repeat(201), { csat5: 1 }),
        keyed('2026-11-23', 'queue', 'all', 'a\nb', { csat5: 1 }),
        keyed('2026-11-23', 'queue', 'all#x', 'returns', { csat5: 1 }),
        keyed('2026-11-23', 'team' as KeyedFamily, 'all', 'returns', { csat5: 1 }),
      ];

      for (const update of bad) {
        await expect(store.increment([update])).rejects.toThrow(ValidationError);
      }
      await expect(
        store.keyedCounters('queue', 'all#x', '2026-11-01', '2026-11-30', 'day'),
      ).rejects.toThrow(ValidationError);
      expect(await store.keyedCounters('queue', 'all', '2026-11-01', '2026-11-30', 'day')).toEqual(
        [],
      );
    });

    it('rejects counters it could not store safely', async () => {
      const store = await factory();

      await expect(store.increment([day('23/11/2026', 'all', { questions: 1 })])).rejects.toThrow(
        ValidationError,
      );
      await expect(store.increment([day('2026-11-23', 'all', { pk: 1 })])).rejects.toThrow(
        ValidationError,
      );
      await expect(store.increment([day('2026-11-23', 'all', { 'a b': 1 })])).rejects.toThrow(
        ValidationError,
      );
      await expect(
        store.increment([article('2026-11-23', 'en', 'a#b', { answers: 1 })]),
      ).rejects.toThrow(ValidationError);
      expect(await store.dailyCounters('all', '2026-11-01', '2026-11-30')).toEqual([]);
    });
  });
}
