import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { topPositive, topPositiveInto, topPositiveOf } from '#core/retrieval/score-question.ts';
import { SparseScores } from '#core/retrieval/sparse-scores.ts';

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

  it('into a reused buffer, agrees with topPositiveOf over the touched articles (property)', () => {
    const ws = { top: new Int32Array(1), topScores: new Float64Array(1) };
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -5, max: 20 }), { maxLength: 60 }),
        fc.integer({ min: 1, max: 8 }),
        (values, k) => {
          // Arrange: articles touched in reverse order
          const touched = new SparseScores(values.length);
          for (let a = values.length - 1; a >= 0; a--) touched.add(a, 1);
          const scores = Float64Array.from(values);

          // Act
          const count = topPositiveInto(touched, scores, k, ws);

          // Assert
          expect([...ws.top.subarray(0, count)]).toEqual(
            topPositiveOf([...touched.touched], scores, k),
          );
        },
      ),
    );
  });
});
