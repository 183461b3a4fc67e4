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
  // featureVector's values in its order, read by name (no array, no boxed number per value).
  const w = model.weights;
  let z = model.intercept;
  z += (w[0] ?? 0) * (f.coverage ?? 0);
  z += (w[1] ?? 0) * (f.docCoverage ?? 0);
  z += (w[2] ?? 0) * (f.share ?? 0);
  z += (w[3] ?? 0) * (f.margin ?? 0);
  z += (w[4] ?? 0) * (f.agreement ?? 0);
  z += (w[5] ?? 0) * (f.logTerms ?? 0);
  z += (w[6] ?? 0) * (f.classifier ?? 0);
  z += (w[7] ?? 0) * (f.lm ?? 0);
  z += (w[8] ?? 0) * (f.vector ?? 0);
  z += (w[9] ?? 0) * (f.unknown ?? 0);
  z += (w[10] ?? 0) * (f.noEvidence ?? 0);
  const p = 1 / (1 + Math.exp(-z));
  return Number.isFinite(p) ? Math.min(1, Math.max(0, p)) : 0;
}
