/**
 * Day arithmetic for ranges and the log-scale duration histogram (median / p90).
 */
import { describe, expect, it } from 'vitest';
import {
  addDays,
  checkDayRange,
  dayCount,
  isDay,
  monthSpans,
  periodOf,
  periodsBetween,
  weekStart,
  yearSpans,
} from '#core/analytics/days.ts';
import { bucketOf, bucketValue, percentile } from '#core/analytics/duration-histogram.ts';
import { ValidationError } from '#core/errors.ts';

describe('days', () => {
  it('accepts only real calendar days written YYYY-MM-DD', () => {
    expect(isDay('2026-02-28')).toBe(true);
    expect(isDay('2028-02-29')).toBe(true);
    expect(isDay('2026-02-29')).toBe(false);
    expect(isDay('2026-13-01')).toBe(false);
    expect(isDay('26-01-01')).toBe(false);
    expect(isDay('2026-01-01T00:00:00Z')).toBe(false);
  });

  it('steps over month and year ends and counts days inclusively', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(dayCount('2026-01-01', '2026-12-31')).toBe(365);
    expect(dayCount('2026-01-02', '2026-01-01')).toBe(0);
  });

  it('starts ISO weeks on Monday', () => {
    expect(weekStart('2026-11-23')).toBe('2026-11-23'); // a Monday
    expect(weekStart('2026-11-29')).toBe('2026-11-23'); // the Sunday after
  });

  it('cuts a range into months, marking the whole ones, and into years', () => {
    expect(monthSpans('2026-01-15', '2026-03-31')).toEqual([
      { month: '2026-01', from: '2026-01-15', to: '2026-01-31', whole: false },
      { month: '2026-02', from: '2026-02-01', to: '2026-02-28', whole: true },
      { month: '2026-03', from: '2026-03-01', to: '2026-03-31', whole: true },
    ]);
    expect(yearSpans('2025-12-30', '2026-01-02')).toEqual([
      { year: '2025', from: '2025-12-30', to: '2025-12-31' },
      { year: '2026', from: '2026-01-01', to: '2026-01-02' },
    ]);
  });

  it.each([
    ['2026-1-1', '2026-01-31', /from must be a date/],
    ['2026-01-01', 'tomorrow', /to must be a date/],
    ['2026-02-01', '2026-01-01', /from must not be after to/],
    ['2025-01-01', '2026-01-02', /at most 366 days/],
  ])('rejects the range %s..%s', (from, to, message) => {
    expect(() => checkDayRange(from, to)).toThrow(ValidationError);
    expect(() => checkDayRange(from, to)).toThrow(message);
  });

  it('allows a full leap year of 366 days', () => {
    expect(checkDayRange('2028-01-01', '2028-12-31')).toEqual({
      from: '2028-01-01',
      to: '2028-12-31',
    });
  });
});

describe('duration histogram', () => {
  it('puts a duration in a bucket whose value is within 10% of it', () => {
    for (const seconds of [2, 45, 60, 3_600, 86_400, 3 * 86_400]) {
      const value = bucketValue(bucketOf(seconds));
      expect(Math.abs(value - seconds) / seconds).toBeLessThan(0.1);
    }
    expect(bucketOf(0)).toBe(0);
    expect(bucketOf(-5)).toBe(0);
    expect(bucketOf(Number.NaN)).toBe(0);
  });

  it('gives the median and p90 by nearest rank', () => {
    // 10 durations: 5 × 1 min, 4 × 1 h, 1 × 1 day
    const histogram = new Map([
      [bucketOf(60), 5],
      [bucketOf(3_600), 4],
      [bucketOf(86_400), 1],
    ]);

    const median = percentile(histogram, 0.5)!;
    const p90 = percentile(histogram, 0.9)!;
    const p100 = percentile(histogram, 1)!;

    expect(median / 60).toBeCloseTo(1, 0);
    expect(Math.abs(p90 - 3_600) / 3_600).toBeLessThan(0.1);
    expect(Math.abs(p100 - 86_400) / 86_400).toBeLessThan(0.1);
  });

  it('has no percentile when empty', () => {
    expect(percentile(new Map(), 0.5)).toBeNull();
  });
});

describe('periods', () => {
  it('names a day’s period by its start: the day, its Monday, or its month', () => {
    expect(periodOf('2026-11-29', 'day')).toBe('2026-11-29');
    expect(periodOf('2026-11-29', 'week')).toBe('2026-11-23');
    expect(periodOf('2026-11-29', 'month')).toBe('2026-11');
    expect(periodOf('2026-11', 'month')).toBe('2026-11');
    expect(periodOf('2026-11', 'week')).toBe('2026-11');
  });

  it('lists the periods a range touches, cut ones included, oldest first', () => {
    expect(periodsBetween('2026-11-25', '2026-12-08', 'week')).toEqual([
      '2026-11-23',
      '2026-11-30',
      '2026-12-07',
    ]);
    expect(periodsBetween('2025-12-31', '2026-02-01', 'month')).toEqual([
      '2025-12',
      '2026-01',
      '2026-02',
    ]);
    expect(periodsBetween('2026-11-25', '2026-11-26', 'day')).toEqual(['2026-11-25', '2026-11-26']);
  });
});
