/**
 * The content studio's records and answers, as the HTTP API returns them
 * (/work/notes/studio-contract.md): drafts, version history, audit entries, article statuses,
 * previews, try-it and test-all results. Plain data; no behaviour.
 */
import type { Problem } from '../knowledge/article.ts';
import type { RejectedArticle } from '../knowledge/select-publishable.ts';
import type { SmsEncoding } from '../render/sms-segments.ts';
import type { DecisionKind, Lang } from '../types.ts';

/** A writer's unpublished version of one article (`drafts/<file>` in the studio store). */
export interface DraftRecord {
  /** `<lang>/<id>.md` */
  file: string;
  source: string;
  by: string;
  at: string;
  /** sha256 of the live source the draft started from; '' for a new article. */
  baseHash: string;
}

export type HistoryAction = 'publish' | 'rollback' | 'delete';

/** One version of an article (`history/<file>/<version>.json`); a deletion has no source. */
export interface HistoryRecord {
  file: string;
  /** sha256 of `source` ('' for a deletion). */
  hash: string;
  source: string;
  by: string;
  at: string;
  action: HistoryAction;
  /** The version a rollback restored. */
  fromVersion?: string;
}

/** A history record as listed (newest first). */
export interface HistoryItem {
  version: string;
  at: string;
  by: string;
  action: HistoryAction;
  hash: string;
  /** UTF-8 size of the version's source. */
  bytes: number;
  fromVersion?: string;
}

export type AuditAction =
  HistoryAction | 'save-draft' | 'discard-draft' | 'accept-suggestion' | 'dismiss-suggestion';

/** Who did what to which article, when (`audit/<yyyy-mm>/<at>-<rand>.json`). */
export interface AuditEntry {
  at: string;
  by: string;
  action: AuditAction;
  file: string;
  /** The history version the action wrote, when it wrote one. */
  version?: string;
}

/** A lint message without its file (the file is the article's). */
export type ArticleProblem = Pick<Problem, 'line' | 'severity' | 'message'>;

/** One row of the studio's article list. */
export interface ArticleStatus {
  file: string;
  id: string;
  lang: Lang;
  title: string;
  owner?: string;
  updated?: string;
  /** A live version exists. */
  published: boolean;
  draft?: { by: string; at: string };
  /** The last rebuild left this article's live version out (report/rejected.json). */
  rejected?: { problems: ArticleProblem[]; serving?: RejectedArticle['serving'] };
  /** No live or draft version in the other language. */
  missingTranslation: boolean;
  /** `updated` missing or older than the studio's staleAfterDays. */
  outOfDate: boolean;
  /** Facts that differ from the other language's live version (empty: they agree). */
  contradicts: { fact: string; here: string; there: string }[];
  /** Latest history version id, if any. */
  version?: string;
}

/** How an article's answer renders on each channel. */
export interface ArticlePreview {
  web: { html: string; text: string; sections: { id: string; heading: string; html: string }[] };
  sms: { text: string; segments: number; encoding: SmsEncoding; units: number };
  alexa: { ssml: string; reprompt?: string; card: { title: string; text: string } };
}

/** What one index did with one question, for try-it. */
export interface TryResult {
  decision: DecisionKind;
  confidence: number;
  top: { articleId: string; title: string; confidence: number }[];
  /** Human-readable lines: language, terms, matched terms, fields, margin, notes. */
  why: string[];
}

/** What one index did with one test question. */
export interface TestOutcome {
  decision: DecisionKind;
  /** The answered article, or the first option of a clarification. */
  articleId?: string;
  confidence: number;
}

export interface TestAllRow {
  question: string;
  expected: string;
  lang: Lang;
  live: TestOutcome;
  draft: TestOutcome;
  source: 'listed' | 'accepted-suggestion';
}

export interface TestAllReport {
  total: number;
  unchanged: number;
  gained: TestAllRow[];
  lost: TestAllRow[];
  changed: TestAllRow[];
}

/** What a rebuild of the live index did (local: built and serving; AWS: queued). */
export interface RebuildResult {
  status: 'published' | 'unchanged' | 'rejected' | 'queued';
  rejected: RejectedArticle[];
}

/** Answer of publish, withdraw and rollback. */
export interface PublishResult {
  version: string;
  rebuild: RebuildResult;
}
