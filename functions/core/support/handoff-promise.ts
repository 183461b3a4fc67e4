/**
 * What the customer is told at hand-off about when a person will reply, decided from
 * support.json and who is on shift: "within minutes" only when the queue is open and someone
 * watching it is on shift; while it is open with nobody on shift, "as soon as someone is free"
 * and until when it is open (promising the next opening — tomorrow — would be wrong the moment
 * an agent opens the desk); when it is closed, the next time it opens, in the store's time zone.
 * The result carries what the renderers need to say it in any language and channel
 * (core/render/handoff-promise.ts) without knowing about time zones.
 */
import type { Lang } from '../types.ts';
import { availability } from './business-hours.ts';
import type { SupportConfig, SupportQueue } from './support-config.ts';
import { daysBetween, localTime } from './zoned-time.ts';

/** The local date and time of an opening, as words need it. */
export interface OpeningTime {
  /** Local days from the hand-off to the opening: 0 today, 1 tomorrow, … */
  daysAhead: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
  /** 1–12 */
  month: number;
  /** Day of the month. */
  day: number;
  /** Minutes since local midnight. */
  minute: number;
  /** The store's time zone as the customer's language names it ("Saudi time"), if configured. */
  zone?: string;
}

export type HandOffPromise =
  | { kind: 'minutes' }
  | {
      kind: 'when-free';
      /** ISO time the queue closes, when known. */
      until?: string;
      closes?: OpeningTime;
    }
  | {
      kind: 'next-opening';
      /** ISO time of the opening. */
      at: string;
      when: OpeningTime;
    };

/**
 * The promise for a hand-off to `queue` at `now` with `staffOnShift` people watching it;
 * undefined when the queue does not open within a year (the customer is then promised no time).
 *
 * @example
 * handOffPromise(support, queue, new Date('2026-12-02T22:30:00Z'), 0, 'en')
 * // → { kind: 'next-opening', at: '2026-12-03T05:00:00.000Z', when: { daysAhead: 1, … } }
 */
export function handOffPromise(
  config: SupportConfig,
  queue: SupportQueue,
  now: Date,
  staffOnShift: number,
  lang: Lang,
): HandOffPromise | undefined {
  const state = availability(queue.schedule, config.timeZone, now, staffOnShift);
  if (state.open && state.onShift > 0) return { kind: 'minutes' };
  const zone = config.timeZoneName[lang];
  const wordsFor = (at: Date): OpeningTime => {
    const local = localTime(at, config.timeZone);
    const [, month, day] = local.date.split('-').map(Number) as [number, number, number];
    return {
      daysAhead: daysBetween(localTime(now, config.timeZone).date, local.date),
      weekday: local.weekday,
      month,
      day,
      minute: local.minute,
      ...(zone ? { zone } : {}),
    };
  };
  if (state.open) {
    return state.closesAt
      ? { kind: 'when-free', until: state.closesAt.toISOString(), closes: wordsFor(state.closesAt) }
      : { kind: 'when-free' };
  }
  if (!state.nextOpening) return undefined;
  return {
    kind: 'next-opening',
    at: state.nextOpening.toISOString(),
    when: wordsFor(state.nextOpening),
  };
}
