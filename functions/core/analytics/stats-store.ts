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

/**
 * Families of keyed counters (the desk analytics): per support queue (key: queue id), per staff
 * member (key: their name) and per start page (key: the page's path). A family's keys are not
 * known in advance, so a read returns every key of the family's dimension.
 */
export type KeyedFamily = 'queue' | 'agent' | 'page';
export const KEYED_FAMILIES: readonly KeyedFamily[] = ['queue', 'agent', 'page'];

/**
 * The dimension of keyed counters: a traffic slice (`dimensionKey`), optionally narrowed to one
 * support queue (`all/q:returns`, `web.ar/q:returns`): agents can be filtered by queue.
 */
export function keyedDimension(dimension: Dimension = {}, queue?: string): string {
  const base = dimensionKey(dimension);
  return queue === undefined ? base : `${base}/q:${queue}`;
}

/**
 * Counters to add for one day: traffic counters of a dimension, an article's counters, or the
 * counters of one key of a keyed family (a queue, an agent, a start page) in a dimension.
 * `position`: where in its writer's order the last event behind these counts was (stream
 * consumer; see IncrementOrigin) — merged updates keep the highest.
 */
export type CounterUpdate =
  | { scope: 'day'; day: string; dimension: string; counts: Counts; position?: string }
  | {
      scope: 'article';
      day: string;
      lang: Lang;
      articleId: string;
      counts: Counts;
      position?: string;
    }
  | {
      scope: 'keyed';
      day: string;
      family: KeyedFamily;
      dimension: string;
      key: string;
      counts: Counts;
      position?: string;
    };

export interface DayCounters {
  day: string;
  counts: Counts;
}

export interface ArticleCounters {
  lang: Lang;
  articleId: string;
  counts: Counts;
}

/** How finely keyed counters are read back: per day, or per calendar month (`YYYY-MM`). */
export type Grain = 'day' | 'month';

/** One key's counters for one period (a day, or the part of a month inside the range read). */
export interface KeyedCounters {
  /** `YYYY-MM-DD` (grain `day`) or `YYYY-MM` (grain `month`). */
  period: string;
  key: string;
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

/**
 * Makes a batch of increments safe to apply again (a stream batch delivered again, or retried
 * in halves): each counter item remembers, per `writer`, the position of the last event applied
 * to it, in the same atomic write as the counts; an item whose events are all at or below that
 * position is skipped. An item's position is the highest `position` of the updates merged into
 * it (default: the origin's). Correct as long as the writer delivers in order and never
 * redelivers an applied range inside a larger one (DynamoDB Streams + Lambda: one batch per
 * shard at a time; a failed batch is retried whole or bisected into contiguous halves).
 */
export interface IncrementOrigin {
  /** Who writes in order, e.g. one DynamoDB Streams shard. */
  writer: string;
  /** Default position of the updates (where the batch ends); compared as strings (pad numbers). */
  position: string;
  /**
   * Which of the counter item's shards takes the batch (0 ≤ shard < COUNTER_SHARDS): spreads a
   * hot daily item over several items; readers sum the shards. The same writer must always name
   * the same shard so its position stays comparable.
   */
  shard: number;
}

/** What an increment did: counter items written, and those skipped as already applied. */
export interface IncrementResult {
  applied: number;
  skipped: number;
}

/** Shards per counter item written from the stream (readers sum whatever shards exist). */
export const COUNTER_SHARDS = 8;

export abstract class StatsStore {
  /**
   * Adds every update's counts to its counters (created at zero when missing), one write per
   * counter item. With an `origin`, updates already applied from that writer's position are
   * skipped (idempotent under redelivery).
   */
  abstract increment(updates: CounterUpdate[], origin?: IncrementOrigin): Promise<IncrementResult>;
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
  /**
   * Every key's counters of a keyed family in one dimension (see `keyedDimension`) from `from`
   * to `to`, per day or per month (a month only partly inside the range sums those days only);
   * periods without counts are left out, the order is not specified.
   */
  abstract keyedCounters(
    family: KeyedFamily,
    dimension: string,
    from: string,
    to: string,
    grain: Grain,
  ): Promise<KeyedCounters[]>;
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
/** Attribute names holding a writer's position on a counter item (never a counter). */
export const WATERMARK_PREFIX = 'wm_';
const ARTICLE_ID = /^[\w.-]{1,120}$/;
/** A keyed dimension: a traffic slice, optionally `/q:<queue key>`. */
const KEYED_DIMENSION = /^[a-z0-9.]{1,40}(\/q:~?[a-z0-9][a-z0-9-]{0,39})?$/;
/** Longest key of a keyed family (a staff name, a page path). */
export const MAX_KEY_CHARS = 200;
export const MAX_GAP_QUESTIONS = 5_000;

/** Rejects updates a store could not key or name safely (shared by every adapter). */
export function checkUpdate(update: CounterUpdate): void {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(update.day)) {
    throw new ValidationError('counter day must be YYYY-MM-DD', { day: update.day });
  }
  if (update.scope === 'article' && !ARTICLE_ID.test(update.articleId)) {
    throw new ValidationError('article id is not a valid key', { articleId: update.articleId });
  }
  if (update.scope === 'keyed') checkKeyed(update.family, update.dimension, update.key);
  for (const [name, value] of Object.entries(update.counts)) {
    const reserved = name === 'pk' || name === 'sk' || name.startsWith(WATERMARK_PREFIX);
    if (!COUNTER_NAME.test(name) || reserved) {
      throw new ValidationError(`invalid counter name: ${name}`, { name });
    }
    if (!Number.isFinite(value)) throw new ValidationError(`counter ${name} is not a number`);
  }
}

/** Rejects a keyed family, dimension or key a store could not key safely. */
export function checkKeyed(family: unknown, dimension: unknown, key?: unknown): void {
  if (!(KEYED_FAMILIES as readonly unknown[]).includes(family)) {
    throw new ValidationError(`unknown keyed counter family: ${String(family)}`);
  }
  if (typeof dimension !== 'string' || !KEYED_DIMENSION.test(dimension)) {
    throw new ValidationError('keyed counter dimension is not valid', { dimension });
  }
  if (key === undefined) return;
  if (
    typeof key !== 'string' ||
    key === '' ||
    key.length > MAX_KEY_CHARS ||
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u001f\u007f]/.test(key)
  ) {
    throw new ValidationError('keyed counter key is empty, too long or has control characters');
  }
}

/** Rejects an origin a store could not compare or key safely. */
export function checkOrigin(origin: IncrementOrigin): void {
  if (!origin.writer || typeof origin.writer !== 'string') {
    throw new ValidationError('increment origin needs a writer');
  }
  if (!origin.position || typeof origin.position !== 'string') {
    throw new ValidationError('increment origin needs a position');
  }
  if (!Number.isInteger(origin.shard) || origin.shard < 0 || origin.shard >= COUNTER_SHARDS) {
    throw new ValidationError(`counter shard must be an integer from 0 to ${COUNTER_SHARDS - 1}`);
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
    const key = updateItemKey(update);
    const existing = merged.get(key);
    if (!existing) {
      merged.set(key, { ...update, counts: { ...update.counts } });
      continue;
    }
    for (const [name, value] of Object.entries(update.counts)) {
      existing.counts[name] = (existing.counts[name] ?? 0) + value;
    }
    existing.position = laterPosition(existing.position, update.position);
  }
  return [...merged.values()]
    .map((u) => ({
      ...u,
      counts: Object.fromEntries(Object.entries(u.counts).filter(([, v]) => v !== 0)),
    }))
    .filter((u) => Object.keys(u.counts).length > 0);
}

/** Identifies the counter item an update adds to (updates with the same key merge). */
export function updateItemKey(update: CounterUpdate): string {
  switch (update.scope) {
    case 'day':
      return `d|${update.dimension}|${update.day}`;
    case 'article':
      return `a|${update.lang}|${update.articleId}|${update.day}`;
    case 'keyed':
      return JSON.stringify(['k', update.family, update.dimension, update.key, update.day]);
  }
}

/** The same updates with every count negated (what a ticket counted before a change). */
export function negatedUpdates(updates: readonly CounterUpdate[]): CounterUpdate[] {
  return updates.map((u) => ({
    ...u,
    counts: Object.fromEntries(Object.entries(u.counts).map(([name, n]) => [name, -n])),
  }));
}

/** The later of two positions (either may be missing). */
export function laterPosition(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return b > a ? b : a;
}

/** Adds `counts` into `target` (in place) and returns it. */
export function addCounts(target: Counts, counts: Counts): Counts {
  for (const [name, value] of Object.entries(counts)) target[name] = (target[name] ?? 0) + value;
  return target;
}
