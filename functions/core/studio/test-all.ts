/**
 * "Test all": every article's listed questions (both languages, the live ones and the draft's)
 * and every accepted suggestion phrasing, asked of the live index and of the draft index, so a
 * writer sees before publishing which questions the draft would start answering with their
 * article (gained), stop answering with it (lost), or answer differently (changed).
 */
import type { Article } from '../knowledge/article.ts';
import { normalizePhrasing } from '../learning/phrasing.ts';
import type { KnowledgeIndex } from '../retrieval/knowledge-index.ts';
import type { DecisionThresholds, Lang } from '../types.ts';
import type { TestAllReport, TestAllRow, TestOutcome } from './studio-types.ts';
import { testOutcome } from './try-result.ts';

/** One question to ask, and the article that should answer it. */
export interface TestQuestion {
  question: string;
  expected: string;
  lang: Lang;
  source: TestAllRow['source'];
}

/** An accepted suggestion: this phrasing should be answered by this article. */
export interface AcceptedPhrasing {
  articleId: string;
  lang: Lang;
  phrasing: string;
}

/**
 * The test questions: listed questions of the live articles and of the draft (the same question
 * for the same article once), then accepted phrasings not listed already.
 */
export function testQuestions(
  articles: readonly Article[],
  accepted: readonly AcceptedPhrasing[],
): TestQuestion[] {
  const seen = new Set<string>();
  const questions: TestQuestion[] = [];
  const add = (q: TestQuestion): void => {
    const key = `${q.lang}\u0000${q.expected}\u0000${normalizePhrasing(q.question)}`;
    if (seen.has(key) || q.question.trim() === '') return;
    seen.add(key);
    questions.push(q);
  };
  for (const article of articles) {
    for (const question of article.questions) {
      add({ question, expected: article.id, lang: article.lang, source: 'listed' });
    }
  }
  for (const a of accepted) {
    add({
      question: a.phrasing,
      expected: a.articleId,
      lang: a.lang,
      source: 'accepted-suggestion',
    });
  }
  return questions;
}

/**
 * Asks every question of both indexes and sorts the differences.
 * @example runTestAll(questions, liveIndex, draftIndex, DEFAULT_THRESHOLDS).lost
 */
export function runTestAll(
  questions: readonly TestQuestion[],
  live: KnowledgeIndex,
  draft: KnowledgeIndex,
  thresholds: DecisionThresholds,
): TestAllReport {
  const report: TestAllReport = {
    total: questions.length,
    unchanged: 0,
    gained: [],
    lost: [],
    changed: [],
  };
  for (const q of questions) {
    const ask = { text: q.question, lang: q.lang };
    const before = testOutcome(live.decide(ask, thresholds));
    const after = live === draft ? before : testOutcome(draft.decide(ask, thresholds));
    const row: TestAllRow = { ...q, live: before, draft: after };
    const hitBefore = answers(before, q.expected);
    const hitAfter = answers(after, q.expected);
    if (!hitBefore && hitAfter) report.gained.push(row);
    else if (hitBefore && !hitAfter) report.lost.push(row);
    else if (before.decision !== after.decision || before.articleId !== after.articleId) {
      report.changed.push(row);
    } else report.unchanged += 1;
  }
  return report;
}

function answers(outcome: TestOutcome, expected: string): boolean {
  return outcome.decision === 'answer' && outcome.articleId === expected;
}
