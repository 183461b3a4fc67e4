import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SparseScores, sortByScore } from '#core/retrieval/sparse-scores.ts';

describe('SparseScores', () => {
  it('lists the articles touched in the order first touched, and clears only those', () => {
    // Arrange
    const scores = new SparseScores(6);

    // Act
    scores.add(4, 1.5);
    scores.add(1, 2);
    scores.add(4, 0.5);
    const touched = [...scores.touched];
    const values = [0, 1, 2, 3, 4, 5].map((a) => scores.get(a));
    scores.clear();
    scores.add(2, 1);

    // Assert
    expect(touched).toEqual([4, 1]);
    expect(values).toEqual([0, 2, 0, 0, 2, 0]);
    expect([...scores.touched]).toEqual([2]);
    expect([scores.count, scores.touchedAt(0), scores.get(4), scores.has(4)]).toEqual([
      1,
      2,
      0,
      false,
    ]);
  });
});

describe('sortByScore', () => {
  it('orders as a sort by score, highest first, lower item on ties (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -4, max: 4 }), { maxLength: 80 }),
        fc.integer({ min: 0, max: 80 }),
        (values, from) => {
          // Arrange: a subset of the items, in a shuffled order
          const scores = Float64Array.from(values, (v) => v / 2);
          const items = [...scores.keys()].filter((a) => a >= from || a % 3 === 0).reverse();
          const list = Int32Array.from(items);

          // Act
          sortByScore(list, items.length, scores, new Int32Array(items.length));

          // Assert
          expect([...list]).toEqual(
            items.sort((x, y) => (scores[y] as number) - (scores[x] as number) || x - y),
          );
        },
      ),
    );
  });
});
