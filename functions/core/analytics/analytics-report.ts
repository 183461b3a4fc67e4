/**
 * Daily counters → the dashboard's numbers (pure): daily and weekly series, totals, rates,
 * median / p90 durations from the summed histograms, and the top articles.
 *
 * Definitions: a question is a turn the knowledge base was asked (answer, clarify or escalate);
 * containment = questions that did not end in a ticket / questions; clarification and escalation
 * rates are shares of questions; rates are null when there were no questions.
 */
import { CHANNELS, LANGS, type Channel, type Lang } from '../types.ts';
import { daysBetween, weekStart, type Period } from './days.ts';
import type { DeskReport } from './desk-report.ts';
import { percentile, type Histogram } from './duration-histogram.ts';
import { C, CLOSE_PREFIX, FIRST_REPLY_PREFIX } from './stats-events.ts';
import { addCounts, type ArticleCounters, type Counts, type DayCounters } from './stats-store.ts';
import type { Backlog } from './ticket-backlog.ts';

export interface AnalyticsQuery {
  from: string;
  to: string;
  channel?: Channel;
  lang?: Lang;
  /** A support queue id: narrows the desk numbers (not the traffic, which has no queue). */
  queue?: string;
  /** How the desk numbers and the exports group days (default `day`). */
  period?: Period;
}

export interface DurationSummary {
  count: number;
  medianSeconds: number | null;
  p90Seconds: number | null;
}

export interface TrafficNumbers {
  conversations: number;
  questions: number;
  answered: number;
  clarified: number;
  escalated: number;
  smalltalk: number;
  empty: number;
  up: number;
  down: number;
  ticketsOpened: number;
  ticketsAnswered: number;
  ticketsClosed: number;
  containment: number | null;
  clarifyRate: number | null;
  escalationRate: number | null;
  questionsByChannel: Record<Channel, number>;
  questionsByLang: Record<Lang, number>;
}

export interface DayPoint extends TrafficNumbers {
  day: string;
  timeToFirstReply: DurationSummary;
}

export interface WeekPoint extends TrafficNumbers {
  /** Monday of the ISO week. */
  weekStart: string;
}

export interface MonthPoint extends TrafficNumbers {
  /** `YYYY-MM` (the range may cut the first and last month). */
  month: string;
}

export interface Totals extends TrafficNumbers {
  /** Average confidence of the answers given, null without answers. */
  averageConfidence: number | null;
  timeToFirstReply: DurationSummary;
  timeToClose: DurationSummary;
}

export interface ArticleRow {
  lang: Lang;
  articleId: string;
  answers: number;
  averageConfidence: number | null;
  up: number;
  down: number;
}

/** The traffic part of the report (buildReport); the service adds the desk part. */
export interface TrafficReport {
  query: AnalyticsQuery;
  generatedAt: string;
  /** Days are UTC calendar days. */
  days: DayPoint[];
  weeks: WeekPoint[];
  months: MonthPoint[];
  totals: Totals;
  backlog: Backlog & { oldestWaitingSeconds: number | null };
  /** Most-used articles in the range (filtered by language, not by channel). */
  articles: ArticleRow[];
}

export interface AnalyticsReport extends TrafficReport {
  /** First response, agents, CSAT, abandonment, conversation duration, start pages. */
  desk: DeskReport;
}

export interface ReportInput {
  query: AnalyticsQuery;
  now: Date;
  main: DayCounters[];
  byChannel: Partial<Record<Channel, DayCounters[]>>;
  byLang: Partial<Record<Lang, DayCounters[]>>;
  articles: ArticleCounters[];
  backlog: Backlog;
  /** Most article rows returned. */
  articleLimit?: number;
}

export function buildReport(input: ReportInput): TrafficReport {
  const days = daysBetween(input.query.from, input.query.to);
  const main = byDay(input.main);
  const channelQuestions = questionsPerDay(input.byChannel, CHANNELS);
  const langQuestions = questionsPerDay(input.byLang, LANGS);
  const sliceOf = (day: string): Slice => ({
    counts: main.get(day) ?? {},
    byChannel: pick(CHANNELS, (c) => channelQuestions[c]?.get(day) ?? 0),
    byLang: pick(LANGS, (l) => langQuestions[l]?.get(day) ?? 0),
  });

  const dayPoints: DayPoint[] = days.map((day) => {
    const slice = sliceOf(day);
    return {
      day,
      ...traffic(slice),
      timeToFirstReply: durations(slice.counts, FIRST_REPLY_PREFIX),
    };
  });

  const weeks = new Map<string, Slice>();
  for (const day of days) {
    const key = weekStart(day);
    weeks.set(key, mergeSlices(weeks.get(key), sliceOf(day)));
  }
  const weekPoints: WeekPoint[] = [...weeks].map(([start, slice]) => ({
    weekStart: start,
    ...traffic(slice),
  }));
  const months = new Map<string, Slice>();
  for (const day of days) {
    const key = day.slice(0, 7);
    months.set(key, mergeSlices(months.get(key), sliceOf(day)));
  }
  const monthPoints: MonthPoint[] = [...months].map(([month, slice]) => ({
    month,
    ...traffic(slice),
  }));

  const total = days.reduce<Slice | undefined>(
    (acc, day) => mergeSlices(acc, sliceOf(day)),
    undefined,
  ) ?? {
    counts: {},
    byChannel: pick(CHANNELS, () => 0),
    byLang: pick(LANGS, () => 0),
  };
  const oldest = input.backlog.oldestWaitingSince;
  return {
    query: input.query,
    generatedAt: input.now.toISOString(),
    days: dayPoints,
    weeks: weekPoints,
    months: monthPoints,
    totals: {
      ...traffic(total),
      averageConfidence: average(total.counts),
      timeToFirstReply: durations(total.counts, FIRST_REPLY_PREFIX),
      timeToClose: durations(total.counts, CLOSE_PREFIX),
    },
    backlog: {
      ...input.backlog,
      oldestWaitingSeconds: oldest
        ? Math.max(0, Math.round((input.now.getTime() - Date.parse(oldest)) / 1000))
        : null,
    },
    articles: articleRows(input.articles, input.articleLimit ?? 50),
  };
}

interface Slice {
  counts: Counts;
  byChannel: Record<Channel, number>;
  byLang: Record<Lang, number>;
}

function mergeSlices(a: Slice | undefined, b: Slice): Slice {
  if (!a)
    return { counts: { ...b.counts }, byChannel: { ...b.byChannel }, byLang: { ...b.byLang } };
  addCounts(a.counts, b.counts);
  for (const c of CHANNELS) a.byChannel[c] += b.byChannel[c];
  for (const l of LANGS) a.byLang[l] += b.byLang[l];
  return a;
}

function traffic({ counts, byChannel, byLang }: Slice): TrafficNumbers {
  const n = (name: string) => counts[name] ?? 0;
  const questions = n(C.questions);
  const rate = (part: number) => (questions > 0 ? round(part / questions) : null);
  return {
    conversations: n(C.conversations),
    questions,
    answered: n(C.answered),
    clarified: n(C.clarified),
    escalated: n(C.escalated),
    smalltalk: n(C.smalltalk),
    empty: n(C.empty),
    up: n(C.up),
    down: n(C.down),
    ticketsOpened: n(C.ticketsOpened),
    ticketsAnswered: n(C.ticketsAnswered),
    ticketsClosed: n(C.ticketsClosed),
    containment: rate(questions - n(C.escalated)),
    clarifyRate: rate(n(C.clarified)),
    escalationRate: rate(n(C.escalated)),
    questionsByChannel: { ...byChannel },
    questionsByLang: { ...byLang },
  };
}

/** Median and p90 of the histogram stored under `prefix` in `counts`. */
export function durations(counts: Counts, prefix: string): DurationSummary {
  const histogram: Histogram = new Map();
  for (const [name, value] of Object.entries(counts)) {
    if (name.startsWith(prefix)) histogram.set(Number(name.slice(prefix.length)), value);
  }
  let count = 0;
  for (const v of histogram.values()) count += v;
  return {
    count,
    medianSeconds: percentile(histogram, 0.5),
    p90Seconds: percentile(histogram, 0.9),
  };
}

function average(counts: Counts): number | null {
  const n = counts[C.confidenceCount] ?? 0;
  return n > 0 ? round((counts[C.confidenceMilli] ?? 0) / 1000 / n) : null;
}

function articleRows(articles: ArticleCounters[], limit: number): ArticleRow[] {
  return articles
    .map((a) => ({
      lang: a.lang,
      articleId: a.articleId,
      answers: a.counts[C.answers] ?? 0,
      averageConfidence: average(a.counts),
      up: a.counts[C.up] ?? 0,
      down: a.counts[C.down] ?? 0,
    }))
    .filter((row) => row.answers > 0 || row.up > 0 || row.down > 0)
    .sort(
      (a, b) =>
        b.answers - a.answers ||
        b.up + b.down - (a.up + a.down) ||
        (a.lang + a.articleId < b.lang + b.articleId ? -1 : 1),
    )
    .slice(0, limit);
}

function byDay(rows: DayCounters[]): Map<string, Counts> {
  const map = new Map<string, Counts>();
  for (const row of rows) map.set(row.day, addCounts(map.get(row.day) ?? {}, row.counts));
  return map;
}

function questionsPerDay<K extends string>(
  series: Partial<Record<K, DayCounters[]>>,
  keys: readonly K[],
): Partial<Record<K, Map<string, number>>> {
  const out: Partial<Record<K, Map<string, number>>> = {};
  for (const key of keys) {
    const rows = series[key];
    if (!rows) continue;
    out[key] = new Map(rows.map((r) => [r.day, r.counts[C.questions] ?? 0]));
  }
  return out;
}

function pick<K extends string>(keys: readonly K[], value: (key: K) => number): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, value(k)])) as Record<K, number>;
}

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
