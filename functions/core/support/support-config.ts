/**
 * The support team's configuration (support.json at the repository root): the store's time zone,
 * its queues (languages, the article tags they take, weekly hours), holidays, seasons with other
 * hours (Ramadan) and the default queue of each language. One source of truth for routing and
 * for what the customer is told at hand-off; the contact-support articles state the same hours.
 *
 * `parseSupportConfig` checks the file as a whole and reports every problem with the field it is
 * in (`queues[1].hours.fri[0]: …`), so a bad file stops the server at start, not a hand-off later.
 *
 * @example
 * const support = parseSupportConfig(JSON.parse(readFileSync('support.json', 'utf8')));
 * support.queues.map((q) => q.id) // ['account', 'payments', 'returns', 'general-en', 'general-ar']
 */
import { MujibError } from '../errors.ts';
import { LANGS, type Lang } from '../types.ts';
import { isTimeZone } from './zoned-time.ts';

/** Minutes from local midnight: `start` is in [0, 1440); `end` is after it, at most 24 h later. */
export interface OpenInterval {
  start: number;
  /** Past 1440 when the interval runs over midnight into the next day ("22:00-02:00"). */
  end: number;
}

/** Open intervals per weekday, index 0 = Sunday … 6 = Saturday, each sorted by start. */
export type WeeklyHours = OpenInterval[][];

/** Other hours for a range of dates (both ends included), e.g. Ramadan. */
export interface Season {
  name: string;
  /** `YYYY-MM-DD`, local dates in the store's time zone. */
  from: string;
  to: string;
  hours: WeeklyHours;
}

/** When one queue is staffed. */
export interface QueueSchedule {
  hours: WeeklyHours;
  /** Local dates (`YYYY-MM-DD`) the queue is closed all day: the store's and the queue's own. */
  holidays: string[];
  seasons: Season[];
}

export interface SupportQueue {
  /** Stable id stored on tickets, e.g. `returns`. */
  id: string;
  /** Staff-facing name, e.g. `Returns and refunds`. */
  name: string;
  /** Customer languages the queue serves. */
  langs: Lang[];
  /** Article tags (front matter `tags`, any language) of the questions it takes. */
  tags: string[];
  schedule: QueueSchedule;
}

export interface SupportConfig {
  /** IANA time zone of the store, e.g. `Asia/Riyadh`. */
  timeZone: string;
  /** How the customer's language names that zone after a time ("Saudi time"), when it should. */
  timeZoneName: Partial<Record<Lang, string>>;
  /** Minutes a desk heartbeat keeps a staff member on shift for the queues they watch. */
  presenceMinutes: number;
  /** Queues in file order (routing prefers the earlier one on a tie). */
  queues: SupportQueue[];
  /** The queue a ticket in each language goes to when no queue's tags match. */
  defaultQueue: Record<Lang, string>;
}

/** The configuration is unusable: every problem, each naming its field. */
export class SupportConfigError extends MujibError {
  constructor(readonly problems: string[]) {
    super(`invalid support configuration: ${problems.join('; ')}`, { problems });
  }
}

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export const DEFAULT_PRESENCE_MINUTES = 3;
const DAY = 1440;
const QUEUE_ID = /^[a-z0-9][a-z0-9-]{0,39}$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const RANGE = /^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/;
const ROOT_KEYS = [
  '$schema',
  'description',
  'timeZone',
  'timeZoneName',
  'presenceMinutes',
  'hours',
  'holidays',
  'seasons',
  'queues',
  'defaultQueue',
];
const QUEUE_KEYS = ['id', 'name', 'langs', 'tags', 'hours', 'holidays', 'seasons', 'description'];

/**
 * The checked configuration. Throws `SupportConfigError` listing every problem found.
 * Queues without `hours`, `holidays` or `seasons` take the top-level ones (a queue's own
 * holidays are added to the store's; its own seasons replace the store's).
 */
export function parseSupportConfig(raw: unknown): SupportConfig {
  const problems: string[] = [];
  const say = (field: string, problem: string) => problems.push(`${field}: ${problem}`);
  if (!isObject(raw)) throw new SupportConfigError(['the file must hold a JSON object']);
  unknownKeys(raw, ROOT_KEYS, '', say);

  const timeZone = raw.timeZone;
  if (typeof timeZone !== 'string' || timeZone === '') {
    say('timeZone', 'required: an IANA time zone such as "Asia/Riyadh"');
  } else if (!isTimeZone(timeZone)) {
    say('timeZone', `"${timeZone}" is not a time zone this runtime knows (e.g. "Asia/Riyadh")`);
  }
  const timeZoneName = parseZoneNames(raw.timeZoneName, say);
  const presenceMinutes = parsePresenceMinutes(raw.presenceMinutes, say);
  const storeHours = raw.hours === undefined ? undefined : parseWeek(raw.hours, 'hours', say);
  const storeHolidays = parseHolidays(raw.holidays, 'holidays', say);
  const storeSeasons = parseSeasons(raw.seasons, 'seasons', say);

  const queues: SupportQueue[] = [];
  if (!Array.isArray(raw.queues) || raw.queues.length === 0) {
    say('queues', 'required: a non-empty list of queues');
  } else {
    raw.queues.forEach((entry, i) => {
      const queue = parseQueue(entry, `queues[${i}]`, say, {
        hours: storeHours,
        hoursGiven: raw.hours !== undefined,
        holidays: storeHolidays,
        seasons: storeSeasons,
      });
      if (!queue) return;
      if (queues.some((q) => q.id === queue.id)) {
        say(`queues[${i}].id`, `"${queue.id}" is used by another queue`);
      }
      queues.push(queue);
    });
  }
  // Ids of every queue the file declares, also those with other problems (said once, there).
  const declared = Array.isArray(raw.queues)
    ? raw.queues.flatMap((q) => (isObject(q) && typeof q.id === 'string' ? [q.id] : []))
    : [];
  const defaultQueue = parseDefaultQueue(raw.defaultQueue, queues, declared, say);

  // A string default names one queue for every language: its problem is said once.
  if (problems.length > 0) throw new SupportConfigError([...new Set(problems)]);
  return {
    timeZone: timeZone as string,
    timeZoneName,
    presenceMinutes,
    queues,
    defaultQueue: defaultQueue as Record<Lang, string>,
  };
}

type Say = (field: string, problem: string) => void;

interface Inherited {
  hours: WeeklyHours | undefined;
  /** The top-level hours are in the file (maybe with problems of their own). */
  hoursGiven: boolean;
  holidays: string[];
  seasons: Season[];
}

function parseQueue(
  entry: unknown,
  at: string,
  say: Say,
  inherited: Inherited,
): SupportQueue | undefined {
  if (!isObject(entry)) {
    say(at, 'must be an object with id, name, langs and tags');
    return undefined;
  }
  unknownKeys(entry, QUEUE_KEYS, at, say);
  const { id, name } = entry;
  let ok = true;
  if (typeof id !== 'string' || !QUEUE_ID.test(id)) {
    say(
      `${at}.id`,
      'required: lower-case letters, digits and hyphens, at most 40 (e.g. "returns")',
    );
    ok = false;
  }
  if (typeof name !== 'string' || name.trim() === '' || name.length > 80) {
    say(`${at}.name`, 'required: the name staff see, at most 80 characters');
    ok = false;
  }
  const langs = parseLangs(entry.langs, `${at}.langs`, say);
  const tags = parseTags(entry.tags, `${at}.tags`, say);
  const own = entry.hours === undefined ? undefined : parseWeek(entry.hours, `${at}.hours`, say);
  const hours = own ?? inherited.hours;
  if (!hours && entry.hours === undefined && !inherited.hoursGiven) {
    say(`${at}.hours`, 'required (here or at the top level): the weekly hours of the queue');
    ok = false;
  }
  const holidays = [
    ...new Set([...inherited.holidays, ...parseHolidays(entry.holidays, `${at}.holidays`, say)]),
  ].sort();
  const seasons =
    entry.seasons === undefined
      ? inherited.seasons
      : parseSeasons(entry.seasons, `${at}.seasons`, say);
  if (!ok || !langs || !tags || !hours) return undefined;
  const schedule: QueueSchedule = { hours, holidays, seasons };
  return { id: id as string, name: (name as string).trim(), langs, tags, schedule };
}

function parseDefaultQueue(
  value: unknown,
  queues: SupportQueue[],
  declared: string[],
  say: Say,
): Record<Lang, string> | undefined {
  const byLang: Partial<Record<Lang, string>> = {};
  if (typeof value === 'string') {
    for (const lang of LANGS) byLang[lang] = value;
  } else if (isObject(value)) {
    unknownKeys(value, LANGS, 'defaultQueue', say);
    for (const lang of LANGS) {
      const id = value[lang];
      if (typeof id === 'string') byLang[lang] = id;
      else say(`defaultQueue.${lang}`, 'required: the id of the queue for this language');
    }
  } else {
    say('defaultQueue', 'required: a queue id, or one per language ({"en": …, "ar": …})');
    return undefined;
  }
  const field = (lang: Lang) =>
    typeof value === 'string' ? 'defaultQueue' : `defaultQueue.${lang}`;
  for (const lang of LANGS) {
    const id = byLang[lang];
    if (id === undefined) continue;
    const queue = queues.find((q) => q.id === id);
    if (!queue && !declared.includes(id)) {
      say(field(lang), `unknown queue "${id}" (queues: ${declared.join(', ')})`);
    } else if (queue && !queue.langs.includes(lang)) {
      say(
        field(lang),
        `queue "${id}" does not serve ${lang} (its langs: ${queue.langs.join(', ')})`,
      );
    }
  }
  return byLang as Record<Lang, string>;
}

/** `{ sun: ["09:00-21:00"], fri: [], … }` → WeeklyHours; every weekday must be given. */
function parseWeek(value: unknown, at: string, say: Say): WeeklyHours | undefined {
  if (!isObject(value)) {
    say(at, `must be an object with ${WEEKDAYS.join(', ')} (a list of "HH:MM-HH:MM"; [] = closed)`);
    return undefined;
  }
  unknownKeys(value, WEEKDAYS, at, say);
  const week: WeeklyHours = [];
  let ok = true;
  WEEKDAYS.forEach((day, d) => {
    const ranges = value[day];
    if (!Array.isArray(ranges)) {
      say(`${at}.${day}`, 'required: a list of "HH:MM-HH:MM" ranges, [] when closed');
      ok = false;
      week[d] = [];
      return;
    }
    const intervals: OpenInterval[] = [];
    ranges.forEach((range, r) => {
      const interval = parseRange(range, `${at}.${day}[${r}]`, say);
      if (interval) intervals.push(interval);
      else ok = false;
    });
    week[d] = intervals.sort((a, b) => a.start - b.start);
  });
  if (!ok) return undefined;
  // Overlaps, within a day and where one day's late hours run past midnight into the next.
  const spans = week.flatMap((intervals, d) =>
    intervals.map((i) => ({ d, start: d * DAY + i.start, end: d * DAY + i.end })),
  );
  spans.sort((a, b) => a.start - b.start);
  const WEEK = 7 * DAY;
  for (let i = 0; i < spans.length; i++) {
    const a = spans[i]!;
    const b = spans[(i + 1) % spans.length]!;
    if (spans.length === 1) break;
    // The last span of the week is compared with the first one of the next week.
    const bStart = i + 1 < spans.length ? b.start : b.start + WEEK;
    if (a.end > bStart) {
      say(
        `${at}.${WEEKDAYS[a.d]}`,
        `${clock(a.start - a.d * DAY)}-${clock(a.end - a.d * DAY)} overlaps ${WEEKDAYS[b.d]} ${clock(b.start - b.d * DAY)}-${clock(b.end - b.d * DAY)}`,
      );
      ok = false;
    }
  }
  if (ok && spans.length === 0) say(at, 'the queue is never open: give at least one day hours');
  return ok && spans.length > 0 ? week : undefined;
}

/** `"09:00-21:00"` → { start: 540, end: 1260 }; `"22:00-02:00"` runs past midnight. */
function parseRange(value: unknown, at: string, say: Say): OpenInterval | undefined {
  const match = typeof value === 'string' ? RANGE.exec(value.trim()) : null;
  if (!match) {
    say(at, `${JSON.stringify(value)} is not a range "HH:MM-HH:MM" (e.g. "09:00-21:00")`);
    return undefined;
  }
  const [h1, m1, h2, m2] = match.slice(1).map(Number) as [number, number, number, number];
  if (h1 > 23 || m1 > 59 || h2 > 24 || m2 > 59 || (h2 === 24 && m2 !== 0)) {
    say(at, `"${value as string}" has an impossible time (hours 00–23, or 24:00 for midnight)`);
    return undefined;
  }
  const start = h1 * 60 + m1;
  let end = h2 * 60 + m2;
  if (end === start) {
    say(at, `"${value as string}" opens and closes at the same time`);
    return undefined;
  }
  if (end < start) end += DAY; // runs past midnight into the next day
  return { start, end };
}

function parseHolidays(value: unknown, at: string, say: Say): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    say(at, 'must be a list of dates "YYYY-MM-DD" (or {"date": …, "name": …})');
    return [];
  }
  const dates: string[] = [];
  value.forEach((entry, i) => {
    const date = isObject(entry) ? entry.date : entry;
    if (isObject(entry)) unknownKeys(entry, ['date', 'name'], `${at}[${i}]`, say);
    if (isDate(date)) dates.push(date);
    else say(`${at}[${i}]`, `${JSON.stringify(date)} is not a date "YYYY-MM-DD"`);
  });
  return dates;
}

function parseSeasons(value: unknown, at: string, say: Say): Season[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    say(at, 'must be a list of {"name", "from", "to", "hours"}');
    return [];
  }
  const seasons: Season[] = [];
  value.forEach((entry, i) => {
    const field = `${at}[${i}]`;
    if (!isObject(entry)) {
      say(field, 'must be an object {"name", "from", "to", "hours"}');
      return;
    }
    unknownKeys(entry, ['name', 'from', 'to', 'hours'], field, say);
    const { name, from, to } = entry;
    let ok = true;
    if (typeof name !== 'string' || name.trim() === '') {
      say(`${field}.name`, 'required (e.g. "Ramadan 2027")');
      ok = false;
    }
    for (const [key, date] of [
      ['from', from],
      ['to', to],
    ] as const) {
      if (!isDate(date)) {
        say(`${field}.${key}`, `${JSON.stringify(date)} is not a date "YYYY-MM-DD"`);
        ok = false;
      }
    }
    if (ok && (to as string) < (from as string)) {
      say(`${field}.to`, `${to as string} is before from (${from as string})`);
      ok = false;
    }
    const hours = parseWeek(entry.hours, `${field}.hours`, say);
    if (!ok || !hours) return;
    const clash = seasons.find((s) => s.from <= (to as string) && (from as string) <= s.to);
    if (clash) {
      say(field, `${from as string}…${to as string} overlaps season "${clash.name}"`);
      return;
    }
    seasons.push({ name: (name as string).trim(), from: from as string, to: to as string, hours });
  });
  return seasons.sort((a, b) => (a.from < b.from ? -1 : 1));
}

function parseLangs(value: unknown, at: string, say: Say): Lang[] | undefined {
  if (
    !Array.isArray(value) ||
    value.length === 0 ||
    value.some((l) => !(LANGS as readonly unknown[]).includes(l))
  ) {
    say(at, `required: a non-empty list of ${LANGS.join(', ')} (got ${JSON.stringify(value)})`);
    return undefined;
  }
  return [...new Set(value as Lang[])];
}

function parseTags(value: unknown, at: string, say: Say): string[] | undefined {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((t) => typeof t !== 'string' || t.trim() === '')) {
    say(at, 'must be a list of article tags (strings), e.g. ["returns", "الإرجاع"]');
    return undefined;
  }
  return [...new Set((value as string[]).map((t) => t.trim()))];
}

function parseZoneNames(value: unknown, say: Say): Partial<Record<Lang, string>> {
  if (value === undefined) return {};
  if (!isObject(value)) {
    say('timeZoneName', 'must be an object per language, e.g. {"en": "Saudi time"}');
    return {};
  }
  unknownKeys(value, LANGS, 'timeZoneName', say);
  const names: Partial<Record<Lang, string>> = {};
  for (const lang of LANGS) {
    const name = value[lang];
    if (name === undefined) continue;
    if (typeof name === 'string' && name.trim() !== '' && name.length <= 40) {
      names[lang] = name.trim();
    } else {
      say(`timeZoneName.${lang}`, 'must be a short text (at most 40 characters)');
    }
  }
  return names;
}

function parsePresenceMinutes(value: unknown, say: Say): number {
  if (value === undefined) return DEFAULT_PRESENCE_MINUTES;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 2 || value > 60) {
    say('presenceMinutes', `must be an integer from 2 to 60 (got ${JSON.stringify(value)})`);
    return DEFAULT_PRESENCE_MINUTES;
  }
  return value;
}

/** A real calendar date written `YYYY-MM-DD`. */
export function isDate(value: unknown): value is string {
  const match = typeof value === 'string' ? DATE.exec(value) : null;
  if (!match) return false;
  const [y, m, d] = match.slice(1).map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function unknownKeys(
  value: Record<string, unknown>,
  allowed: readonly string[],
  at: string,
  say: Say,
): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      say(at ? `${at}.${key}` : key, `unknown field (expected one of ${allowed.join(', ')})`);
    }
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Minutes from midnight as `HH:MM` (past 24 h: the next day's time). */
function clock(minutes: number): string {
  const m = ((minutes % DAY) + DAY) % DAY;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}
