/**
 * The dashboard's read side: checks the requested range and filters, reads the daily counters
 * (one series for the filter, plus one per channel and per language for the breakdowns), the
 * article counters and the backlog, all in parallel, and builds the report.
 */
import { ValidationError } from '../errors.ts';
import type { Clock } from '../ports.ts';
import { CHANNELS, LANGS, type Channel, type Lang } from '../types.ts';
import { addDays, checkDayRange, dayOf } from './days.ts';
import { buildReport, type AnalyticsQuery, type AnalyticsReport } from './analytics-report.ts';
import { C } from './stats-events.ts';
import { dimensionKey, type DayCounters, type StatsStore } from './stats-store.ts';
import type { TicketBacklog } from './ticket-backlog.ts';

export interface AnalyticsServiceDeps {
  stats: StatsStore;
  backlog: TicketBacklog;
  clock: Clock;
}

/** Longest range one report covers, in days. */
export const MAX_REPORT_DAYS = 366;
/** Range used when none is given: the last 30 days, today included. */
export const DEFAULT_REPORT_DAYS = 30;

export interface AnalyticsRequest {
  from?: string;
  to?: string;
  channel?: string;
  lang?: string;
}

export class AnalyticsService {
  constructor(private readonly deps: AnalyticsServiceDeps) {}

  /** Checks a request (400 on bad dates, ranges or filters) and fills in the default range. */
  query(request: AnalyticsRequest): AnalyticsQuery {
    const today = dayOf(this.deps.clock.now());
    const to = request.to || today;
    const from = request.from || addDays(isDayLike(to) ? to : today, -(DEFAULT_REPORT_DAYS - 1));
    const range = checkDayRange(from, to, MAX_REPORT_DAYS);
    const query: AnalyticsQuery = { ...range };
    if (request.channel) query.channel = oneOf(request.channel, CHANNELS, 'channel');
    if (request.lang) query.lang = oneOf(request.lang, LANGS, 'lang');
    return query;
  }

  /**
   * The report for a range and optional channel / language.
   *
   * @example
   * await analytics.report({ from: '2026-01-01', to: '2026-12-31', channel: 'sms' })
   */
  async report(request: AnalyticsRequest): Promise<AnalyticsReport> {
    const query = this.query(request);
    const { stats } = this.deps;
    const series = (dimension: { channel?: Channel; lang?: Lang }, counters?: string[]) =>
      stats.dailyCounters(dimensionKey(dimension), query.from, query.to, counters);
    const channels = query.channel ? [query.channel] : CHANNELS;
    const langs = query.lang ? [query.lang] : LANGS;
    const [main, channelSeries, langSeries, articles, backlog] = await Promise.all([
      series({ channel: query.channel, lang: query.lang }),
      // The breakdowns only need the question counts.
      Promise.all(channels.map((channel) => series({ channel, lang: query.lang }, [C.questions]))),
      Promise.all(langs.map((lang) => series({ channel: query.channel, lang }, [C.questions]))),
      stats.articleCounters(query.from, query.to, query.lang),
      this.deps.backlog.read(),
    ]);
    return buildReport({
      query,
      now: this.deps.clock.now(),
      main,
      byChannel: zip(channels, channelSeries),
      byLang: zip(langs, langSeries),
      articles,
      backlog,
    });
  }
}

function isDayLike(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(text));
}

function oneOf<T extends string>(value: string, allowed: readonly T[], name: string): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new ValidationError(`${name} must be one of ${allowed.join(', ')}`, { [name]: value });
  }
  return value as T;
}

function zip<K extends string>(
  keys: readonly K[],
  values: DayCounters[][],
): Partial<Record<K, DayCounters[]>> {
  return Object.fromEntries(keys.map((k, i) => [k, values[i] ?? []])) as Partial<
    Record<K, DayCounters[]>
  >;
}
