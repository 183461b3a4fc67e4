import { describe, expect, it } from 'vitest';
import { analyzeText } from '#core/retrieval/analyze-text.ts';
import {
  buildArticleVectors,
  scoreArticleVectors,
  scoreTextVectors,
  textFeatures,
} from '#core/retrieval/article-vectors.ts';
import type { ArticleVectors, FeatureBag } from '#core/retrieval/article-vectors.ts';
import { SparseScores } from '#core/retrieval/sparse-scores.ts';

const ARTICLES = [
  ['how do I track my order', 'where is my parcel'],
  ['how do I get a refund', 'can I return an item for my money back'],
  ['reset my password', 'I forgot my password and cannot log in'],
  ['change my delivery address', 'ship to a different address'],
];

const bagOf = (text: string): FeatureBag => textFeatures(text, analyzeText(text));

/** The cosine as a plain reading of the definition: weights through maps, rows decoded whole. */
function reference(vectors: ArticleVectors, bag: FeatureBag): Map<number, number> {
  const idf = (f: string): number => {
    const i = vectors.postings.indexOf(f);
    return (i >= 0 ? (vectors.idf[i] as number) : vectors.unknownIdf) / 1000;
  };
  const weights = new Map<string, number>();
  let norm = 0;
  for (const [f, tf] of bag) {
    const w = (tf >= 1 ? 1 + Math.log(tf) : tf) * idf(f);
    weights.set(f, w);
    norm += w * w;
  }
  norm = Math.sqrt(norm) || 1;
  const scores = new Map<number, number>();
  for (const [f, w] of weights) {
    const row = vectors.postings.get(f);
    if (!row) continue;
    for (let j = 0; j < row.length; j += 2) {
      const a = row[j] as number;
      scores.set(a, (scores.get(a) ?? 0) + ((w / norm) * (row[j + 1] as number)) / 1000);
    }
  }
  return scores;
}

function scored(scores: SparseScores): Map<number, number> {
  return new Map([...scores.touched].map((a) => [a, scores.get(a)]));
}

describe('scoreArticleVectors', () => {
  it('scores as the definition, question after question, short and long (scratch reused and grown)', () => {
    // Arrange
    const vectors = buildArticleVectors(
      ARTICLES.map((qs) => qs.map(bagOf)),
      [],
    );
    const long = Array.from({ length: 60 }, (_, i) => `parcel${i} refund password`).join(' ');
    const questions = ['where is my parcel', long, 'forgot password', 'refund money back'];
    const scores = new SparseScores(ARTICLES.length);

    // Act
    const results = questions.map((q) => {
      const bag = bagOf(q);
      return { size: bag.size, got: scored(scoreArticleVectors(vectors, bag, 4, scores, 1)), bag };
    });

    // Assert
    expect(results[1]?.size).toBeGreaterThan(256);
    for (const { got, bag } of results) expect(got).toEqual(reference(vectors, bag));
    expect([...(results[0]?.got.keys() ?? [])]).toContain(0);
  });
});

describe('scoreTextVectors', () => {
  it('scores a text exactly as scoreArticleVectors scores its textFeatures bag', () => {
    // Arrange: repeated words and n-grams, stop words, unknown words, Arabic, a long question.
    const vectors = buildArticleVectors(
      ARTICLES.map((qs) => qs.map(bagOf)),
      [],
    );
    const long = Array.from({ length: 70 }, (_, i) => `parcel${i} refund password`).join(' ');
    const questions = [
      'where is my parcel',
      'my my parcel parcel, where where is it?',
      "can't reset the passwrd",
      'إرجاع المبلغ لإرجاع',
      long,
      '',
      'forgot password',
    ];
    const viaBag = new SparseScores(ARTICLES.length);
    const viaText = new SparseScores(ARTICLES.length);

    // Act
    const results = questions.map((q) => {
      const stems = analyzeText(q, 60);
      const expected = scored(
        scoreArticleVectors(vectors, textFeatures(q, stems, 60), 4, viaBag, 1),
      );
      const got = scored(scoreTextVectors(vectors, q, stems, 60, 4, viaText, 1));
      return { expected, got };
    });

    // Assert: the same articles, in the same order, with the same values to the last bit
    for (const { expected, got } of results) {
      expect([...got.entries()]).toEqual([...expected.entries()]);
    }
    expect(results[0]?.got.size).toBeGreaterThan(0);
  });
});
