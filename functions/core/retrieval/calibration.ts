/**
 * Raw retrieval evidence → calibrated confidence in [0, 1]: a logistic regression over features
 * that are comparable across questions and collections (share of the query's weighted terms an
 * article matched, how much of its best stored question the query covers, score share, margin
 * over the best other article, agreement of the top question hits, the question classifier's
 * probability, the article language model's score). Fitted on the dev sets by
 * bench/fit-calibration.ts and checked in as calibration.json; one model for collections whose
 * articles list `questions`, one for body-only collections. Copied into every artifact.
 */
import data from './calibration.json' with { type: 'json' };

export const FEATURE_NAMES = [
  'coverage',
  'docCoverage',
  'share',
  'margin',
  'agreement',
  'logTerms',
  'classifier',
  'lm',
  'vector',
  'unknown',
  'noEvidence',
] as const;

export type Features = Record<(typeof FEATURE_NAMES)[number], number>;

export interface LogisticModel {
  intercept: number;
  weights: number[];
}

export interface CalibrationModel {
  features: string[];
  /** For collections whose articles list alternative questions. */
  questions: LogisticModel;
  /** For collections that only have article bodies. */
  body: LogisticModel;
  /** For help centres: articles with bodies that also list a few questions each. */
  mixed: LogisticModel;
}

export type CollectionKind = 'questions' | 'body' | 'mixed';

export const CALIBRATION: CalibrationModel = data;

export function featureVector(f: Features): number[] {
  return FEATURE_NAMES.map((name) => f[name]);
}

/** Probability that the article with these features answers the question. */
export function calibrate(model: LogisticModel, f: Features): number {
  const x = featureVector(f);
  let z = model.intercept;
  for (let i = 0; i < x.length; i++) z += (model.weights[i] ?? 0) * (x[i] ?? 0);
  const p = 1 / (1 + Math.exp(-z));
  return Number.isFinite(p) ? Math.min(1, Math.max(0, p)) : 0;
}
