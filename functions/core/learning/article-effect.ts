/**
 * The effect of a change on one article (pure): its containment and escalations in the window
 * after a date against an equally long window before it, from the per-article day counters
 * (answers, escalations with the article as top candidate, thumbs up/down).
 */
import { C } from '../analytics/stats-events.ts';
import type { ArticleCounters } from '../analytics/stats-store.ts';

export interface EffectWindow {
  from: string;
  to: string;
  answers: number;
  /** Escalations whose top candidate was this article. */
  escalations: number;
  up: number;
  down: number;
  /** answers / (answers + escalations); null without traffic. */
  containment: number | null;
}

export interface ArticleEffect {
  articleId: string;
  since: string;
  before: EffectWindow;
  after: EffectWindow;
  /** after.containment − before.containment, when both are known. */
  containmentChange: number | null;
}

/** One window's figures for `articleId` (every language's counters summed). */
export function effectWindow(
  articleId: string,
  rows: readonly ArticleCounters[],
  from: string,
  to: string,
): EffectWindow {
  const sum = (name: string) =>
    rows.filter((r) => r.articleId === articleId).reduce((n, r) => n + (r.counts[name] ?? 0), 0);
  const answers = sum(C.answers);
  const escalations = sum(C.escalations);
  const total = answers + escalations;
  return {
    from,
    to,
    answers,
    escalations,
    up: sum(C.up),
    down: sum(C.down),
    containment: total > 0 ? round(answers / total) : null,
  };
}

export function compareWindows(
  articleId: string,
  since: string,
  before: EffectWindow,
  after: EffectWindow,
): ArticleEffect {
  const change =
    before.containment !== null && after.containment !== null
      ? round(after.containment - before.containment)
      : null;
  return { articleId, since, before, after, containmentChange: change };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
