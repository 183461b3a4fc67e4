/**
 * The hand-off in the customer's words: "I've passed this to our support team. Your reference is
 * MJ-…." (messages.ts) followed by when a person will reply — "within minutes", "as soon as
 * someone is" free (while open, with the closing time), or when the team is back ("tomorrow at
 * 8 am Saudi time", "يوم الأحد الساعة 9 صباحًا بتوقيت السعودية"). The promise itself
 * is decided by core/support from support.json and who is on shift; this module only words it,
 * for text (web, SMS, WhatsApp) and for speech (Alexa, where the reply does not come "here").
 * Also words weekly hours ("8 am to midnight, every day") so the help articles can be checked
 * against support.json.
 */
import type { Reply } from '../conversation/reply.ts';
import type { HandOffPromise, OpeningTime } from '../support/handoff-promise.ts';
import type { WeeklyHours } from '../support/support-config.ts';
import type { Lang } from '../types.ts';
import { fillTemplate, message } from './messages.ts';

export const HANDOFF_MESSAGES = {
  en: {
    replyInMinutes: 'A person will reply here within minutes.',
    replyWhenBack:
      'Our team is away right now; a person will reply here when they are back, {when}.',
    replyLater: 'A person will reply here.',
    replyWhenFree:
      'Nobody from our team is free right now; a person will reply here as soon as someone is.',
    replyWhenFreeUntil:
      'Nobody from our team is free right now; a person will reply here as soon as someone is (we are open until {until}).',
    speechWhenFree:
      'Nobody from our team is free right now; a person will answer as soon as someone is.',
    speechInMinutes: 'A person will answer within minutes.',
    speechWhenBack: 'Our team is away right now and will answer when they are back, {when}.',
    today: 'today {at}',
    tomorrow: 'tomorrow {at}',
    weekday: 'on {weekday} {at}',
    date: 'on {day} {month} {at}',
    at: 'at {time}',
    atMidnight: 'at midnight',
    everyDay: '{ranges}, every day',
    range: '{from} to {to}',
    dayRange: '{first} to {last}',
    closed: 'closed',
  },
  ar: {
    replyInMinutes: 'سيرد عليك أحد الموظفين هنا خلال دقائق.',
    replyWhenBack: 'فريقنا غير متاح الآن، وسيرد عليك أحد الموظفين هنا عند عودته {when}.',
    replyLater: 'سيرد عليك أحد الموظفين هنا.',
    replyWhenFree: 'لا يوجد موظف متاح الآن، وسيرد عليك أحد الموظفين هنا فور توفره.',
    replyWhenFreeUntil:
      'لا يوجد موظف متاح الآن، وسيرد عليك أحد الموظفين هنا فور توفره (نعمل حتى {until}).',
    speechWhenFree: 'لا يوجد موظف متاح الآن، وسيرد عليك أحد الموظفين فور توفره.',
    speechInMinutes: 'سيرد عليك أحد الموظفين خلال دقائق.',
    speechWhenBack: 'فريقنا غير متاح الآن، وسيرد عليك عند عودته {when}.',
    today: 'اليوم {at}',
    tomorrow: 'غدًا {at}',
    weekday: 'يوم {weekday} {at}',
    date: 'يوم {day} {month} {at}',
    at: 'الساعة {time}',
    atMidnight: 'عند منتصف الليل',
    everyDay: '{ranges} يوميًا',
    range: 'من {from} حتى {to}',
    dayRange: 'من {first} إلى {last}',
    closed: 'مغلق',
  },
} as const satisfies Record<Lang, Record<string, string>>;

type HandOffKey = keyof (typeof HANDOFF_MESSAGES)['en'];

const WEEKDAY_NAMES: Record<Lang, readonly string[]> = {
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
  ar: ['الأحد', 'الاثنين', 'الثلاثاء', 'الأربعاء', 'الخميس', 'الجمعة', 'السبت'],
};

const MONTH_NAMES: Record<Lang, readonly string[]> = {
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
  // The month names used in Saudi Arabia and the Gulf for the Gregorian calendar.
  ar: [
    'يناير',
    'فبراير',
    'مارس',
    'أبريل',
    'مايو',
    'يونيو',
    'يوليو',
    'أغسطس',
    'سبتمبر',
    'أكتوبر',
    'نوفمبر',
    'ديسمبر',
  ],
};

function say(lang: Lang, key: HandOffKey, values: Record<string, string> = {}): string {
  return fillTemplate(HANDOFF_MESSAGES[lang][key], values);
}

/** The medium a hand-off is worded for: written (web, SMS, WhatsApp) or spoken (Alexa). */
export type HandOffMedium = 'text' | 'speech';

/**
 * The hand-off message of an escalation with a ticket: the reference, then the promise.
 *
 * @example
 * handOffText({ kind: 'escalate', lang: 'en', reason: 'no-match', ticketRef: 'MJ-K2FYFQ',
 *   ticketFailed: false, promise: { kind: 'minutes' } })
 * // → "I've passed this to our support team. Your reference is MJ-K2FYFQ. A person will reply here within minutes."
 */
export function handOffText(reply: Extract<Reply, { kind: 'escalate' }>): string {
  return `${handedOverText(reply.lang, reply.reason, reply.ticketRef ?? '')} ${promiseSentence(reply.lang, reply.promise, 'text')}`;
}

/** "I've passed this to our support team. Your reference is {ref}." (messages.ts) */
export function handedOverText(lang: Lang, reason: string, ref: string): string {
  return message(lang, reason === 'asked-for-human' ? 'escalatedAskedForHuman' : 'escalated', {
    ref,
  });
}

/**
 * When a person will reply, as one sentence; without a promise (a reply stored before promises
 * existed, or a queue that never opens) the text says only that a person will reply, and the
 * speech says nothing.
 */
export function promiseSentence(
  lang: Lang,
  promise: HandOffPromise | undefined,
  medium: HandOffMedium,
): string {
  if (promise?.kind === 'minutes') {
    return say(lang, medium === 'speech' ? 'speechInMinutes' : 'replyInMinutes');
  }
  if (promise?.kind === 'when-free') {
    if (medium === 'speech') return say(lang, 'speechWhenFree');
    if (!promise.closes) return say(lang, 'replyWhenFree');
    const until = clockWords(lang, promise.closes.minute);
    return say(lang, 'replyWhenFreeUntil', {
      until: promise.closes.zone ? `${until} ${promise.closes.zone}` : until,
    });
  }
  if (promise?.kind === 'next-opening') {
    const when = openingWords(lang, promise.when);
    return say(lang, medium === 'speech' ? 'speechWhenBack' : 'replyWhenBack', { when });
  }
  return medium === 'speech' ? '' : say(lang, 'replyLater');
}

/**
 * "tomorrow at 8 am Saudi time", "on Sunday at 9 am", "on 10 March at 8 am";
 * "غدًا الساعة 8 صباحًا بتوقيت السعودية", "يوم الأحد الساعة 9 صباحًا".
 */
export function openingWords(lang: Lang, when: OpeningTime): string {
  const at =
    when.minute === 0
      ? say(lang, 'atMidnight')
      : say(lang, 'at', { time: clockWords(lang, when.minute) });
  const day =
    when.daysAhead <= 0
      ? say(lang, 'today', { at })
      : when.daysAhead === 1
        ? say(lang, 'tomorrow', { at })
        : when.daysAhead < 7
          ? say(lang, 'weekday', { weekday: WEEKDAY_NAMES[lang][when.weekday] ?? '', at })
          : say(lang, 'date', {
              day: String(when.day),
              month: MONTH_NAMES[lang][when.month - 1] ?? '',
              at,
            });
  return when.zone ? `${day} ${when.zone}` : day;
}

/**
 * A time of day as the help articles write it: "8 am", "8:30 pm", "12 pm", "midnight";
 * "8 صباحًا", "2 فجرًا", "12 ظهرًا", "9 مساءً", "منتصف الليل" (Western digits, as in the articles).
 */
export function clockWords(lang: Lang, minute: number): string {
  const m = ((minute % 1440) + 1440) % 1440;
  const hour = Math.floor(m / 60);
  const mins = m % 60;
  if (m === 0) return lang === 'ar' ? 'منتصف الليل' : 'midnight';
  const h12 = hour % 12 === 0 ? 12 : hour % 12;
  const digits = mins === 0 ? String(h12) : `${h12}:${String(mins).padStart(2, '0')}`;
  if (lang === 'en') return `${digits} ${hour < 12 ? 'am' : 'pm'}`;
  const period = hour < 5 ? 'فجرًا' : hour < 12 ? 'صباحًا' : hour === 12 ? 'ظهرًا' : 'مساءً';
  return `${digits} ${period}`;
}

/**
 * Weekly hours in words: "8 am to midnight, every day" / "من 8 صباحًا حتى منتصف الليل يوميًا";
 * days with other hours are listed in groups ("Sunday to Thursday: 9 am to 9 pm; …").
 */
export function describeWeeklyHours(hours: WeeklyHours, lang: Lang): string {
  const rangesOf = (d: number) =>
    (hours[d] ?? [])
      .map((i) =>
        say(lang, 'range', { from: clockWords(lang, i.start), to: clockWords(lang, i.end) }),
      )
      .join(lang === 'ar' ? ' و' : ' and ');
  const days = [0, 1, 2, 3, 4, 5, 6].map(rangesOf);
  if (days.every((d) => d === days[0]) && days[0] !== '') {
    return say(lang, 'everyDay', { ranges: days[0]! });
  }
  const groups: { first: number; last: number; ranges: string }[] = [];
  days.forEach((ranges, d) => {
    const last = groups.at(-1);
    if (last && last.ranges === ranges) last.last = d;
    else groups.push({ first: d, last: d, ranges });
  });
  return groups
    .map((g) => {
      const names = WEEKDAY_NAMES[lang];
      const span =
        g.first === g.last
          ? (names[g.first] ?? '')
          : say(lang, 'dayRange', { first: names[g.first] ?? '', last: names[g.last] ?? '' });
      return `${span}: ${g.ranges || say(lang, 'closed')}`;
    })
    .join(lang === 'ar' ? '؛ ' : '; ');
}
