/**
 * The analytics port: daily counters kept up to date as turns and ticket changes are written,
 * and the escalated / low-confidence questions writers look at. Counters are only ever added to
 * (atomically), so concurrent Lambdas never lose an increment; reads are a few bounded queries
 * for any range up to a year, never a scan of the session log.
 */
import { ValidationError } from '../errors.ts';
import { LANGS, type Channel, type Lang } from '../types.ts';

/** Counter name → amount (may be negative, e.g. a thumbs-up changed to a thumbs-down). */
export type Counts = Record<string, number>;

/** A slice of traffic: everything, one channel, one language, or both. */
export interface Dimension {
  channel?: Channel;
  lang?: Lang;
}

/** `all`, `web`, `ar`, `web.ar`: the stable key of a dimension. */
export function dimensionKey(dimension: Dimension = {}): string {
  return [dimension.channel, dimension.lang].filter(Boolean).join('.') || 'all';
}

/** Counters to add for one day: traffic counters of a dimension, or an article's counters. */
export type CounterUpdate =
  | { scope: 'day'; day: string; dimension: string; counts: Counts }
  | { scope: 'article'; day: string; lang: Lang; articleId: string; counts: Counts };

export interface DayCounters {
  day: string;
  counts: Counts;
}

export interface ArticleCounters {
  lang: Lang;
  articleId: string;
  counts: Counts;
}

/** An escalated or low-confidence customer question, kept for the content-gap report. */
export interface GapQuestion {
  /** ISO time of the turn. */
  at: string;
  messageId: string;
  sessionId: string;
  lang: Lang;
  channel: Channel;
  /** Redacted customer text. */
  text: string;
  outcome: 'answer' | 'clarify' | 'escalate';
  /** Nearest article and its confidence, when retrieval found one. */
  articleId?: string;
  confidence?: number;
  ticketRef?: string;
  /** Why it was escalated (no-match, low-confidence, asked-for-human…), when known. */
  reason?: string;
  /** Epoch seconds after which the store may delete it: the expiry of its turn. */
  expiresAt?: number;
}

export abstract class StatsStore {
  /** Adds every update's counts to its counters (created at zero when missing). */
  abstract increment(updates: CounterUpdate[]): Promise<void>;
  /** Daily counters of one dimension (see `dimensionKey`) from `from` to `to`, oldest first;
   * days without traffic are left out. With `counters`, only those are read. */
  abstract dailyCounters(
    dimension: string,
    from: string,
    to: string,
    counters?: string[],
  ): Promise<DayCounters[]>;
  /** Each article's counters summed over the range, for one language or all. */
  abstract articleCounters(from: string, to: string, lang?: Lang): Promise<ArticleCounters[]>;
  /** Keeps a gap question (idempotent on `at` + `messageId`). */
  abstract addGapQuestion(question: GapQuestion): Promise<void>;
  /** Gap questions of one language asked from `from` to `to` (days), newest first, at most `limit`. */
  abstract gapQuestions(
    lang: Lang,
    from: string,
    to: string,
    limit: number,
  ): Promise<GapQuestion[]>;
}

const COUNTER_NAME = /^[a-z][A-Za-z0-9_]{0,39}$/;
const ARTICLE_ID = /^[\w.-]{1,120}$/;
export const MAX_GAP_QUESTIONS = 5_000;

/** Rejects updates a store could not key or name safely (shared by every adapter). */
export function checkUpdate(update: CounterUpdate): void {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(update.day)) {
    throw new ValidationError('counter day must be YYYY-MM-DD', { day: update.day });
  }
  if (update.scope === 'article' && !ARTICLE_ID.test(update.articleId)) {
    throw new ValidationError('article id is not a valid key', { articleId: update.articleId });
  }
  for (const [name, value] of Object.entries(update.counts)) {
    if (!COUNTER_NAME.test(name) || name === 'pk' || name === 'sk') {
      throw new ValidationError(`invalid counter name: ${name}`, { name });
    }
    if (!Number.isFinite(value)) throw new ValidationError(`counter ${name} is not a number`);
  }
}

/** Rejects a gap question without a valid language, an ISO time or its ids (shared by every adapter). */
export function checkGapQuestion(question: GapQuestion): void {
  if (!LANGS.includes(question.lang)) throw new ValidationError('gap question has no valid lang');
  if (Number.isNaN(Date.parse(question.at)))
    throw new ValidationError('gap question time is not an ISO date');
  if (!question.messageId || !question.sessionId)
    throw new ValidationError('gap question ids are missing');
}

/** Updates for the same counter item merged into one (fewer writes), zero counts dropped. */
export function mergeUpdates(updates: CounterUpdate[]): CounterUpdate[] {
  const merged = new Map<string, CounterUpdate>();
  for (const update of updates) {
    const key =
      update.scope === 'day'
        ? `d|${update.dimension}|${update.day}`
        : `a|${update.lang}|${update.articleId}|${update.day}`;
    const existing = merged.get(key);
    if (!existing) {
      merged.set(key, { ...update, counts: { ...update.counts } });
      continue;
    }
    for (const [name, value] of Object.entries(update.counts)) {
      existing.counts[name] = (existing.counts[name] ?? 0) + value;
    }
  }
  return [...merged.values()]
    .map((u) => ({
      ...u,
      counts: Object.fromEntries(Object.entries(u.counts).filter(([, v]) => v !== 0)),
    }))
    .filter((u) => Object.keys(u.counts).length > 0);
}

/** Adds `counts` into `target` (in place) and returns it. */
export function addCounts(target: Counts, counts: Counts): Counts {
  for (const [name, value] of Object.entries(counts)) target[name] = (target[name] ?? 0) + value;
  return target;
}
