/**
 * Wall-clock time in a named time zone, with the runtime's own time zone data
 * (Intl.DateTimeFormat): an instant → the local date, weekday and minute there, and a local date
 * and minute → the instant. Zones with daylight saving time work: a local time that does not
 * exist (the hour skipped in spring) maps to as many minutes after the gap; one that happens
 * twice (autumn) to the second of the two (standard time).
 */

/** A calendar date and the minute of the day in some time zone. */
export interface LocalTime {
  /** `YYYY-MM-DD` */
  date: string;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
  /** Minutes since local midnight, 0–1439. */
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when the runtime knows `timeZone` (an IANA name such as `Asia/Riyadh`). */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock fields of `instant` in `timeZone`, as numbers. */
function fields(instant: number, timeZone: string) {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return parts as Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number>;
}

/** The local date, weekday and minute of `instant` in `timeZone`. */
export function localTime(instant: Date, timeZone: string): LocalTime {
  const f = fields(instant.getTime(), timeZone);
  const date = `${String(f.year).padStart(4, '0')}-${pad(f.month)}-${pad(f.day)}`;
  return { date, weekday: weekdayOf(date), minute: f.hour * 60 + f.minute };
}

/** Minutes `timeZone` is ahead of UTC at `instant` (Riyadh: 180; London in summer: 60). */
export function zoneOffsetMinutes(instant: number, timeZone: string): number {
  const f = fields(instant, timeZone);
  const asUtc = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second);
  return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / 60_000);
}

/**
 * The instant at local `date` + `minute` in `timeZone` (`minute` may pass 1440: a time on a later
 * day). A time skipped by a DST change lands as many minutes after the change.
 */
export function instantAt(date: string, minute: number, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d, 0, minute);
  const first = wall - zoneOffsetMinutes(wall, timeZone) * 60_000;
  const second = wall - zoneOffsetMinutes(first, timeZone) * 60_000;
  // Outside a change both agree; in a gap they differ and the later one lies after the gap.
  return new Date(Math.max(first, second));
}

/** `date` plus `days` (may be negative). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Days from `from` to `to` (both `YYYY-MM-DD`). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
