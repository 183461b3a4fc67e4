/**
 * The learning loop's store port: the learning signals (learning-signal.ts) and the writers'
 * decisions on suggestions. Nothing here changes the live index: an accepted phrasing is only
 * recorded (who, when, the text) until the publishing path merges `acceptedPhrasings` into the
 * article's `questions`.
 * Adapters: DynamoSuggestionStore (stats table), MemorySuggestionStore; one contract suite
 * (test/contract/suggestion-store.contract.ts) runs against both.
 */
import { MujibError, ValidationError } from '../errors.ts';
import { LANGS, type Lang } from '../types.ts';
import type { LearningSignal, LearningSignalKey } from './learning-signal.ts';

export type SuggestionKind = 'phrasing' | 'article';

/** A writer's decision on one suggestion (audited: who and when). */
export interface SuggestionDecision {
  /** The suggestion's stable id (see build-suggestions.ts). */
  id: string;
  kind: SuggestionKind;
  status: 'accepted' | 'dismissed';
  lang: Lang;
  /** The article a phrasing is for (kind `phrasing`). */
  articleId?: string;
  /** The phrasing to add, as the writer accepted it (possibly edited). */
  phrasing?: string;
  by: string;
  at: string;
}

/** Most signals read per language for one suggestion list. */
export const MAX_SIGNALS = 5_000;

export abstract class SuggestionStore {
  /** Keeps signals; a signal with an id already kept replaces it (idempotent). */
  abstract addSignals(signals: readonly LearningSignal[]): Promise<void>;
  /** A language's signals, at most `limit` (MAX_SIGNALS by default), in no particular order. */
  abstract signals(lang: Lang, limit?: number): Promise<LearningSignal[]>;
  /** Deletes the signals with these keys (erasure); returns how many there were. */
  abstract deleteSignals(keys: readonly LearningSignalKey[]): Promise<number>;
  /**
   * Records a decision once: throws `SuggestionDecidedError` (carrying the stored decision)
   * when the suggestion was already accepted or dismissed.
   */
  abstract decide(decision: SuggestionDecision): Promise<SuggestionDecision>;
  /** Every decision taken (of one language, when given). */
  abstract decisions(lang?: Lang): Promise<SuggestionDecision[]>;
  /**
   * The phrasings accepted for an article, oldest decision first: what publishing merges into
   * the article's `questions`.
   */
  async acceptedPhrasings(articleId: string): Promise<string[]> {
    return (await this.decisions())
      .filter((d) => d.status === 'accepted' && d.articleId === articleId && d.phrasing)
      .sort((a, b) => a.at.localeCompare(b.at))
      .map((d) => d.phrasing!);
  }
}

/** The suggestion already has a decision (the HTTP layer answers 409). */
export class SuggestionDecidedError extends MujibError {
  constructor(readonly decision: SuggestionDecision) {
    super(`suggestion ${decision.id} was already ${decision.status} by ${decision.by}`, {
      id: decision.id,
      status: decision.status,
    });
  }
}

const ID = /^[a-z]{2,12}-[0-9a-f]{8,40}$/;
const ARTICLE_ID = /^[\w.-]{1,120}$/;

/** Rejects what a store could not key safely (shared by every adapter). */
export function checkSignal(signal: LearningSignal): void {
  if (!(LANGS as readonly string[]).includes(signal.lang)) {
    throw new ValidationError('signal lang is not supported', { lang: signal.lang });
  }
  if (!ARTICLE_ID.test(signal.articleId)) {
    throw new ValidationError('signal article id is not a valid key', {
      articleId: signal.articleId,
    });
  }
  if (!signal.id || signal.id.length > 600) throw new ValidationError('signal id is invalid');
}

export function checkDecision(decision: SuggestionDecision): void {
  if (!ID.test(decision.id)) throw new ValidationError('suggestion id is invalid');
  if (decision.articleId !== undefined && !ARTICLE_ID.test(decision.articleId)) {
    throw new ValidationError('article id is not a valid key');
  }
}

/** True when `id` looks like a suggestion id (checked before a store sees it). */
export function isSuggestionId(id: string): boolean {
  return ID.test(id);
}
