/**
 * Is a queue open now, and when does it next open — in the store's time zone, with holidays,
 * seasons (other hours for a range of dates) and hours that run past midnight. Pure: the time
 * and who is on shift come in as arguments.
 *
 * A day's hours: none on a holiday, else the season's that covers the date, else the weekly
 * ones. Hours that run past midnight belong to the day they start on (a shift that starts the
 * evening before a holiday still ends as planned).
 */
import type { OpenInterval, QueueSchedule } from './support-config.ts';
import { addDays, instantAt, localTime, weekdayOf } from './zoned-time.ts';

const DAY = 1440;
/** How far ahead the next opening is looked for (a queue closed longer has none). */
const SEARCH_DAYS = 400;

export interface Availability {
  /** The queue's hours include this moment. */
  open: boolean;
  /** Staff watching the queue with a fresh desk heartbeat. */
  onShift: number;
  /**
   * When the queue next opens (closed → open) after this moment; undefined when it does not
   * within a year. While it is open this is the start of the next period.
   */
  nextOpening?: Date;
  /** While open: when it next closes (periods that run into each other count as one). */
  closesAt?: Date;
}

/**
 * The queue's state at `now`.
 *
 * @example
 * availability(queue.schedule, 'Asia/Riyadh', new Date('2026-12-04T03:00:00Z'), 0)
 * // → { open: false, onShift: 0, nextOpening: 2026-12-04T05:00:00.000Z } (08:00 in Riyadh)
 */
export function availability(
  schedule: QueueSchedule,
  timeZone: string,
  now: Date,
  staffOnShift: number,
): Availability {
  const next = nextOpening(schedule, timeZone, now);
  const open = isOpen(schedule, timeZone, now);
  const closes = open ? nextClosing(schedule, timeZone, now) : undefined;
  return {
    open,
    onShift: staffOnShift,
    ...(next ? { nextOpening: next } : {}),
    ...(closes ? { closesAt: closes } : {}),
  };
}

/** Periods followed when they run into each other (…-24:00, 00:00-…) before giving up. */
const MAX_CONTIGUOUS_PERIODS = 32;

/**
 * While the queue is open at `now`: the first moment after it when it is closed; undefined when
 * it is closed at `now`, or open without a break for longer than the periods followed.
 *
 * @example
 * nextClosing(schedule, 'Asia/Riyadh', new Date('2026-12-03T10:00:00Z')) // 08:00-24:00 → 2026-12-03T21:00:00.000Z
 */
export function nextClosing(
  schedule: QueueSchedule,
  timeZone: string,
  now: Date,
): Date | undefined {
  let at = now;
  for (let hop = 0; hop < MAX_CONTIGUOUS_PERIODS; hop++) {
    const end = periodEnd(schedule, timeZone, at);
    if (!end) return hop === 0 ? undefined : at;
    if (!isOpen(schedule, timeZone, end)) return end;
    at = end;
  }
  return undefined;
}

/** The end of the open period that includes `at` (started that local day or the day before). */
function periodEnd(schedule: QueueSchedule, timeZone: string, at: Date): Date | undefined {
  const today = localTime(at, timeZone).date;
  for (const date of [addDays(today, -1), today]) {
    for (const interval of hoursOn(schedule, date)) {
      const start = instantAt(date, interval.start, timeZone).getTime();
      const end = instantAt(date, interval.end, timeZone);
      if (start <= at.getTime() && at.getTime() < end.getTime()) return end;
    }
  }
  return undefined;
}

/** True when `now` falls in the queue's hours. */
export function isOpen(schedule: QueueSchedule, timeZone: string, now: Date): boolean {
  const local = localTime(now, timeZone);
  return openAt(schedule, local.date, local.minute);
}

/** The first moment after `now` at which the queue goes from closed to open. */
export function nextOpening(
  schedule: QueueSchedule,
  timeZone: string,
  now: Date,
): Date | undefined {
  const today = localTime(now, timeZone).date;
  for (let d = 0; d <= SEARCH_DAYS; d++) {
    const date = addDays(today, d);
    for (const interval of hoursOn(schedule, date)) {
      // A period that only continues one already open (…-24:00 then 00:00-…) is no opening.
      if (openAt(schedule, date, interval.start - 1)) continue;
      const at = instantAt(date, interval.start, timeZone);
      if (at.getTime() > now.getTime()) return at;
    }
  }
  return undefined;
}

/** The open intervals that start on local `date` (sorted by start). */
export function hoursOn(schedule: QueueSchedule, date: string): OpenInterval[] {
  if (schedule.holidays.includes(date)) return [];
  const season = schedule.seasons.find((s) => s.from <= date && date <= s.to);
  return (season ?? schedule).hours[weekdayOf(date)] ?? [];
}

/**
 * Open at wall-clock `minute` of local `date`? `minute` may be negative (the day before) or past
 * a day; intervals of the day before that run past midnight count.
 */
function openAt(schedule: QueueSchedule, date: string, minute: number): boolean {
  const shift = Math.floor(minute / DAY);
  const day = shift === 0 ? date : addDays(date, shift);
  const m = minute - shift * DAY;
  if (hoursOn(schedule, day).some((i) => i.start <= m && m < i.end)) return true;
  const before = addDays(day, -1);
  return hoursOn(schedule, before).some((i) => i.end > DAY && m < i.end - DAY);
}
