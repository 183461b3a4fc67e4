/**
 * Business hours in the store's time zone: open or closed at a moment, and the next opening —
 * across midnight (hours that run past it, and a closed night), over the weekend, on holidays
 * and in a season with other hours, in Riyadh (no daylight saving time) and in London (DST), so
 * the zone logic is proven on a zone whose offset changes. While open, when it next closes
 * (periods that run into each other count as one; hours past midnight; never closing).
 */
import { describe, expect, it } from 'vitest';
import { availability, isOpen, nextClosing, nextOpening } from '#core/support/business-hours.ts';
import { parseSupportConfig, type QueueSchedule } from '#core/support/support-config.ts';
import { addDays, instantAt, localTime, zoneOffsetMinutes } from '#core/support/zoned-time.ts';

const RIYADH = 'Asia/Riyadh';
const LONDON = 'Europe/London';
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

/** The schedule of a one-queue configuration with these hours, holidays and seasons. */
function schedule(
  hours: Partial<Record<(typeof DAYS)[number], string[]>>,
  extra: { holidays?: string[]; seasons?: unknown[]; timeZone?: string } = {},
): QueueSchedule {
  const week = Object.fromEntries(DAYS.map((d) => [d, hours[d] ?? []]));
  const config = parseSupportConfig({
    timeZone: extra.timeZone ?? RIYADH,
    hours: week,
    ...(extra.holidays ? { holidays: extra.holidays } : {}),
    ...(extra.seasons ? { seasons: extra.seasons } : {}),
    queues: [{ id: 'general', name: 'General', langs: ['en', 'ar'] }],
    defaultQueue: 'general',
  });
  return config.queues[0]!.schedule;
}

/** Sun–Thu 09:00–21:00, Sat 12:00–18:00, Friday closed (a Gulf shop's week). */
const GULF_WEEK = schedule({
  sun: ['09:00-21:00'],
  mon: ['09:00-21:00'],
  tue: ['09:00-21:00'],
  wed: ['09:00-21:00'],
  thu: ['09:00-21:00'],
  sat: ['12:00-18:00'],
});

describe('zoned time', () => {
  it('reads the local date, weekday and minute in Riyadh (UTC+3 all year)', () => {
    // Act
    const local = localTime(new Date('2026-12-03T22:30:00Z'), RIYADH);

    // Assess: 01:30 on Friday 4 December in Riyadh
    expect(local).toEqual({ date: '2026-12-04', weekday: 5, minute: 90 });
    expect(zoneOffsetMinutes(Date.parse('2026-07-01T00:00:00Z'), RIYADH)).toBe(180);
    expect(zoneOffsetMinutes(Date.parse('2026-01-01T00:00:00Z'), RIYADH)).toBe(180);
  });

  it('turns a London wall-clock time into the right instant in winter and in summer', () => {
    // Act
    const winter = instantAt('2027-01-15', 9 * 60, LONDON);
    const summer = instantAt('2027-07-15', 9 * 60, LONDON);

    // Assess
    expect(winter.toISOString()).toBe('2027-01-15T09:00:00.000Z');
    expect(summer.toISOString()).toBe('2027-07-15T08:00:00.000Z');
  });

  it('moves a time skipped by the spring change to after the gap, and counts days across it', () => {
    // Act: 01:30 on 28 March 2027 does not exist in London (01:00 GMT → 02:00 BST)
    const skipped = instantAt('2027-03-28', 90, LONDON);

    // Assess
    expect(skipped.toISOString()).toBe('2027-03-28T01:30:00.000Z');
    expect(localTime(skipped, LONDON)).toMatchObject({ date: '2027-03-28', minute: 150 });
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
  });
});

describe('open or closed', () => {
  it('is open inside the hours and closed at their end (the end is not included)', () => {
    // Prepare: Wednesday 2 December 2026 in Riyadh
    const at = (hhmm: string) => new Date(`2026-12-02T${hhmm}:00+03:00`);

    // Assess
    expect(isOpen(GULF_WEEK, RIYADH, at('08:59'))).toBe(false);
    expect(isOpen(GULF_WEEK, RIYADH, at('09:00'))).toBe(true);
    expect(isOpen(GULF_WEEK, RIYADH, at('20:59'))).toBe(true);
    expect(isOpen(GULF_WEEK, RIYADH, at('21:00'))).toBe(false);
  });

  it('keeps hours that run past midnight open into the next day, and only until they end', () => {
    // Prepare: Thursday evenings 20:00–02:00
    const late = schedule({ thu: ['20:00-02:00'] });

    // Assess: Friday 01:59 still belongs to Thursday's shift; 02:00 is closed
    expect(isOpen(late, RIYADH, new Date('2026-12-04T01:59:00+03:00'))).toBe(true);
    expect(isOpen(late, RIYADH, new Date('2026-12-04T02:00:00+03:00'))).toBe(false);
    expect(isOpen(late, RIYADH, new Date('2026-12-03T19:59:00+03:00'))).toBe(false);
  });

  it('is closed all day on a holiday, but a shift from the evening before still ends as planned', () => {
    // Prepare
    const late = schedule(
      { wed: ['20:00-02:00'], thu: ['08:00-12:00'] },
      { holidays: ['2026-12-03'] },
    );

    // Assess
    expect(isOpen(late, RIYADH, new Date('2026-12-03T01:00:00+03:00'))).toBe(true);
    expect(isOpen(late, RIYADH, new Date('2026-12-03T09:00:00+03:00'))).toBe(false);
  });
});

describe('the next opening', () => {
  it('across midnight: after closing at 21:00 it is 09:00 the next morning', () => {
    // Act
    const next = nextOpening(GULF_WEEK, RIYADH, new Date('2026-12-01T23:30:00+03:00'));

    // Assess
    expect(next?.toISOString()).toBe(new Date('2026-12-02T09:00:00+03:00').toISOString());
  });

  it('before opening on the same day: later today', () => {
    // Act: Wednesday 02:00 in Riyadh
    const next = nextOpening(GULF_WEEK, RIYADH, new Date('2026-12-02T02:00:00+03:00'));

    // Assess
    expect(next?.toISOString()).toBe(new Date('2026-12-02T09:00:00+03:00').toISOString());
  });

  it('over the weekend: Thursday night → Saturday 12:00 (Friday closed), Saturday night → Sunday 09:00', () => {
    // Act
    const fromThursday = nextOpening(GULF_WEEK, RIYADH, new Date('2026-12-03T22:00:00+03:00'));
    const fromSaturday = nextOpening(GULF_WEEK, RIYADH, new Date('2026-12-05T19:00:00+03:00'));

    // Assess
    expect(fromThursday?.toISOString()).toBe(new Date('2026-12-05T12:00:00+03:00').toISOString());
    expect(fromSaturday?.toISOString()).toBe(new Date('2026-12-06T09:00:00+03:00').toISOString());
  });

  it('skips holidays, the store-wide and the queue’s own', () => {
    // Prepare: Sunday 6 and Monday 7 December are holidays
    const withHolidays = schedule(
      {
        sun: ['09:00-21:00'],
        mon: ['09:00-21:00'],
        tue: ['09:00-21:00'],
      },
      { holidays: ['2026-12-06', '2026-12-07'] },
    );

    // Act
    const next = nextOpening(withHolidays, RIYADH, new Date('2026-12-05T10:00:00+03:00'));

    // Assess
    expect(next?.toISOString()).toBe(new Date('2026-12-08T09:00:00+03:00').toISOString());
  });

  it('uses a season’s hours on its dates (Ramadan 10:00–02:00) and the weekly ones after it', () => {
    // Prepare
    const everyDay = Object.fromEntries(DAYS.map((d) => [d, ['08:00-24:00']]));
    const ramadan = Object.fromEntries(DAYS.map((d) => [d, ['10:00-02:00']]));
    const withSeason = schedule(everyDay, {
      seasons: [{ name: 'Ramadan', from: '2027-02-08', to: '2027-03-09', hours: ramadan }],
    });

    // Act
    const inRamadanNight = new Date('2027-02-10T01:30:00+03:00');
    const beforeRamadan = nextOpening(withSeason, RIYADH, new Date('2027-02-08T01:00:00+03:00'));
    const afterLastNight = nextOpening(withSeason, RIYADH, new Date('2027-03-10T03:00:00+03:00'));

    // Assess
    expect(isOpen(withSeason, RIYADH, inRamadanNight)).toBe(true);
    expect(beforeRamadan?.toISOString()).toBe(new Date('2027-02-08T10:00:00+03:00').toISOString());
    expect(afterLastNight?.toISOString()).toBe(new Date('2027-03-10T08:00:00+03:00').toISOString());
  });

  it('while open, is the start of the next period, not a period that only continues this one', () => {
    // Prepare: 22:00–24:00 then 00:00–06:00 is one night, not two openings
    const night = schedule({ wed: ['22:00-24:00'], thu: ['00:00-06:00', '20:00-22:00'] });

    // Act
    const next = nextOpening(night, RIYADH, new Date('2026-12-02T23:00:00+03:00'));

    // Assess
    expect(next?.toISOString()).toBe(new Date('2026-12-03T20:00:00+03:00').toISOString());
  });

  it('in London, 09:00 local is 09:00 UTC before the spring change and 08:00 UTC after it', () => {
    // Prepare: weekdays 09:00–17:00 in London; the clocks go forward on Sunday 28 March 2027
    const weekdays = Object.fromEntries(
      ['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, ['09:00-17:00']]),
    );
    const london = schedule(weekdays, { timeZone: LONDON });

    // Act
    const friday = nextOpening(london, LONDON, new Date('2027-03-26T06:00:00Z'));
    const overTheChange = nextOpening(london, LONDON, new Date('2027-03-26T18:00:00Z'));

    // Assess
    expect(friday?.toISOString()).toBe('2027-03-26T09:00:00.000Z');
    expect(overTheChange?.toISOString()).toBe('2027-03-29T08:00:00.000Z');
    expect(isOpen(london, LONDON, new Date('2027-03-29T08:30:00Z'))).toBe(true);
    expect(isOpen(london, LONDON, new Date('2027-03-26T08:30:00Z'))).toBe(false);
  });

  it('in London in autumn, hours follow the wall clock back to GMT', () => {
    // Prepare: the clocks go back on Sunday 31 October 2027
    const weekdays = Object.fromEntries(
      ['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, ['09:00-17:00']]),
    );
    const london = schedule(weekdays, { timeZone: LONDON });

    // Act
    const next = nextOpening(london, LONDON, new Date('2027-10-29T18:00:00Z'));

    // Assess
    expect(next?.toISOString()).toBe('2027-11-01T09:00:00.000Z');
  });

  it('an hour-skipping night: hours that open in the skipped hour open just after it', () => {
    // Prepare: Sunday 01:30–04:00 in London; on 28 March 2027 01:30 does not exist
    const london = schedule({ sun: ['01:30-04:00'] }, { timeZone: LONDON });

    // Act
    const next = nextOpening(london, LONDON, new Date('2027-03-27T12:00:00Z'));

    // Assess: 02:30 BST, 01:30 UTC
    expect(next?.toISOString()).toBe('2027-03-28T01:30:00.000Z');
  });

  it('availability: the queue state with who is on shift, and none when it never opens again', () => {
    // Prepare: open only on one past date's weekday, closed by holidays for over a year
    const holidays = Array.from({ length: 420 }, (_, i) => addDays('2026-12-01', i));
    const shut = schedule({ wed: ['09:00-10:00'] }, { holidays });

    // Act
    const open = availability(GULF_WEEK, RIYADH, new Date('2026-12-02T10:00:00+03:00'), 2);
    const never = availability(shut, RIYADH, new Date('2026-12-02T10:00:00+03:00'), 0);

    // Assess
    expect(open).toMatchObject({ open: true, onShift: 2 });
    expect(open.nextOpening?.toISOString()).toBe(
      new Date('2026-12-03T09:00:00+03:00').toISOString(),
    );
    expect(never).toEqual({ open: false, onShift: 0 });
  });
});

describe('when an open queue next closes', () => {
  const riyadh = (local: string) => new Date(`${local}+03:00`);

  it('is the end of the period under way, and nothing while closed', () => {
    expect(nextClosing(GULF_WEEK, RIYADH, riyadh('2026-12-02T13:00:00'))).toEqual(
      riyadh('2026-12-02T21:00:00'),
    );
    expect(nextClosing(GULF_WEEK, RIYADH, riyadh('2026-12-02T22:00:00'))).toBeUndefined();
    expect(availability(GULF_WEEK, RIYADH, riyadh('2026-12-02T13:00:00'), 0).closesAt).toEqual(
      riyadh('2026-12-02T21:00:00'),
    );
    expect(availability(GULF_WEEK, RIYADH, riyadh('2026-12-02T22:00:00'), 0)).not.toHaveProperty(
      'closesAt',
    );
  });

  it('follows hours past midnight, and periods that run into each other', () => {
    // Prepare: Wednesday 18:00–02:00; Thursday 00:00–24:00 and Friday 00:00–12:00 in a row
    const late = schedule({ wed: ['18:00-02:00'] });
    const joined = schedule({ thu: ['00:00-24:00'], fri: ['00:00-12:00'] });

    // Assess
    expect(nextClosing(late, RIYADH, riyadh('2026-12-03T01:00:00'))).toEqual(
      riyadh('2026-12-03T02:00:00'),
    );
    expect(nextClosing(joined, RIYADH, riyadh('2026-12-03T10:00:00'))).toEqual(
      riyadh('2026-12-04T12:00:00'),
    );
  });

  it('is unknown for a queue that never closes', () => {
    const always = schedule(Object.fromEntries(DAYS.map((d) => [d, ['00:00-24:00']])));

    expect(isOpen(always, RIYADH, riyadh('2026-12-02T13:00:00'))).toBe(true);
    expect(nextClosing(always, RIYADH, riyadh('2026-12-02T13:00:00'))).toBeUndefined();
  });
});
