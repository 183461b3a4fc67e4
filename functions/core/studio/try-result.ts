/**
 * A retrieval Decision as the studio shows it for try-it and test-all: the outcome, the
 * confidence, the top three candidates and the "why" lines `kb ask` prints (language and how it
 * was chosen, query terms, matched terms, fields, margin, notes).
 */
import type { Decision } from '../types.ts';
import type { TestOutcome, TryResult } from './studio-types.ts';

/**
 * The try-it view of a decision.
 * @example tryResult(index.decide({ text: 'reset my password' }, thresholds)).why[0] // 'lang en (given)'
 */
export function tryResult(decision: Decision): TryResult {
  return {
    decision: decision.kind,
    confidence: round(decision.confidence),
    top: decision.candidates.slice(0, 3).map((c) => ({
      articleId: c.articleId,
      title: c.title,
      confidence: round(c.confidence),
    })),
    why: whyLines(decision),
  };
}

/** What a decision did with a test question: the answered (or first offered) article. */
export function testOutcome(decision: Decision): TestOutcome {
  const articleId =
    decision.kind === 'answer'
      ? decision.answer.articleId
      : decision.kind === 'clarify'
        ? decision.options[0]?.articleId
        : undefined;
  return {
    decision: decision.kind,
    ...(articleId ? { articleId } : {}),
    confidence: round(decision.confidence),
  };
}

/** The explanation as lines, like `kb ask`'s "why" block. */
export function whyLines(decision: Decision): string[] {
  const e = decision.explanation;
  const lines = [
    `outcome ${decision.kind}${decision.kind === 'escalate' ? ` (${decision.reason})` : ''}`,
    `lang ${e.lang} (${e.langSource === 'hint' ? 'given' : 'detected from script'})`,
    `terms ${e.queryTerms.join(', ') || '(none)'}`,
    `matched ${e.matchedTerms.join(', ') || '(none)'}`,
    `fields ${e.fields.join(', ') || '(none)'}`,
    `margin ${e.margin.toFixed(2)} over the runner-up`,
  ];
  for (const note of e.notes) lines.push(`note ${note}`);
  return lines;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
