/**
 * Calendar days as `YYYY-MM-DD` strings in UTC: the unit of every analytics counter. Pure
 * helpers to validate, step through and split day ranges (by year and by month) so stores can
 * read a range with a few bounded queries.
 */
import { ValidationError } from '../errors.ts';

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

/** The UTC day of an ISO time (or Date). */
export function dayOf(time: string | Date): string {
  const date = typeof time === 'string' ? new Date(time) : time;
  return date.toISOString().slice(0, 10);
}

/** True when `text` is a real calendar day written `YYYY-MM-DD`. */
export function isDay(text: unknown): text is string {
  if (typeof text !== 'string' || !DAY_PATTERN.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/** `day` moved by `n` days (negative goes back). */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Days from `from` to `to`, both included (0 when `to` is before `from`). */
export function dayCount(from: string, to: string): number {
  const span = Math.round(
    (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS,
  );
  return span < 0 ? 0 : span + 1;
}

/** Every day from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let i = 0, n = dayCount(from, to); i < n; i++) days.push(addDays(from, i));
  return days;
}

/** Monday of the ISO week `day` falls in. */
export function weekStart(day: string): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(day, -((weekday + 6) % 7));
}

/** The last day of the month `month` (`YYYY-MM`). */
function lastDayOfMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

export interface MonthSpan {
  /** `YYYY-MM`. */
  month: string;
  from: string;
  to: string;
  /** The span is the whole calendar month. */
  whole: boolean;
}

/** The range cut at month boundaries, oldest first. */
export function monthSpans(from: string, to: string): MonthSpan[] {
  const spans: MonthSpan[] = [];
  for (let start = from; start <= to;) {
    const month = start.slice(0, 7);
    const monthEnd = lastDayOfMonth(month);
    const end = monthEnd < to ? monthEnd : to;
    spans.push({ month, from: start, to: end, whole: start.endsWith('-01') && end === monthEnd });
    start = addDays(end, 1);
  }
  return spans;
}

/** The range cut at year boundaries, oldest first. */
export function yearSpans(from: string, to: string): { year: string; from: string; to: string }[] {
  const spans: { year: string; from: string; to: string }[] = [];
  for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++) {
    const y = String(year).padStart(4, '0');
    spans.push({
      year: y,
      from: from > `${y}-01-01` ? from : `${y}-01-01`,
      to: to < `${y}-12-31` ? to : `${y}-12-31`,
    });
  }
  return spans;
}

/**
 * Checks a requested range: real days, `from` not after `to`, at most `maxDays` days.
 * Throws `ValidationError` (HTTP 400) naming the problem.
 */
export function checkDayRange(
  from: unknown,
  to: unknown,
  maxDays = 366,
): { from: string; to: string } {
  if (!isDay(from)) throw new ValidationError('from must be a date written YYYY-MM-DD', { from });
  if (!isDay(to)) throw new ValidationError('to must be a date written YYYY-MM-DD', { to });
  if (from > to) throw new ValidationError('from must not be after to', { from, to });
  if (dayCount(from, to) > maxDays) {
    throw new ValidationError(`the range may cover at most ${maxDays} days`, { from, to });
  }
  return { from, to };
}

/** How a report groups days: each day, ISO weeks (from Monday) or calendar months. */
export type Period = 'day' | 'week' | 'month';
export const PERIODS: readonly Period[] = ['day', 'week', 'month'];

/**
 * The period a day falls in, named by its start: the day itself, the Monday of its week, or
 * `YYYY-MM`. A month (`YYYY-MM`, counters read per month) stays that month.
 */
export function periodOf(day: string, period: Period): string {
  if (period === 'month' || day.length === 7) return day.slice(0, 7);
  return period === 'week' ? weekStart(day) : day;
}

/** The periods from `from` to `to` (days), oldest first; the first and last may be partial. */
export function periodsBetween(from: string, to: string, period: Period): string[] {
  const periods: string[] = [];
  for (const day of daysBetween(from, to)) {
    const p = periodOf(day, period);
    if (periods.at(-1) !== p) periods.push(p);
  }
  return periods;
}
