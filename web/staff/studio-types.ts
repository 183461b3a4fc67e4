/**
 * The content studio's JSON shapes as the desk sees them: the server's own types from
 * functions/core/studio/ and functions/core/learning/ (type-only imports, erased from the
 * browser bundle), so a change of the API's shapes fails type-checking here. The contract is
 * /work/notes/studio-contract.md.
 */
import type { Lang } from '#core/types.ts';
import type {
  ArticleProblem,
  ArticleStatus,
  DraftRecord,
  HistoryRecord,
  RebuildResult,
  TryResult,
} from '#core/studio/studio-types.ts';

export type { ArticleEffect, EffectWindow } from '#core/learning/article-effect.ts';
export type {
  ArticleSuggestion,
  PhrasingSuggestion,
  Suggestion,
} from '#core/learning/build-suggestions.ts';
export type { ArticleStatus };
export type {
  AuditEntry,
  ArticlePreview as Preview,
  HistoryItem as HistoryEntry,
  PublishResult,
  TestAllReport as TestAllResult,
  TestAllRow as TestRow,
  TestOutcome,
} from '#core/studio/studio-types.ts';
export type { TryResult };

export type StudioLang = Lang;
export const STUDIO_LANGS: readonly StudioLang[] = ['en', 'ar'];

/** A lint message of the article being edited. */
export type Problem = ArticleProblem;

export type RebuildStatus = RebuildResult['status'];

export interface ArticleList {
  items: ArticleStatus[];
  staleAfterDays: number;
}

/** `GET /api/staff/studio/articles/:lang/:id`: the live version and the draft, if any. */
export interface StudioArticle {
  file: string;
  live?: { source: string; hash: string };
  draft?: DraftRecord;
}

/** `GET …/history/:version`. */
export type HistoryVersion = HistoryRecord & { version: string };

/** `POST /api/staff/studio/try`: the same question on the draft index and the live one. */
export interface TryResponse {
  draft: TryResult;
  live: TryResult;
}

/** `PUT …/draft`. */
export interface SavedDraft {
  draft: DraftRecord;
  problems: Problem[];
}

/**
 * `POST /api/staff/suggestions/:id/accept`: the phrasing to add and the draft it was added to
 * (`added: false` when the draft already had it; null when the article has no version to edit).
 */
export interface AcceptResult {
  phrasingToAdd?: string;
  draft?: { file: string; added: boolean } | null;
}
