/**
 * The dashboard's read side: checks the requested range and filters, reads the daily counters
 * (one series for the filter, plus one per channel and per language for the breakdowns), the
 * article counters, the desk's keyed counters (per queue, agent and start page), the backlog and
 * who is on shift, all in parallel, and builds the report — or one of its tables, for the CSV
 * export.
 */
import { ValidationError } from '../errors.ts';
import type { Clock } from '../ports.ts';
import type { PresenceStore, StaffPresence } from '../support/presence-store.ts';
import { CHANNELS, LANGS, type Channel, type Lang } from '../types.ts';
import { addDays, checkDayRange, dayOf, PERIODS } from './days.ts';
import {
  buildReport,
  type AnalyticsQuery,
  type AnalyticsReport,
  type TrafficReport,
} from './analytics-report.ts';
import {
  buildDeskReport,
  deskData,
  queueKeysOf,
  type DeskData,
  type DeskQuery,
  type QueueDirectory,
} from './desk-report.ts';
import { checkTableName, reportTable, type ReportTable } from './csv-export.ts';
import { C } from './stats-events.ts';
import {
  dimensionKey,
  keyedDimension,
  type DayCounters,
  type KeyedCounters,
  type StatsStore,
} from './stats-store.ts';
import type { TicketBacklog } from './ticket-backlog.ts';

export interface AnalyticsServiceDeps {
  stats: StatsStore;
  backlog: TicketBacklog;
  clock: Clock;
  /** Who is on shift (the desk's heartbeats); without it the report says presence is unknown. */
  presence?: PresenceStore;
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
  /** A support queue id (desk numbers only). */
  queue?: string;
  /** `day`, `week` or `month` (default `day`). */
  period?: string;
}

/** What the report knows about the support queues (names, default queues), when anything. */
export interface ReportOptions {
  queues?: QueueDirectory;
}

/** A queue id as support.json writes them (checked against the queues when they are known). */
const QUEUE_ID = /^[a-z0-9][a-z0-9-]{0,39}$/;

export class AnalyticsService {
  constructor(private readonly deps: AnalyticsServiceDeps) {}

  /**
   * Checks a request (400 on bad dates, ranges, filters or period) and fills in the default
   * range and period.
   */
  query(request: AnalyticsRequest, options: ReportOptions = {}): DeskQuery {
    const today = dayOf(this.deps.clock.now());
    const to = request.to || today;
    const from = request.from || addDays(isDayLike(to) ? to : today, -(DEFAULT_REPORT_DAYS - 1));
    const range = checkDayRange(from, to, MAX_REPORT_DAYS);
    const period = request.period ? oneOf(request.period, PERIODS, 'period') : 'day';
    const query: DeskQuery = { ...range, period };
    if (request.channel) query.channel = oneOf(request.channel, CHANNELS, 'channel');
    if (request.lang) query.lang = oneOf(request.lang, LANGS, 'lang');
    if (request.queue) query.queue = checkQueue(request.queue, options.queues);
    return query;
  }

  /**
   * The report for a range, optional channel / language / queue, and period.
   *
   * @example
   * await analytics.report({ from: '2026-01-01', to: '2026-12-31', channel: 'sms', period: 'month' })
   */
  async report(request: AnalyticsRequest, options: ReportOptions = {}): Promise<AnalyticsReport> {
    // The report lists start pages for the whole range: whole months are one read each.
    const { traffic, desk } = await this.read(this.query(request, options), options.queues, {
      pagesByPeriod: false,
    });
    return { ...traffic, desk: buildDeskReport(desk) };
  }

  /**
   * One of the report's tables (CSV export), by period and key; 400 on an unknown table name.
   *
   * @example
   * toCsv(await analytics.table('csat-by-agent', { from: '2026-01-01', to: '2026-03-31', period: 'week' }))
   */
  async table(
    name: string | undefined,
    request: AnalyticsRequest,
    options: ReportOptions = {},
  ): Promise<{ table: ReportTable; desk: DeskData }> {
    const table = checkTableName(name);
    const { traffic, desk } = await this.read(this.query(request, options), options.queues, {
      pagesByPeriod: table === 'start-pages',
    });
    return { table: reportTable(table, traffic, desk), desk };
  }

  /** Every read of one query, in parallel; the filter's daily series is read once for both. */
  private async read(
    query: DeskQuery,
    directory: QueueDirectory | undefined,
    options: { pagesByPeriod: boolean },
  ): Promise<{ traffic: TrafficReport; desk: DeskData }> {
    const main = this.deps.stats.dailyCounters(
      dimensionKey({ channel: query.channel, lang: query.lang }),
      query.from,
      query.to,
    );
    const [traffic, desk] = await Promise.all([
      this.traffic(query, main),
      this.desk(query, main, directory, options.pagesByPeriod),
    ]);
    return { traffic, desk };
  }

  /**
   * The desk's counters for a query: per queue, agent (narrowed to its queue) and page — pages
   * per period only when `pagesByPeriod` (else per month: the busiest family, read whole).
   */
  private async desk(
    query: DeskQuery,
    mainSeries: Promise<DayCounters[]>,
    directory: QueueDirectory | undefined,
    pagesByPeriod: boolean,
  ): Promise<DeskData> {
    const { stats } = this.deps;
    const slice = { channel: query.channel, lang: query.lang };
    const grain = query.period === 'month' ? 'month' : 'day';
    const read = (family: 'queue' | 'agent' | 'page', dimension: string) =>
      stats.keyedCounters(
        family,
        dimension,
        query.from,
        query.to,
        family === 'page' && !pagesByPeriod ? 'month' : grain,
      );
    const agents = query.queue
      ? Promise.all(
          queueKeysOf(query.queue, directory).map((key) =>
            read('agent', keyedDimension(slice, key)),
          ),
        ).then((rows): KeyedCounters[] => rows.flat())
      : read('agent', keyedDimension(slice));
    const [queues, agentRows, pages, main, onShift] = await Promise.all([
      read('queue', keyedDimension(slice)),
      agents,
      read('page', keyedDimension(slice)),
      mainSeries, // its conversation-duration histogram
      this.onShift(),
    ]);
    return deskData({
      query,
      queues,
      agents: agentRows,
      pages,
      main,
      ...(directory ? { directory } : {}),
      ...(onShift ? { onShift } : {}),
    });
  }

  /** Staff on shift now; undefined without presence or when it cannot be read. */
  private async onShift(): Promise<StaffPresence[] | undefined> {
    if (!this.deps.presence) return undefined;
    try {
      return await this.deps.presence.onShift(this.deps.clock.now());
    } catch {
      return undefined;
    }
  }

  private async traffic(
    query: AnalyticsQuery,
    mainSeries: Promise<DayCounters[]>,
  ): Promise<TrafficReport> {
    const { stats } = this.deps;
    const series = (dimension: { channel?: Channel; lang?: Lang }, counters?: string[]) =>
      stats.dailyCounters(dimensionKey(dimension), query.from, query.to, counters);
    const channels = query.channel ? [query.channel] : CHANNELS;
    const langs = query.lang ? [query.lang] : LANGS;
    const [main, channelSeries, langSeries, articles, backlog] = await Promise.all([
      mainSeries,
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

function checkQueue(queue: string, directory?: QueueDirectory): string {
  if (directory) {
    const ids = directory.queues.map((q) => q.id);
    if (!ids.includes(queue)) {
      throw new ValidationError(`queue must be one of ${ids.join(', ')}`, {
        queue: queue.slice(0, 40),
      });
    }
    return queue;
  }
  if (!QUEUE_ID.test(queue)) {
    throw new ValidationError('queue must be a queue id (a-z, 0-9 and -)', {
      queue: queue.slice(0, 40),
    });
  }
  return queue;
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
