import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { topPositive, topPositiveOf } from '#core/retrieval/score-question.ts';

describe('topPositive', () => {
  it('picks the k highest positive scores, best first, lower index on ties', () => {
    const scores = Float64Array.from([0, 3, -1, 5, 3, 0.5, 5]);
    expect(topPositive(scores, 3)).toEqual([3, 6, 1]);
    expect(topPositive(scores, 10)).toEqual([3, 6, 1, 4, 5]);
    expect(topPositive(Float64Array.from([0, -2]), 3)).toEqual([]);
  });

  it('agrees with sorting the whole array (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -5, max: 20 }), { maxLength: 60 }),
        fc.integer({ min: 1, max: 8 }),
        (values, k) => {
          const scores = Float64Array.from(values);
          const sorted = [...scores.keys()]
            .filter((a) => (scores[a] as number) > 0)
            .sort((x, y) => (scores[y] as number) - (scores[x] as number) || x - y)
            .slice(0, k);
          expect(topPositive(scores, k)).toEqual(sorted);
        },
      ),
    );
  });

  it('over listed articles, agrees with topPositive over all of them (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -5, max: 20 }), { maxLength: 60 }),
        fc.integer({ min: 1, max: 8 }),
        (values, k) => {
          const scores = Float64Array.from(values);
          const listed = [...scores.keys()].reverse();
          expect(topPositiveOf(listed, scores, k)).toEqual(topPositive(scores, k));
        },
      ),
    );
  });
});
