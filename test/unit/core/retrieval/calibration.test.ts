import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calibrate, FEATURE_NAMES, featureVector } from '#core/retrieval/calibration.ts';
import type { Features } from '#core/retrieval/calibration.ts';

/** The definition: the logistic of the intercept plus the dot product, in FEATURE_NAMES order. */
function reference(model: { intercept: number; weights: number[] }, f: Features): number {
  const x = featureVector(f);
  let z = model.intercept;
  for (let i = 0; i < x.length; i++) z += (model.weights[i] ?? 0) * (x[i] ?? 0);
  const p = 1 / (1 + Math.exp(-z));
  return Number.isFinite(p) ? Math.min(1, Math.max(0, p)) : 0;
}

describe('calibrate', () => {
  it('is the logistic of the features in FEATURE_NAMES order, to the last bit (property)', () => {
    const value = fc.double({ min: -5, max: 5, noNaN: true });
    fc.assert(
      fc.property(
        fc.array(value, { minLength: FEATURE_NAMES.length, maxLength: FEATURE_NAMES.length }),
        fc.array(value, { maxLength: FEATURE_NAMES.length + 1 }),
        value,
        (xs, weights, intercept) => {
          const f = Object.fromEntries(FEATURE_NAMES.map((name, i) => [name, xs[i]])) as Features;
          expect(calibrate({ intercept, weights }, f)).toBe(reference({ intercept, weights }, f));
        },
      ),
    );
  });
});
