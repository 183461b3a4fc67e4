/**
 * The desk's numbers (pure): keyed counters per queue, agent and start page, and the daily
 * duration histograms → first-response time per queue and agent, agent activity and who is on
 * shift, CSAT per queue and agent, abandonment per queue, conversation duration and where chats
 * start — as totals, per period (day, week or month) and per key. The definitions of the counts
 * are in ticket-counters.ts and session-counters.ts; csv-export.ts turns the same data into
 * tables.
 *
 * Periods: days are UTC days; a week is named by its Monday and a month by `YYYY-MM`; the first
 * and last period may be cut by the range. Medians and p90s come from the summed histograms
 * (log buckets, within ~9%).
 */
import type { StaffPresence } from '../support/presence-store.ts';
import type { Lang } from '../types.ts';
import { LANGS } from '../types.ts';
import { bucketValue } from './duration-histogram.ts';
import { periodOf, periodsBetween, type Period } from './days.ts';
import { durations, type AnalyticsQuery, type DurationSummary } from './analytics-report.ts';
import {
  C,
  CONVERSATION_DURATION_PREFIX,
  CSAT_PREFIX,
  FIRST_REPLY_PREFIX,
} from './stats-events.ts';
import { addCounts, type Counts, type DayCounters, type KeyedCounters } from './stats-store.ts';
import { defaultQueueKey } from './ticket-counters.ts';

/** Queue names and default queues (the support configuration), when the report knows them. */
export interface QueueDirectory {
  queues: readonly { id: string; name: string }[];
  defaultQueue: Partial<Record<Lang, string>>;
}

/** A query with its period decided. */
export type DeskQuery = AnalyticsQuery & { period: Period };

/** period → key → counts. */
export type Grid = Map<string, Map<string, Counts>>;

/** What the desk sections are built from (also the CSV tables). */
export interface DeskData {
  query: DeskQuery;
  periods: string[];
  /** Per queue id (tickets without a queue folded into their language's default queue). */
  queues: Grid;
  agents: Grid;
  pages: Grid;
  /** The query's traffic slice per period (conversation durations). */
  traffic: Map<string, Counts>;
  queueNames: Map<string, string>;
  /** Staff on shift now; undefined when presence is not known. */
  onShift?: StaffPresence[];
}

export interface DeskInput {
  query: DeskQuery;
  queues: KeyedCounters[];
  /** Already narrowed to the query's queue, when it names one. */
  agents: KeyedCounters[];
  pages: KeyedCounters[];
  main: DayCounters[];
  directory?: QueueDirectory;
  onShift?: StaffPresence[];
}

/** Time to first staff reply: the histogram's median and p90, and the exact mean. */
export interface FirstResponseSummary extends DurationSummary {
  /** Mean seconds (exact: from the summed milliseconds), null without timed responses. */
  meanSeconds: number | null;
}

export interface CsatSummary {
  ratings: number;
  /** Average rating (1–5), null without ratings. */
  average: number | null;
  /** Share of ratings that were 4 or 5, null without ratings. */
  satisfiedShare: number | null;
  /** How many ratings of 1, 2, 3, 4 and 5. */
  distribution: [number, number, number, number, number];
}

export interface AbandonmentSummary {
  /** Tickets closed in the period (and still closed). */
  closed: number;
  abandoned: number;
  /** abandoned / closed, null when none closed. */
  rate: number | null;
}

export interface ActivityNumbers {
  /** Distinct tickets replied to or closed, per day, added up over the period. */
  handled: number;
  ticketsReplied: number;
  replies: number;
  closes: number;
}

export interface AgentRow extends ActivityNumbers {
  agent: string;
  firstResponse: FirstResponseSummary;
  csat: CsatSummary;
  /** The latest period in the range with a reply or a close, null without. */
  lastActive: string | null;
  /** On shift now (a fresh desk heartbeat), and the queues watched. */
  onShift: boolean;
  watching: string[];
}

export interface DeskReport {
  period: Period;
  periods: string[];
  /** The configured support queues (the queue filter's choices), empty when not known. */
  queues: { id: string; name: string }[];
  firstResponse: {
    total: FirstResponseSummary;
    series: (FirstResponseSummary & { period: string })[];
    byQueue: (FirstResponseSummary & { queue: string; name: string })[];
    byAgent: (FirstResponseSummary & { agent: string })[];
  };
  agents: {
    rows: AgentRow[];
    /** Tickets handled per period, for the agents who handled most (AGENT_SERIES_LIMIT). */
    series: { agent: string; handled: number[] }[];
    /** Who is on shift now; null when presence is not available. */
    onShift: { staff: string; queues: string[]; until: string }[] | null;
  };
  csat: {
    total: CsatSummary;
    series: (CsatSummary & { period: string })[];
    byQueue: (CsatSummary & { queue: string; name: string })[];
    byAgent: (CsatSummary & { agent: string })[];
  };
  abandonment: {
    total: AbandonmentSummary;
    series: (AbandonmentSummary & { period: string })[];
    byQueue: (AbandonmentSummary & { queue: string; name: string })[];
  };
  conversationDuration: {
    total: DurationSummary;
    series: (DurationSummary & { period: string })[];
    /** Conversations per duration band (by each histogram bucket's middle value). */
    bands: { label: string; upToSeconds: number | null; conversations: number }[];
  };
  startPages: {
    /** The pages most conversations started on (START_PAGE_LIMIT), most first. */
    rows: { page: string; conversations: number }[];
    /** Conversations that named their start page, and distinct pages. */
    conversations: number;
    pages: number;
  };
}

/** Agents drawn in the "handled per period" chart. */
export const AGENT_SERIES_LIMIT = 8;
/** Start pages listed in the report (the CSV has every one). */
export const START_PAGE_LIMIT = 50;

const DURATION_BANDS: { label: string; upTo: number | null }[] = [
  { label: 'up to 10 s', upTo: 10 },
  { label: '10–30 s', upTo: 30 },
  { label: '30 s–1 min', upTo: 60 },
  { label: '1–2 min', upTo: 120 },
  { label: '2–5 min', upTo: 300 },
  { label: '5–15 min', upTo: 900 },
  { label: '15–30 min', upTo: 1_800 },
  { label: '30–60 min', upTo: 3_600 },
  { label: 'over 1 h', upTo: null },
];

/**
 * The queue id a counter key stands for: `~<lang>` (tickets without a queue) is the language's
 * default queue when the directory names one.
 */
export function queueIdOfKey(key: string, directory?: QueueDirectory): string {
  if (!key.startsWith('~')) return key;
  const lang = key.slice(1) as Lang;
  return directory?.defaultQueue[lang] ?? key;
}

/** Every counter key of queue `id`: the id, and `~<lang>` for the languages it is default for. */
export function queueKeysOf(id: string, directory?: QueueDirectory): string[] {
  const defaults = LANGS.filter((lang) => directory?.defaultQueue[lang] === id);
  return [id, ...defaults.map(defaultQueueKey)];
}

/** Gathers the read counters into per-period grids (queues folded, filtered to the query's). */
export function deskData(input: DeskInput): DeskData {
  const { query, directory } = input;
  const period = query.period;
  const queueOf = (key: string) => {
    const id = queueIdOfKey(key, directory);
    return query.queue === undefined || id === query.queue ? id : undefined;
  };
  const traffic = new Map<string, Counts>();
  for (const row of input.main) {
    const p = periodOf(row.day, period);
    traffic.set(p, addCounts(traffic.get(p) ?? {}, row.counts));
  }
  const queueNames = new Map<string, string>();
  for (const q of directory?.queues ?? []) queueNames.set(q.id, q.name);
  return {
    query,
    periods: periodsBetween(query.from, query.to, period),
    queues: grid(input.queues, period, queueOf),
    agents: grid(input.agents, period),
    pages: grid(input.pages, period),
    traffic,
    queueNames,
    ...(input.onShift ? { onShift: input.onShift } : {}),
  };
}

/** The desk sections of the report. */
export function buildDeskReport(data: DeskData): DeskReport {
  const { periods } = data;
  const queueTotals = totalsByKey(data.queues);
  const agentTotals = totalsByKey(data.agents);
  const queuePeriods = totalsByPeriod(data.queues);
  const allQueues = sum(queueTotals.values());
  const nameOf = (queue: string) => queueName(queue, data.queueNames);
  const byQueue = <T>(make: (counts: Counts) => T, keep: (counts: Counts) => boolean) =>
    sortedKeys(queueTotals)
      .filter((queue) => keep(queueTotals.get(queue)!))
      .map((queue) => ({ queue, name: nameOf(queue), ...make(queueTotals.get(queue)!) }));
  const byAgent = <T>(make: (counts: Counts) => T, keep: (counts: Counts) => boolean) =>
    sortedKeys(agentTotals)
      .filter((agent) => keep(agentTotals.get(agent)!))
      .map((agent) => ({ agent, ...make(agentTotals.get(agent)!) }));
  const perPeriod = <T>(make: (counts: Counts) => T) =>
    periods.map((period) => ({ period, ...make(queuePeriods.get(period) ?? {}) }));
  const firstResponse = firstResponseSummary;
  const has = (name: string) => (counts: Counts) => (counts[name] ?? 0) > 0;
  const rated = (counts: Counts) => csatSummary(counts).ratings > 0;

  const durationTotals = sum(data.traffic.values());
  const pageTotals = totalsByKey(data.pages);
  const pageRows = [...pageTotals]
    .map(([page, counts]) => ({ page, conversations: counts[C.startedConversations] ?? 0 }))
    .filter((row) => row.conversations > 0)
    .sort((a, b) => b.conversations - a.conversations || (a.page < b.page ? -1 : 1));

  return {
    period: data.query.period,
    periods,
    queues: [...data.queueNames].map(([id, name]) => ({ id, name })),
    firstResponse: {
      total: firstResponse(allQueues),
      series: perPeriod(firstResponse),
      byQueue: byQueue(firstResponse, has(C.firstResponses)),
      byAgent: byAgent(firstResponse, has(C.firstResponses)),
    },
    agents: agentSection(data, agentTotals),
    csat: {
      total: csatSummary(allQueues),
      series: perPeriod(csatSummary),
      byQueue: byQueue(csatSummary, rated),
      byAgent: byAgent(csatSummary, rated),
    },
    abandonment: {
      total: abandonmentSummary(allQueues),
      series: perPeriod(abandonmentSummary),
      byQueue: byQueue(abandonmentSummary, has(C.closedTickets)),
    },
    conversationDuration: {
      total: durations(durationTotals, CONVERSATION_DURATION_PREFIX),
      series: periods.map((period) => ({
        period,
        ...durations(data.traffic.get(period) ?? {}, CONVERSATION_DURATION_PREFIX),
      })),
      bands: durationBands(durationTotals),
    },
    startPages: {
      rows: pageRows.slice(0, START_PAGE_LIMIT),
      conversations: pageRows.reduce((n, row) => n + row.conversations, 0),
      pages: pageRows.length,
    },
  };
}

function agentSection(data: DeskData, totals: Map<string, Counts>): DeskReport['agents'] {
  const onShift = new Map((data.onShift ?? []).map((p) => [p.staff, p]));
  const names = [...new Set([...totals.keys(), ...onShift.keys()])];
  const lastActive = new Map<string, string>();
  for (const period of data.periods) {
    for (const [agent, counts] of data.agents.get(period) ?? []) {
      if ((counts[C.replies] ?? 0) > 0 || (counts[C.closes] ?? 0) > 0) {
        lastActive.set(agent, period);
      }
    }
  }
  const rows: AgentRow[] = names.map((agent) => {
    const counts = totals.get(agent) ?? {};
    const presence = onShift.get(agent);
    return {
      agent,
      ...activity(counts),
      firstResponse: firstResponseSummary(counts),
      csat: csatSummary(counts),
      lastActive: lastActive.get(agent) ?? null,
      onShift: presence !== undefined,
      watching: presence ? [...presence.queues] : [],
    };
  });
  rows.sort(
    (a, b) =>
      b.handled - a.handled ||
      Number(b.onShift) - Number(a.onShift) ||
      (a.agent < b.agent ? -1 : a.agent > b.agent ? 1 : 0),
  );
  const charted = rows.filter((row) => row.handled > 0).slice(0, AGENT_SERIES_LIMIT);
  return {
    rows,
    series: charted.map(({ agent }) => ({
      agent,
      handled: data.periods.map((p) => data.agents.get(p)?.get(agent)?.[C.handled] ?? 0),
    })),
    onShift: data.onShift
      ? data.onShift
          .map((p) => ({ staff: p.staff, queues: [...p.queues], until: p.until }))
          .sort((a, b) => (a.staff < b.staff ? -1 : 1))
      : null,
  };
}

/** Counts, ratings and shares of CSAT counters. */
/**
 * First responses: how many, median and p90 from the histogram (within ~9%), and the exact
 * mean from the summed milliseconds (null without timed responses).
 */
export function firstResponseSummary(counts: Counts): FirstResponseSummary {
  const timed = counts[C.firstResponsesTimed] ?? 0;
  return {
    ...durations(counts, FIRST_REPLY_PREFIX),
    meanSeconds: timed > 0 ? (counts[C.firstResponseMs] ?? 0) / timed / 1000 : null,
  };
}

export function csatSummary(counts: Counts): CsatSummary {
  const distribution = [1, 2, 3, 4, 5].map((r) =>
    Math.max(0, counts[`${CSAT_PREFIX}${r}`] ?? 0),
  ) as CsatSummary['distribution'];
  const ratings = distribution.reduce((a, b) => a + b, 0);
  const total = distribution.reduce((acc, n, i) => acc + n * (i + 1), 0);
  return {
    ratings,
    average: ratings > 0 ? round(total / ratings) : null,
    satisfiedShare: ratings > 0 ? round((distribution[3] + distribution[4]) / ratings) : null,
    distribution,
  };
}

/** Closed and abandoned tickets and the rate. */
export function abandonmentSummary(counts: Counts): AbandonmentSummary {
  const closed = counts[C.closedTickets] ?? 0;
  const abandoned = counts[C.abandoned] ?? 0;
  return { closed, abandoned, rate: closed > 0 ? round(abandoned / closed) : null };
}

/** An agent's activity counters. */
export function activity(counts: Counts): ActivityNumbers {
  return {
    handled: counts[C.handled] ?? 0,
    ticketsReplied: counts[C.ticketsReplied] ?? 0,
    replies: counts[C.replies] ?? 0,
    closes: counts[C.closes] ?? 0,
  };
}

/** Display name of a queue key (`~en`: "Default (en)" when no directory folded it). */
export function queueName(queue: string, names: Map<string, string>): string {
  if (queue.startsWith('~')) return `Default queue (${queue.slice(1)})`;
  return names.get(queue) ?? queue;
}

function durationBands(counts: Counts): DeskReport['conversationDuration']['bands'] {
  const bands = DURATION_BANDS.map((b) => ({
    label: b.label,
    upToSeconds: b.upTo,
    conversations: 0,
  }));
  for (const [name, value] of Object.entries(counts)) {
    if (!name.startsWith(CONVERSATION_DURATION_PREFIX) || value <= 0) continue;
    const seconds = bucketValue(Number(name.slice(CONVERSATION_DURATION_PREFIX.length)));
    const band = bands.find((b) => b.upToSeconds === null || seconds <= b.upToSeconds)!;
    band.conversations += value;
  }
  return bands;
}

function grid(rows: KeyedCounters[], period: Period, keyOf?: (key: string) => string | undefined) {
  const out: Grid = new Map();
  for (const row of rows) {
    const key = keyOf ? keyOf(row.key) : row.key;
    if (key === undefined) continue;
    const p = periodOf(row.period, period);
    const perKey = out.get(p) ?? new Map<string, Counts>();
    perKey.set(key, addCounts(perKey.get(key) ?? {}, row.counts));
    out.set(p, perKey);
  }
  return out;
}

/** Each key's counts summed over every period. */
export function totalsByKey(data: Grid): Map<string, Counts> {
  const out = new Map<string, Counts>();
  for (const perKey of data.values()) {
    for (const [key, counts] of perKey) out.set(key, addCounts(out.get(key) ?? {}, counts));
  }
  return out;
}

/** Each period's counts summed over every key. */
export function totalsByPeriod(data: Grid): Map<string, Counts> {
  const out = new Map<string, Counts>();
  for (const [period, perKey] of data) out.set(period, sum(perKey.values()));
  return out;
}

function sum(counts: Iterable<Counts>): Counts {
  const out: Counts = {};
  for (const c of counts) addCounts(out, c);
  return out;
}

function sortedKeys(map: Map<string, unknown>): string[] {
  return [...map.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
