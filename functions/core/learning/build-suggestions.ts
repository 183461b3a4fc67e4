/**
 * Suggestions (pure): learning signals and gap clusters → what a writer could do next.
 *  - "add this phrasing to article X": customers' questions that ended at article X (picked
 *    from "did you mean", or marked by staff as answered by X), grouped by their normal form
 *    (phrasing.ts), with counts and up to three examples; left out when the phrasing is already
 *    one of the article's questions or accepted, when thumbs down outweigh it, or when it was
 *    decided (accepted or dismissed) before.
 *  - "write an article about …": the content-gap clusters (analytics/gap-report.ts).
 * Ids are hashes of what a suggestion is about, so the same suggestion keeps its id from one
 * list to the next and a decision sticks to it.
 */
import { createHash } from 'node:crypto';
import type { GapCluster } from '../analytics/gap-report.ts';
import type { Lang } from '../types.ts';
import type { LearningSignal } from './learning-signal.ts';
import { isUsefulPhrasing, normalizePhrasing } from './phrasing.ts';
import type { SuggestionDecision } from './suggestion-store.ts';

export interface PhrasingSuggestion {
  id: string;
  kind: 'phrasing';
  lang: Lang;
  articleId: string;
  /** The phrasing to add (the most frequent wording of it). */
  phrasing: string;
  /** Signals for it: picks plus staff marks. */
  count: number;
  picked: number;
  answeredBy: number;
  /** Escalated although this article was the top candidate (from staff marks). */
  rankedFirst: number;
  thumbsDown: number;
  /** Up to three distinct wordings, newest first. */
  examples: string[];
  lastAt: string;
}

export interface ArticleSuggestion {
  id: string;
  kind: 'article';
  lang: Lang;
  /** What the article would be about: the cluster's most recent example question. */
  topic: string;
  terms: string[];
  /** Distinct customers (and staff suggestions) behind it. */
  count: number;
  questions: number;
  examples: string[];
  nearestArticle?: { articleId: string; confidence: number };
  staffAnswer?: { ticketRef: string; text: string };
  lastAt: string;
}

export type Suggestion = PhrasingSuggestion | ArticleSuggestion;

export interface SuggestionInput {
  lang: Lang;
  signals: readonly LearningSignal[];
  decisions: readonly SuggestionDecision[];
  clusters: readonly GapCluster[];
  /** The live articles' `questions` by article id, when known (then those are left out). */
  articleQuestions?: ReadonlyMap<string, readonly string[]>;
  /** Fewest positive signals a phrasing needs. Default 1. */
  minSignals?: number;
}

const MAX_EXAMPLES = 3;

export function phrasingSuggestionId(lang: Lang, articleId: string, normalized: string): string {
  return `phr-${hash(`${lang}\n${articleId}\n${normalized}`)}`;
}

export function articleSuggestionId(lang: Lang, terms: readonly string[]): string {
  return `art-${hash(`${lang}\n${[...terms].sort().join(' ')}`)}`;
}

/** Pending suggestions of one language, phrasings first, each kind by count. */
export function buildSuggestions(input: SuggestionInput): Suggestion[] {
  const decided = new Set(input.decisions.map((d) => d.id));
  return [
    ...phrasingSuggestions(input).filter((s) => !decided.has(s.id)),
    ...articleSuggestions(input).filter((s) => !decided.has(s.id)),
  ];
}

interface Group {
  articleId: string;
  normalized: string;
  signals: LearningSignal[];
}

function phrasingSuggestions(input: SuggestionInput): PhrasingSuggestion[] {
  const minSignals = input.minSignals ?? 1;
  const known = new Map<string, Set<string>>();
  const addKnown = (articleId: string, text: string) => {
    const set = known.get(articleId) ?? new Set<string>();
    set.add(normalizePhrasing(text));
    known.set(articleId, set);
  };
  for (const [articleId, questions] of input.articleQuestions ?? []) {
    for (const q of questions) addKnown(articleId, q);
  }
  for (const d of input.decisions) {
    if (d.status === 'accepted' && d.articleId && d.phrasing) addKnown(d.articleId, d.phrasing);
  }

  const groups = new Map<string, Group>();
  for (const signal of input.signals) {
    if (signal.lang !== input.lang) continue;
    const normalized = normalizePhrasing(signal.question);
    if (!isUsefulPhrasing(normalized)) continue;
    const key = `${signal.articleId}\n${normalized}`;
    const group = groups.get(key) ?? { articleId: signal.articleId, normalized, signals: [] };
    group.signals.push(signal);
    groups.set(key, group);
  }

  const out: PhrasingSuggestion[] = [];
  for (const group of groups.values()) {
    if (known.get(group.articleId)?.has(group.normalized)) continue;
    const count = (kind: LearningSignal['kind']) =>
      group.signals.filter((s) => s.kind === kind).length;
    const picked = count('picked');
    const answeredBy = count('answered-by');
    const thumbsDown = count('thumbs-down');
    const positive = picked + answeredBy;
    if (positive < minSignals || thumbsDown >= positive) continue;
    const newestFirst = group.signals
      .filter((s) => s.kind !== 'thumbs-down')
      .sort((a, b) => b.at.localeCompare(a.at));
    out.push({
      id: phrasingSuggestionId(input.lang, group.articleId, group.normalized),
      kind: 'phrasing',
      lang: input.lang,
      articleId: group.articleId,
      phrasing: mostFrequent(newestFirst.map((s) => s.question.trim())),
      count: positive,
      picked,
      answeredBy,
      rankedFirst: group.signals.filter((s) => s.rankedFirst === true).length,
      thumbsDown,
      examples: distinct(newestFirst.map((s) => s.question.trim())).slice(0, MAX_EXAMPLES),
      lastAt: newestFirst[0]!.at,
    });
  }
  return out.sort(
    (a, b) =>
      b.count - a.count ||
      b.lastAt.localeCompare(a.lastAt) ||
      a.articleId.localeCompare(b.articleId) ||
      a.phrasing.localeCompare(b.phrasing),
  );
}

function articleSuggestions(input: SuggestionInput): ArticleSuggestion[] {
  return input.clusters
    .filter((c) => c.lang === input.lang && c.examples.length > 0)
    .map((c) => ({
      id: articleSuggestionId(c.lang, c.terms),
      kind: 'article' as const,
      lang: c.lang,
      topic: c.examples[0]!,
      terms: c.terms,
      count: c.customers,
      questions: c.questions,
      examples: c.examples.slice(0, MAX_EXAMPLES),
      ...(c.nearestArticle ? { nearestArticle: c.nearestArticle } : {}),
      ...(c.staffAnswer
        ? { staffAnswer: { ticketRef: c.staffAnswer.ticketRef, text: c.staffAnswer.text } }
        : {}),
      lastAt: c.lastAt,
    }))
    .sort((a, b) => b.count - a.count || b.lastAt.localeCompare(a.lastAt));
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

function distinct(texts: readonly string[]): string[] {
  return [...new Set(texts)];
}

/** The most frequent text; ties go to the one seen first (the newest). */
function mostFrequent(texts: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const t of texts) counts.set(t, (counts.get(t) ?? 0) + 1);
  let best = texts[0] ?? '';
  for (const t of texts) if ((counts.get(t) ?? 0) > (counts.get(best) ?? 0)) best = t;
  return best;
}
