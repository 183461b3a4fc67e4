/**
 * The SuggestionStore contract (the learning loop's signals and writers' decisions): every
 * adapter (DynamoDB on dynalite, memory) must pass it.
 */
import { describe, expect, it } from 'vitest';
import { ValidationError } from '#core/errors.ts';
import type { LearningSignal } from '#core/learning/learning-signal.ts';
import {
  SuggestionDecidedError,
  type SuggestionDecision,
  type SuggestionStore,
} from '#core/learning/suggestion-store.ts';

export type SuggestionStoreFactory = () => Promise<SuggestionStore>;

function signal(i: number, overrides: Partial<LearningSignal> = {}): LearningSignal {
  return {
    id: `picked#session-${i}#m-${i}`,
    kind: 'picked',
    at: `2025-03-01T09:0${i % 10}:00.000Z`,
    lang: 'en',
    articleId: 'reset-password',
    question: `question ${i}`,
    ...overrides,
  };
}

function decision(id: string, overrides: Partial<SuggestionDecision> = {}): SuggestionDecision {
  return {
    id,
    kind: 'phrasing',
    status: 'accepted',
    lang: 'en',
    articleId: 'reset-password',
    phrasing: 'i forgot my password',
    by: 'Huda',
    at: '2025-03-02T10:00:00.000Z',
    ...overrides,
  };
}

export function suggestionStoreContract(name: string, factory: SuggestionStoreFactory): void {
  describe(`SuggestionStore contract: ${name}`, () => {
    it('keeps signals per language, and a signal added again replaces itself', async () => {
      const store = await factory();
      await store.addSignals([signal(1), signal(2), signal(3, { lang: 'ar' })]);
      await store.addSignals([signal(1, { question: 'question one, again' })]);
      const english = await store.signals('en');
      const arabic = await store.signals('ar');
      expect(english.map((s) => s.question).sort()).toEqual(['question 2', 'question one, again']);
      expect(arabic).toEqual([signal(3, { lang: 'ar' })]);
    });

    it('deletes signals by key (erasure) and counts only those it held', async () => {
      const store = await factory();
      await store.addSignals([signal(1), signal(2), signal(3, { lang: 'ar' })]);
      const deleted = await store.deleteSignals([
        { lang: 'en', id: signal(1).id },
        { lang: 'en', id: signal(3).id }, // held, but in Arabic: another key
        { lang: 'en', id: 'picked#nobody#m1' },
      ]);
      expect(deleted).toBe(1);
      expect((await store.signals('en')).map((s) => s.id)).toEqual([signal(2).id]);
      expect(await store.signals('ar')).toHaveLength(1);
    });

    it('keeps every field of a signal, optional ones included', async () => {
      const store = await factory();
      const marked = signal(4, {
        id: 'answered-by#MJ-ABC123',
        kind: 'answered-by',
        rankedFirst: true,
        ticketRef: 'MJ-ABC123',
        by: 'Huda',
        expiresAt: 1_900_000_000,
      });
      await store.addSignals([marked]);
      expect(await store.signals('en')).toEqual([marked]);
    });

    it('reads at most `limit` signals', async () => {
      const store = await factory();
      await store.addSignals(Array.from({ length: 30 }, (_, i) => signal(i)));
      expect(await store.signals('en', 7)).toHaveLength(7);
      expect(await store.signals('en')).toHaveLength(30);
    });

    it('records a decision once; a second one is refused with the first', async () => {
      const store = await factory();
      const first = decision('phr-0123456789abcdef');
      expect(await store.decide(first)).toEqual(first);
      const second = store.decide({ ...first, status: 'dismissed', by: 'Omar' });
      await expect(second).rejects.toBeInstanceOf(SuggestionDecidedError);
      await expect(second).rejects.toMatchObject({ decision: first });
      expect(await store.decisions()).toEqual([first]);
    });

    it('lists decisions per language and the phrasings accepted for an article, oldest first', async () => {
      const store = await factory();
      await store.decide(
        decision('phr-00000000000000b2', { phrasing: 'later', at: '2025-03-03T00:00:00.000Z' }),
      );
      await store.decide(
        decision('phr-00000000000000a1', { phrasing: 'earlier', at: '2025-03-01T00:00:00.000Z' }),
      );
      await store.decide(decision('phr-00000000000000c3', { status: 'dismissed' }));
      await store.decide(decision('phr-00000000000000d4', { articleId: 'other', phrasing: 'x' }));
      await store.decide(
        decision('art-00000000000000e5', {
          kind: 'article',
          lang: 'ar',
          articleId: undefined,
          phrasing: undefined,
        }),
      );
      expect(await store.acceptedPhrasings('reset-password')).toEqual(['earlier', 'later']);
      expect((await store.decisions('ar')).map((d) => d.id)).toEqual(['art-00000000000000e5']);
      expect(await store.decisions()).toHaveLength(5);
    });

    it('refuses keys it could not store safely', async () => {
      const store = await factory();
      await expect(
        store.addSignals([signal(1, { articleId: 'no spaces' })]),
      ).rejects.toBeInstanceOf(ValidationError);
      await expect(store.decide(decision('not-an-id!'))).rejects.toBeInstanceOf(ValidationError);
      expect(await store.signals('en')).toEqual([]);
    });
  });
}
