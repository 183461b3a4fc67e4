import { describe, expect, it } from 'vitest';
import type { GapCluster } from '#core/analytics/gap-report.ts';
import {
  articleSuggestionId,
  buildSuggestions,
  phrasingSuggestionId,
  type PhrasingSuggestion,
} from '#core/learning/build-suggestions.ts';
import type { LearningSignal } from '#core/learning/learning-signal.ts';
import { normalizePhrasing } from '#core/learning/phrasing.ts';

let n = 0;
function signal(question: string, overrides: Partial<LearningSignal> = {}): LearningSignal {
  n++;
  return {
    id: `picked#s${n}#m${n}`,
    kind: 'picked',
    at: `2025-03-01T09:${String(n % 60).padStart(2, '0')}:00.000Z`,
    lang: 'en',
    articleId: 'reset-password',
    question,
    ...overrides,
  };
}

const cluster: GapCluster = {
  id: 'en-1',
  lang: 'en',
  customers: 4,
  questions: 5,
  suggestions: 0,
  examples: ['can I pay with bitcoin', 'do you take crypto', 'bitcoin payment', 'pay in btc'],
  terms: ['bitcoin', 'pay'],
  escalations: 3,
  reasons: {},
  ticketRefs: [],
  suggested: [],
  firstAt: '2025-03-01T00:00:00.000Z',
  lastAt: '2025-03-02T00:00:00.000Z',
};

const phrasings = (items: ReturnType<typeof buildSuggestions>) =>
  items.filter((s): s is PhrasingSuggestion => s.kind === 'phrasing');

describe('buildSuggestions', () => {
  it('groups wordings of one phrasing with counts and up to three examples', () => {
    const items = phrasings(
      buildSuggestions({
        lang: 'en',
        signals: [
          signal('I cannot get into my account'),
          signal('i cannot get into my account!'),
          signal('I cannot get into my account'),
          signal('I CANNOT get into my account?'),
          signal('I cannot get into my account', { kind: 'answered-by', rankedFirst: true }),
          signal('where is my parcel', { articleId: 'track-order' }),
        ],
        decisions: [],
        clusters: [],
      }),
    );
    expect(items.map((s) => [s.articleId, s.count])).toEqual([
      ['reset-password', 5],
      ['track-order', 1],
    ]);
    const top = items[0]!;
    expect(top).toMatchObject({
      phrasing: 'I cannot get into my account',
      picked: 4,
      answeredBy: 1,
      rankedFirst: 1,
      thumbsDown: 0,
    });
    expect(top.examples).toHaveLength(3);
    expect(new Set(top.examples.map(normalizePhrasing))).toEqual(
      new Set(['i cannot get into my account']),
    );
    expect(top.id).toBe(
      phrasingSuggestionId('en', 'reset-password', 'i cannot get into my account'),
    );
  });

  it('leaves out a phrasing the article already lists or a writer accepted, and decided ones', () => {
    const signals = [
      signal('How do I reset my password?'),
      signal('locked out'),
      signal('forgot pw'),
      signal('pw gone'),
    ];
    const items = phrasings(
      buildSuggestions({
        lang: 'en',
        signals,
        decisions: [
          {
            id: 'phr-0000000000000001',
            kind: 'phrasing',
            status: 'accepted',
            lang: 'en',
            articleId: 'reset-password',
            phrasing: 'Locked out',
            by: 'Huda',
            at: '2025-03-02T00:00:00.000Z',
          },
          {
            id: phrasingSuggestionId('en', 'reset-password', 'pw gone'),
            kind: 'phrasing',
            status: 'dismissed',
            lang: 'en',
            by: 'Huda',
            at: '2025-03-02T00:00:00.000Z',
          },
        ],
        clusters: [],
        articleQuestions: new Map([['reset-password', ['how do I reset my password']]]),
      }),
    );
    expect(items.map((s) => s.phrasing)).toEqual(['forgot pw']);
  });

  it('thumbs down that outweigh the picks drop a phrasing; bare choices never count', () => {
    const items = phrasings(
      buildSuggestions({
        lang: 'en',
        signals: [
          signal('billing question'),
          signal('billing question', { kind: 'thumbs-down' }),
          signal('2'),
          signal('٣'),
        ],
        decisions: [],
        clusters: [],
      }),
    );
    expect(items).toEqual([]);
  });

  it('turns gap clusters into "write an article about …" with a stable id', () => {
    const [article] = buildSuggestions({
      lang: 'en',
      signals: [],
      decisions: [],
      clusters: [cluster],
    });
    expect(article).toMatchObject({
      kind: 'article',
      topic: 'can I pay with bitcoin',
      count: 4,
      examples: cluster.examples.slice(0, 3),
      id: articleSuggestionId('en', ['pay', 'bitcoin']),
    });
  });

  it('normalises Arabic spelling variants and punctuation into one phrasing', () => {
    expect(normalizePhrasing('نسيت كلمة المرور؟')).toBe(normalizePhrasing('نسيت كلمه المرور'));
    expect(normalizePhrasing('  Reset,   my PASSWORD!! ')).toBe('reset my password');
  });
});
