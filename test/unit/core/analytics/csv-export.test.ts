/**
 * The CSV export's text: RFC 4180 quoting, formulas defused, a byte-order mark and CRLF line
 * ends; table names checked; a table too big for one download refused with a clear message.
 */
import { describe, expect, it } from 'vitest';
import {
  checkTableName,
  csvField,
  MAX_CSV_ROWS,
  REPORT_TABLES,
  reportTable,
  toCsv,
} from '#core/analytics/csv-export.ts';
import { buildReport } from '#core/analytics/analytics-report.ts';
import { deskData } from '#core/analytics/desk-report.ts';
import { ValidationError } from '#core/errors.ts';

describe('CSV fields', () => {
  it.each([
    ['plain', 'plain'],
    ['Smith, Jo', '"Smith, Jo"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+1 555', "'+1 555"],
    ['-2', "'-2"],
    ['@cmd', "'@cmd"],
    ['هدى', 'هدى'],
    [-2, '-2'],
    [0.25, '0.25'],
    [null, ''],
  ])('writes %j as %j', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it('starts with a byte-order mark and ends every line with CRLF', () => {
    const text = toCsv({
      name: 'start-pages',
      columns: ['page', 'n'],
      rows: [
        ['/a', 1],
        ['/b,c', 2],
      ],
    });

    expect(text).toBe('\uFEFFpage,n\r\n/a,1\r\n"/b,c",2\r\n');
  });
});

describe('tables', () => {
  it('knows every table by name and refuses others with the list', () => {
    expect(checkTableName('csat-by-agent')).toBe('csat-by-agent');
    expect(() => checkTableName('nope')).toThrow(ValidationError);
    expect(() => checkTableName('nope')).toThrow(/report must be one of traffic, articles,/);
    expect(() => checkTableName(undefined)).toThrow(/report is required/);
    expect(REPORT_TABLES).toHaveLength(13);
  });

  it('refuses a table with more than MAX_CSV_ROWS rows, asking for a shorter range', () => {
    const query = { from: '2026-01-01', to: '2026-12-31', period: 'day' as const };
    const traffic = buildReport({
      query,
      now: new Date('2026-12-31T00:00:00Z'),
      main: [],
      byChannel: {},
      byLang: {},
      articles: [],
      backlog: { open: 0, claimed: 0 },
    });
    const pages = Array.from({ length: MAX_CSV_ROWS + 1 }, (_, i) => ({
      period: `2026-01-${String((i % 28) + 1).padStart(2, '0')}`,
      key: `/p/${i}`,
      counts: { startedConversations: 1 },
    }));
    const desk = deskData({ query, queues: [], agents: [], pages, main: [] });

    expect(() => reportTable('start-pages', traffic, desk)).toThrow(
      /would have 50001 rows \(at most 50000\): choose a shorter range or a longer period/,
    );
    expect(reportTable('traffic', traffic, desk).rows).toHaveLength(365);
  });
});
