/**
 * Scores decisions against labelled questions, with the metrics of /work/shared/eval/README.md
 * (as in Larson et al. 2019): in-scope accuracy (top article right and not escalated; a clarify
 * counts with its first option), out-of-scope recall (unanswerable questions escalated), MRR@5
 * over answerable questions, clarify rate and per-question latency.
 */
import type { Decision } from '../types.ts';

export interface LabelledQuestion {
  id: string;
  question: string;
  /** Article ids that answer it; empty when the collection does not. */
  answers: string[];
}

export interface Prediction {
  id: string;
  decision: Decision['kind'];
  article: string | null;
  confidence: number;
  ranked: string[];
}

export interface EvalMetrics {
  questions: number;
  inScope: number;
  outOfScope: number;
  inScopeAccuracy: number;
  outOfScopeRecall: number | null;
  top1: number;
  mrr5: number;
  clarifyRate: number;
  escalateRate: number;
  latencyMs: { p50: number; p99: number; mean: number };
}

export function toPrediction(id: string, decision: Decision): Prediction {
  const ranked = decision.candidates.slice(0, 5).map((c) => c.articleId);
  const article =
    decision.kind === 'answer'
      ? decision.answer.articleId
      : decision.kind === 'clarify'
        ? (decision.options[0]?.articleId ?? null)
        : null;
  return { id, decision: decision.kind, article, confidence: decision.confidence, ranked };
}

function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] as number;
}

export function scorePredictions(
  questions: LabelledQuestion[],
  predictions: Prediction[],
  latenciesMs: number[],
): EvalMetrics {
  let inScope = 0;
  let correct = 0;
  let top1 = 0;
  let mrr = 0;
  let oos = 0;
  let escalatedOos = 0;
  let clarified = 0;
  let escalated = 0;
  questions.forEach((q, i) => {
    const p = predictions[i] as Prediction;
    if (p.decision === 'clarify') clarified++;
    if (p.decision === 'escalate') escalated++;
    if (q.answers.length === 0) {
      oos++;
      if (p.decision === 'escalate') escalatedOos++;
      return;
    }
    inScope++;
    const first = p.ranked[0];
    if (first && q.answers.includes(first)) {
      top1++;
      if (p.decision !== 'escalate') correct++;
    }
    const rank = p.ranked.findIndex((id) => q.answers.includes(id));
    if (rank >= 0) mrr += 1 / (rank + 1);
  });
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  const n = Math.max(1, questions.length);
  const r = (x: number): number => Math.round(x * 10000) / 10000;
  return {
    questions: questions.length,
    inScope,
    outOfScope: oos,
    inScopeAccuracy: r(correct / Math.max(1, inScope)),
    outOfScopeRecall: oos > 0 ? r(escalatedOos / oos) : null,
    top1: r(top1 / Math.max(1, inScope)),
    mrr5: r(mrr / Math.max(1, inScope)),
    clarifyRate: r(clarified / n),
    escalateRate: r(escalated / n),
    latencyMs: {
      p50: r(percentile(sorted, 0.5)),
      p99: r(percentile(sorted, 0.99)),
      mean: r(sorted.reduce((s, x) => s + x, 0) / n),
    },
  };
}
