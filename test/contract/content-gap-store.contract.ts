/**
 * The ContentGapStore contract: every adapter (DynamoDB on dynalite, memory) must pass it.
 */
import { describe, expect, it } from 'vitest';
import { ValidationError } from '#core/errors.ts';
import type { ContentGap, ContentGapStore } from '#core/ports.ts';
import { DEFAULT_GAP_RETENTION_DAYS } from '#core/privacy/retention.ts';
import { newContentGap } from '#core/tickets/new-content-gap.ts';
import type { Lang } from '#core/types.ts';

export type ContentGapStoreFactory = () => Promise<ContentGapStore>;

const T0 = Date.parse('2025-03-01T09:00:00.000Z');

function gap(i: number, lang: Lang): ContentGap {
  return newContentGap({ lang, question: `question ${i}` }, new Date(T0 + i * 60_000), `uuid-${i}`);
}

export function contentGapStoreContract(name: string, factory: ContentGapStoreFactory): void {
  describe(`ContentGapStore contract: ${name}`, () => {
    it('lists gaps newest first, per language or all together, up to the limit', async () => {
      const store = await factory();
      for (let i = 0; i < 6; i++) await store.add(gap(i, i % 2 === 0 ? 'en' : 'ar'));
      const all = await store.list();
      const arabic = await store.list({ lang: 'ar' });
      const newestTwo = await store.list({ limit: 2 });
      expect(all.map((g) => g.question)).toEqual([5, 4, 3, 2, 1, 0].map((i) => `question ${i}`));
      expect(arabic.map((g) => g.question)).toEqual(['question 5', 'question 3', 'question 1']);
      expect(newestTwo.map((g) => g.question)).toEqual(['question 5', 'question 4']);
    });

    it('keeps every field of a gap', async () => {
      const store = await factory();
      const g = newContentGap(
        {
          lang: 'en',
          question: 'how do I export my data?',
          note: 'asked twice this week',
          ticketRef: 'MJ-4K7Q2X',
          suggestedBy: 'sara',
        },
        new Date(T0),
        'uuid-1',
      );
      await store.add(g);
      expect(await store.list({ lang: 'en' })).toEqual([
        { ...g, expiresAt: T0 / 1000 + DEFAULT_GAP_RETENTION_DAYS * 86_400 },
      ]);
    });

    it('gives every gap an expiry (TTL) after the retention period, unless it has one', async () => {
      const store = await factory();
      await store.add(gap(1, 'en'));
      await store.add({ ...gap(2, 'en'), expiresAt: 1_900_000_000 });
      const [second, first] = await store.list();
      expect(first?.expiresAt).toBe((T0 + 60_000) / 1000 + DEFAULT_GAP_RETENTION_DAYS * 86_400);
      expect(second?.expiresAt).toBe(1_900_000_000);
    });

    it('adding the same gap twice keeps one', async () => {
      const store = await factory();
      await store.add(gap(1, 'en'));
      await store.add(gap(1, 'en'));
      expect(await store.list()).toHaveLength(1);
    });

    it('redacts phone numbers and emails in the question', async () => {
      const store = await factory();
      await store.add({ ...gap(1, 'en'), question: 'call 0501234567 or a.b@example.org' });
      expect((await store.list())[0]?.question).toBe('call [phone] or [email]');
    });

    it('rejects a gap without a question, an unknown language or a bad limit', async () => {
      const store = await factory();
      await expect(store.add({ ...gap(1, 'en'), question: ' ' })).rejects.toBeInstanceOf(
        ValidationError,
      );
      await expect(store.add({ ...gap(1, 'en'), lang: 'fr' as Lang })).rejects.toBeInstanceOf(
        ValidationError,
      );
      await expect(store.list({ limit: -1 })).rejects.toBeInstanceOf(ValidationError);
      expect(await store.list()).toEqual([]);
    });
  });
}
