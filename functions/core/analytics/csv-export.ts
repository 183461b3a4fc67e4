/**
 * The dashboard's tables as CSV (pure): every table by period (day, week or month; the range may
 * cut the first and last) and, where it has one, by key (queue, agent, page).
 *
 * CSV as RFC 4180 writes it: comma-separated, CRLF line ends, a field in double quotes when it
 * holds a comma, a quote or a line break (quotes doubled). A text field that a spreadsheet would
 * run as a formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage return: an agent's name
 * is free text) is prefixed with `'`. The text starts with a UTF-8 byte-order mark, so
 * spreadsheet programs read Arabic names as UTF-8. Numbers are plain (seconds, shares 0–1);
 * a missing value (a median without data) is an empty field.
 */
import { ValidationError } from '../errors.ts';
import type { DurationSummary, TrafficNumbers, TrafficReport } from './analytics-report.ts';
import { durations } from './analytics-report.ts';
import {
  abandonmentSummary,
  activity,
  firstResponseSummary,
  csatSummary,
  queueName,
  totalsByPeriod,
  type DeskData,
  type Grid,
} from './desk-report.ts';
import { C, CONVERSATION_DURATION_PREFIX } from './stats-events.ts';
import type { Counts } from './stats-store.ts';

export const REPORT_TABLES = [
  'traffic',
  'articles',
  'first-response',
  'first-response-by-queue',
  'first-response-by-agent',
  'agent-activity',
  'csat',
  'csat-by-queue',
  'csat-by-agent',
  'abandonment',
  'abandonment-by-queue',
  'conversation-duration',
  'start-pages',
] as const;
export type ReportTableName = (typeof REPORT_TABLES)[number];

export type Cell = string | number | null;

export interface ReportTable {
  name: ReportTableName;
  columns: string[];
  rows: Cell[][];
}

/** Rows one export may hold (a few MB: within a Lambda response). */
export const MAX_CSV_ROWS = 50_000;

/** The table name, or a ValidationError (400) listing the names. */
export function checkTableName(name: unknown): ReportTableName {
  if (typeof name !== 'string' || name === '') {
    throw new ValidationError(`report is required: one of ${REPORT_TABLES.join(', ')}`);
  }
  if (!(REPORT_TABLES as readonly string[]).includes(name)) {
    throw new ValidationError(`report must be one of ${REPORT_TABLES.join(', ')}`, {
      report: name.slice(0, 60),
    });
  }
  return name as ReportTableName;
}

const DURATION_COLUMNS = ['count', 'median_seconds', 'p90_seconds'];
const FIRST_RESPONSE_COLUMNS = [...DURATION_COLUMNS, 'mean_seconds'];
const CSAT_COLUMNS = [
  'ratings',
  'average',
  'satisfied_share',
  'rating_1',
  'rating_2',
  'rating_3',
  'rating_4',
  'rating_5',
];
const ABANDONMENT_COLUMNS = ['closed_tickets', 'abandoned', 'abandonment_rate'];

/**
 * One of the dashboard's tables, from the traffic report and the desk data of one query.
 * Throws ValidationError when it would have more than MAX_CSV_ROWS rows.
 */
export function reportTable(
  name: ReportTableName,
  traffic: TrafficReport,
  desk: DeskData,
): ReportTable {
  const table = (columns: string[], rows: Cell[][]): ReportTable => {
    if (rows.length > MAX_CSV_ROWS) {
      throw new ValidationError(
        `the ${name} table would have ${rows.length} rows (at most ${MAX_CSV_ROWS}): choose a shorter range or a longer period`,
      );
    }
    return { name, columns, rows };
  };
  const queue = (key: string) => [key, queueName(key, desk.queueNames)];
  switch (name) {
    case 'traffic':
      return table(['period', ...TRAFFIC_COLUMNS.map((c) => c[0])], trafficRows(traffic, desk));
    case 'articles':
      return table(
        ['lang', 'article', 'answers', 'average_confidence', 'thumbs_up', 'thumbs_down'],
        traffic.articles.map((a) => [
          a.lang,
          a.articleId,
          a.answers,
          a.averageConfidence,
          a.up,
          a.down,
        ]),
      );
    case 'first-response':
      return table(
        ['period', ...FIRST_RESPONSE_COLUMNS],
        byPeriod(desk, desk.queues, firstResponse),
      );
    case 'first-response-by-queue':
      return table(
        ['period', 'queue', 'queue_name', ...FIRST_RESPONSE_COLUMNS],
        byPeriodAndKey(desk, desk.queues, queue, firstResponse, C.firstResponses),
      );
    case 'first-response-by-agent':
      return table(
        ['period', 'agent', ...FIRST_RESPONSE_COLUMNS],
        byPeriodAndKey(desk, desk.agents, (a) => [a], firstResponse, C.firstResponses),
      );
    case 'agent-activity':
      return table(
        ['period', 'agent', 'tickets_handled', 'tickets_replied', 'replies', 'closes'],
        byPeriodAndKey(desk, desk.agents, (a) => [a], activityCells, active),
      );
    case 'csat':
      return table(['period', ...CSAT_COLUMNS], byPeriod(desk, desk.queues, csatCells));
    case 'csat-by-queue':
      return table(
        ['period', 'queue', 'queue_name', ...CSAT_COLUMNS],
        byPeriodAndKey(desk, desk.queues, queue, csatCells, rated),
      );
    case 'csat-by-agent':
      return table(
        ['period', 'agent', ...CSAT_COLUMNS],
        byPeriodAndKey(desk, desk.agents, (a) => [a], csatCells, rated),
      );
    case 'abandonment':
      return table(
        ['period', ...ABANDONMENT_COLUMNS],
        byPeriod(desk, desk.queues, abandonmentCells),
      );
    case 'abandonment-by-queue':
      return table(
        ['period', 'queue', 'queue_name', ...ABANDONMENT_COLUMNS],
        byPeriodAndKey(desk, desk.queues, queue, abandonmentCells, C.closedTickets),
      );
    case 'conversation-duration':
      return table(
        ['period', 'conversations', 'median_seconds', 'p90_seconds'],
        desk.periods.map((period) => [
          period,
          ...durationCells(durations(desk.traffic.get(period) ?? {}, CONVERSATION_DURATION_PREFIX)),
        ]),
      );
    case 'start-pages':
      return table(
        ['period', 'page', 'conversations'],
        byPeriodAndKey(
          desk,
          desk.pages,
          (page) => [page],
          (counts) => [counts[C.startedConversations] ?? 0],
          C.startedConversations,
        ),
      );
  }
}

/** The table as CSV text (see the module comment). */
export function toCsv(table: ReportTable): string {
  const lines = [table.columns, ...table.rows].map((row) => row.map(csvField).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** One CSV field: numbers as they are, text quoted when it must be and defused as a formula. */
export function csvField(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** `mujib-<table>-<from>-to-<to>-by-<period>.csv` (only safe characters). */
export function csvFileName(name: ReportTableName, desk: DeskData): string {
  const { from, to, period } = desk.query;
  return `mujib-${name}-${from}-to-${to}-by-${period}.csv`;
}

const TRAFFIC_COLUMNS: [string, (t: TrafficNumbers) => Cell][] = [
  ['conversations', (t) => t.conversations],
  ['questions', (t) => t.questions],
  ['answered', (t) => t.answered],
  ['clarified', (t) => t.clarified],
  ['escalated', (t) => t.escalated],
  ['smalltalk', (t) => t.smalltalk],
  ['empty', (t) => t.empty],
  ['thumbs_up', (t) => t.up],
  ['thumbs_down', (t) => t.down],
  ['tickets_opened', (t) => t.ticketsOpened],
  ['tickets_answered', (t) => t.ticketsAnswered],
  ['tickets_closed', (t) => t.ticketsClosed],
  ['containment', (t) => t.containment],
  ['clarify_rate', (t) => t.clarifyRate],
  ['escalation_rate', (t) => t.escalationRate],
];

function trafficRows(traffic: TrafficReport, desk: DeskData): Cell[][] {
  const points: (TrafficNumbers & { period: string })[] =
    desk.query.period === 'month'
      ? traffic.months.map((m) => ({ ...m, period: m.month }))
      : desk.query.period === 'week'
        ? traffic.weeks.map((w) => ({ ...w, period: w.weekStart }))
        : traffic.days.map((d) => ({ ...d, period: d.day }));
  return points.map((p) => [p.period, ...TRAFFIC_COLUMNS.map(([, cell]) => cell(p))]);
}

function byPeriod(desk: DeskData, data: Grid, cells: (counts: Counts) => Cell[]): Cell[][] {
  const perPeriod = totalsByPeriod(data);
  return desk.periods.map((period) => [period, ...cells(perPeriod.get(period) ?? {})]);
}

/** A row per period and key that has `keep` (a counter above zero, or a test). */
function byPeriodAndKey(
  desk: DeskData,
  data: Grid,
  keyCells: (key: string) => Cell[],
  cells: (counts: Counts) => Cell[],
  keep: string | ((counts: Counts) => boolean),
): Cell[][] {
  const kept = typeof keep === 'string' ? (counts: Counts) => (counts[keep] ?? 0) > 0 : keep;
  const rows: Cell[][] = [];
  for (const period of desk.periods) {
    const perKey = data.get(period);
    if (!perKey) continue;
    for (const key of [...perKey.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
      const counts = perKey.get(key)!;
      if (kept(counts)) rows.push([period, ...keyCells(key), ...cells(counts)]);
    }
  }
  return rows;
}

const firstResponse = (counts: Counts): Cell[] => {
  const summary = firstResponseSummary(counts);
  return [
    ...durationCells(summary),
    summary.meanSeconds === null ? null : round3(summary.meanSeconds),
  ];
};
/** Seconds to the millisecond (the precision the mean is kept in). */
const round3 = (seconds: number) => Math.round(seconds * 1000) / 1000;
const rated = (counts: Counts) => csatSummary(counts).ratings > 0;
const active = (counts: Counts) => Object.values(activity(counts)).some((n) => n !== 0);

function durationCells(d: DurationSummary): Cell[] {
  return [d.count, d.medianSeconds, d.p90Seconds];
}

function csatCells(counts: Counts): Cell[] {
  const s = csatSummary(counts);
  return [s.ratings, s.average, s.satisfiedShare, ...s.distribution];
}

function abandonmentCells(counts: Counts): Cell[] {
  const s = abandonmentSummary(counts);
  return [s.closed, s.abandoned, s.rate];
}

function activityCells(counts: Counts): Cell[] {
  const a = activity(counts);
  return [a.handled, a.ticketsReplied, a.replies, a.closes];
}
