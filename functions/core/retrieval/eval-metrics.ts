/**
 * Scores decisions against labelled questions, with the metrics of /work/shared/eval/README.md
 * (as in Larson et al. 2019): in-scope accuracy (top article right and not escalated; a clarify
 * counts with its first option), out-of-scope recall (unanswerable questions escalated), MRR@5
 * over answerable questions, clarify rate and per-question latency. `scoreGroups` gives the same
 * metrics per slice or language of a benchmark (bench/help-centre/questions.jsonl).
 */
import type { Decision, Lang } from '../types.ts';

export interface LabelledQuestion {
  id: string;
  question: string;
  /** Article ids that answer it; empty when the collection does not. */
  answers: string[];
  /** Benchmark slice it belongs to (e.g. `gulf`, `oos-near-en`), for per-slice reports. */
  slice?: string;
  /** Language it is written in: a label for reports, never passed to the engine. */
  lang?: Lang;
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

/**
 * Metrics of one group of questions (a slice or a language). A rate is null when the group has
 * no question it applies to (in-scope rates without answerable questions, OOS recall without
 * unanswerable ones), so an all-OOS slice does not show a misleading 0% accuracy.
 */
export interface GroupMetrics {
  questions: number;
  inScope: number;
  outOfScope: number;
  inScopeAccuracy: number | null;
  outOfScopeRecall: number | null;
  top1: number | null;
  mrr5: number | null;
  clarifyRate: number;
  escalateRate: number;
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

/**
 * Scores each group of questions on its own, with the same rules as `scorePredictions`. Groups are
 * keyed by `groupOf(question)` in order of first appearance; questions without a group are left out.
 * @example scoreGroups(questions, predictions, (q) => q.slice) // { en: {...}, gulf: {...} }
 */
export function scoreGroups(
  questions: LabelledQuestion[],
  predictions: Prediction[],
  groupOf: (question: LabelledQuestion) => string | undefined,
): Record<string, GroupMetrics> {
  const members = new Map<string, number[]>();
  questions.forEach((q, i) => {
    const group = groupOf(q);
    if (group === undefined) return;
    const list = members.get(group) ?? [];
    list.push(i);
    members.set(group, list);
  });
  const groups: Record<string, GroupMetrics> = {};
  for (const [group, indexes] of members) {
    const m = scorePredictions(
      indexes.map((i) => questions[i] as LabelledQuestion),
      indexes.map((i) => predictions[i] as Prediction),
      [],
    );
    const answerable = m.inScope > 0;
    groups[group] = {
      questions: m.questions,
      inScope: m.inScope,
      outOfScope: m.outOfScope,
      inScopeAccuracy: answerable ? m.inScopeAccuracy : null,
      outOfScopeRecall: m.outOfScopeRecall,
      top1: answerable ? m.top1 : null,
      mrr5: answerable ? m.mrr5 : null,
      clarifyRate: m.clarifyRate,
      escalateRate: m.escalateRate,
    };
  }
  return groups;
}
