/**
 * Decision thresholds the product ships with, tuned once on the dev sets (bench/eval-all.ts)
 * and fixed before any evaluation question is seen.
 */
import type { DecisionThresholds } from '../types.ts';

export const DEFAULT_THRESHOLDS: DecisionThresholds = {
  answer: 0.45,
  clarify: 0.4,
  clarifyMargin: 0.2,
};
