/**
 * Calibrated candidates → answer / clarify / escalate. Answer when the top candidate reaches
 * `answer`; offer "did you mean" when it is in the clarify band, with the runner-ups and runner-ups are within
 * `clarifyMargin` of it (the top one alone when none is), otherwise escalate (`no-match` when nothing matched at all).
 */
import type { Candidate, Decision, DecisionThresholds, Explanation } from '../types.ts';

export function applyPolicy(
  candidates: Candidate[],
  thresholds: DecisionThresholds,
  explanation: Explanation,
): Decision {
  const top = candidates[0];
  if (!top) {
    return { kind: 'escalate', reason: 'no-match', confidence: 0, candidates, explanation };
  }
  const confidence = top.confidence;
  if (confidence >= thresholds.answer) {
    return { kind: 'answer', answer: top, confidence, candidates, explanation };
  }
  if (confidence >= thresholds.clarify) {
    const close = candidates
      .slice(1, 3)
      .filter((c) => top.confidence - c.confidence <= thresholds.clarifyMargin);
    // A close call with no close runner-up is still worth a "did you mean" before a hand-off.
    return { kind: 'clarify', options: [top, ...close], confidence, candidates, explanation };
  }
  return { kind: 'escalate', reason: 'low-confidence', confidence, candidates, explanation };
}
