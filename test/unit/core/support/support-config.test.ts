/**
 * support.json is checked as a whole at start: every problem is reported with the field it is in
 * (a bad time zone, overlapping or impossible hours, an unknown default queue, …), and the
 * sample file in the repository is valid and routes by tags that the help centre really uses.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCollection } from '#core/knowledge/load-collection.ts';
import {
  parseSupportConfig,
  SupportConfigError,
  type SupportConfig,
} from '#core/support/support-config.ts';

const WEEK = {
  sun: ['09:00-21:00'],
  mon: ['09:00-21:00'],
  tue: ['09:00-21:00'],
  wed: ['09:00-21:00'],
  thu: ['09:00-21:00'],
  fri: [],
  sat: ['12:00-18:00'],
};

function valid(): Record<string, any> {
  return {
    timeZone: 'Asia/Riyadh',
    hours: structuredClone(WEEK),
    queues: [
      { id: 'returns', name: 'Returns', langs: ['en', 'ar'], tags: ['returns'] },
      { id: 'general', name: 'General', langs: ['en', 'ar'] },
    ],
    defaultQueue: 'general',
  };
}

/** The problems parseSupportConfig reports for `raw` (fails the test if it accepts it). */
function problemsOf(raw: unknown): string[] {
  try {
    parseSupportConfig(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(SupportConfigError);
    return (error as SupportConfigError).problems;
  }
  throw new Error('the configuration was accepted');
}

function sample(): SupportConfig {
  return parseSupportConfig(JSON.parse(readFileSync('support.json', 'utf8')));
}

describe('support configuration', () => {
  it('accepts a valid file: queues inherit the store’s hours, defaults apply per language', () => {
    // Act
    const config = parseSupportConfig(valid());

    // Assess
    expect(config.timeZone).toBe('Asia/Riyadh');
    expect(config.presenceMinutes).toBe(3);
    expect(config.defaultQueue).toEqual({ en: 'general', ar: 'general' });
    expect(config.queues.map((q) => q.id)).toEqual(['returns', 'general']);
    expect(config.queues[0]?.schedule.hours[0]).toEqual([{ start: 540, end: 1260 }]);
    expect(config.queues[0]?.schedule.hours[5]).toEqual([]);
  });

  it('names a time zone the runtime does not know', () => {
    // Prepare
    const raw = { ...valid(), timeZone: 'Asia/Riyad' };

    // Act
    const problems = problemsOf(raw);

    // Assess
    expect(problems).toEqual([
      'timeZone: "Asia/Riyad" is not a time zone this runtime knows (e.g. "Asia/Riyadh")',
    ]);
  });

  it('names overlapping hours within a day and where late hours run into the next day', () => {
    // Prepare
    const raw = valid();
    raw.hours.mon = ['09:00-13:00', '12:00-18:00'];
    raw.queues[0].hours = { ...structuredClone(WEEK), thu: ['20:00-03:00'], fri: ['02:00-05:00'] };

    // Act
    const problems = problemsOf(raw);

    // Assess
    expect(problems).toContain('hours.mon: 09:00-13:00 overlaps mon 12:00-18:00');
    expect(problems).toContain('queues[0].hours.thu: 20:00-03:00 overlaps fri 02:00-05:00');
  });

  it('names impossible and malformed ranges, and a week without any hours', () => {
    // Prepare
    const raw = valid();
    raw.hours.sun = ['09:00-25:00', '9-17', '10:00-10:00'];
    raw.queues[1].hours = {
      sun: [],
      mon: [],
      tue: [],
      wed: [],
      thu: [],
      fri: [],
      sat: [],
    };
    delete raw.hours.sat;

    // Act
    const problems = problemsOf(raw);

    // Assess
    expect(problems).toEqual(
      expect.arrayContaining([
        'hours.sun[0]: "09:00-25:00" has an impossible time (hours 00–23, or 24:00 for midnight)',
        'hours.sun[1]: "9-17" is not a range "HH:MM-HH:MM" (e.g. "09:00-21:00")',
        'hours.sun[2]: "10:00-10:00" opens and closes at the same time',
        'hours.sat: required: a list of "HH:MM-HH:MM" ranges, [] when closed',
        'queues[1].hours: the queue is never open: give at least one day hours',
      ]),
    );
  });

  it('names an unknown default queue, and one that does not serve the language', () => {
    // Prepare
    const unknown = { ...valid(), defaultQueue: 'genral' };
    const englishOnly = valid();
    englishOnly.queues[1].langs = ['en'];
    englishOnly.defaultQueue = { en: 'general', ar: 'general' };

    // Act
    const unknownProblems = problemsOf(unknown);
    const langProblems = problemsOf(englishOnly);

    // Assess
    expect(unknownProblems).toEqual([
      'defaultQueue: unknown queue "genral" (queues: returns, general)',
    ]);
    expect(langProblems).toEqual([
      'defaultQueue.ar: queue "general" does not serve ar (its langs: en)',
    ]);
  });

  it('names bad queues, holidays and seasons, and unknown fields (typos)', () => {
    // Prepare
    const raw = valid();
    raw.defualtQueue = 'general';
    raw.holidays = ['2027-02-30', { date: '2027-09-23', name: 'National Day' }];
    raw.seasons = [
      { name: 'Ramadan', from: '2027-03-09', to: '2027-02-08', hours: structuredClone(WEEK) },
    ];
    raw.queues.push({ id: 'Returns!', name: '', langs: ['fr'] });
    raw.queues.push({ id: 'returns', name: 'Again', langs: ['en'] });

    // Act
    const problems = problemsOf(raw);

    // Assess
    expect(problems).toEqual(
      expect.arrayContaining([
        'defualtQueue: unknown field (expected one of $schema, description, timeZone, timeZoneName, presenceMinutes, hours, holidays, seasons, queues, defaultQueue)',
        'holidays[0]: "2027-02-30" is not a date "YYYY-MM-DD"',
        'seasons[0].to: 2027-02-08 is before from (2027-03-09)',
        'queues[2].id: required: lower-case letters, digits and hyphens, at most 40 (e.g. "returns")',
        'queues[2].name: required: the name staff see, at most 80 characters',
        'queues[2].langs: required: a non-empty list of en, ar (got ["fr"])',
        'queues[3].id: "returns" is used by another queue',
      ]),
    );
  });

  it('refuses a file that is not an object, or without queues', () => {
    expect(problemsOf([])).toEqual(['the file must hold a JSON object']);
    expect(problemsOf({ timeZone: 'Asia/Riyadh', hours: WEEK, defaultQueue: 'x' })).toEqual(
      expect.arrayContaining(['queues: required: a non-empty list of queues']),
    );
  });

  it('the repository’s support.json is valid: five queues, Riyadh, Arabic and English defaults', () => {
    // Act
    const config = sample();

    // Assess
    expect(config.timeZone).toBe('Asia/Riyadh');
    expect(config.queues.map((q) => q.id)).toEqual([
      'account',
      'payments',
      'returns',
      'general-en',
      'general-ar',
    ]);
    expect(config.defaultQueue).toEqual({ en: 'general-en', ar: 'general-ar' });
  });

  it('every tag a queue of support.json routes by is a tag of some help article (no typos)', async () => {
    // Prepare
    const { articles } = await loadCollection('knowledge');
    const used = new Set(articles.flatMap((a) => a.tags));

    // Act
    const unknown = sample().queues.flatMap((q) => q.tags.filter((tag) => !used.has(tag)));

    // Assess
    expect(unknown).toEqual([]);
  });
});
