/**
 * A turn's place in its session (`Turn.session`) and the page a web session started on
 * (`Turn.startPage`), decided on the turn path from the history the conversation core reads
 * anyway — no extra store call. The analytics read them back from the turn alone
 * (session-counters.ts): the conversation duration grows turn by turn from the session's start,
 * and the first turn names the start page.
 *
 * The session is carried forward from the previous turn, so it is known however long the
 * session is (the core reads only its last few turns); a session whose turns predate this field
 * gets none, so its duration is never half counted.
 */
import type { Turn, TurnSession } from '../ports.ts';
import type { Lang } from '../types.ts';

/** Longest start page kept (a path; longer ones are cut). */
export const MAX_START_PAGE_CHARS = 200;
/** A page path as the widget sends it: `/` then printable ASCII (no space). */
const PAGE_PATH = /^\/[\x21-\x7e]*$/;

/**
 * The session of a new turn at `at` in `lang`, from the session's `recent` turns (oldest first;
 * `undefined` when they could not be read): a new session starts with this turn; otherwise the
 * previous turn's session goes on, if it had one.
 *
 * @example
 * turnSession('2026-11-23T10:05:00Z', 'en', [previous]) // { startedAt: previous.session.startedAt, lang, previousAt: previous.at }
 */
export function turnSession(
  at: string,
  lang: Lang,
  recent: readonly Turn[] | undefined,
  /** The page a new session starts on (startPageOf already applied), if any. */
  startPage?: string,
): TurnSession | undefined {
  if (!recent) return undefined;
  const previous = recent.at(-1);
  if (!previous) return { startedAt: at, lang, ...(startPage ? { startPage } : {}) };
  const session = previous.session;
  if (!session) return undefined;
  // The latest time the session reached: the previous turn's, or an earlier one's if a clock
  // put the previous turn before it.
  const reached = latest(previous.at, session.previousAt);
  const page = startPageOf(session.startPage);
  return {
    startedAt: session.startedAt,
    lang: session.lang,
    previousAt: reached,
    ...(page ? { startPage: page } : {}),
  };
}

/** The later of two ISO times (the first when the second is missing or unreadable). */
export function latest(a: string, b: string | undefined): string {
  return b !== undefined && Date.parse(b) > Date.parse(a) ? b : a;
}

/**
 * A start page as sent (`/products/tea`), or undefined when it is not a plain path: `/` and
 * printable ASCII (a browser's `location.pathname` is percent-encoded), no `?` or `#`, at most
 * MAX_START_PAGE_CHARS characters.
 */
export function startPageOf(page: unknown): string | undefined {
  if (typeof page !== 'string' || page.length > MAX_START_PAGE_CHARS) return undefined;
  if (!PAGE_PATH.test(page) || page.includes('?') || page.includes('#')) return undefined;
  return page;
}
