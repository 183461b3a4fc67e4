import { describe, expect, it } from 'vitest';
import { extractFacts, type Fact } from '#core/knowledge/extract-facts.ts';

/** "kind value" of every fact in one line of text, e.g. ['business-day 3–7', 'hour 24']. */
const facts = (text: string): string[] =>
  extractFacts([{ text, line: 1 }]).map((f: Fact) => `${f.kind} ${f.value}`);

describe('extractFacts: durations', () => {
  it('reads English durations, business days and ranges', () => {
    // Prepare: the English charged-twice wording
    const text =
      'Holds are removed within **3 to 7 business days** and we refund the extra within 24 hours.';

    // Act
    const found = facts(text);

    // Assess
    expect(found).toEqual(['business-day 3–7', 'hour 24']);
  });

  it('reads Arabic durations with Western, Arabic-Indic and Eastern digits alike', () => {
    expect(facts('خلال 5 إلى 10 أيام عمل')).toEqual(['business-day 5–10']);
    expect(facts('خلال ٥ إلى ١٠ أيام عمل')).toEqual(['business-day 5–10']);
    expect(facts('خلال ۵ إلى ۱۰ أيام عمل')).toEqual(['business-day 5–10']);
    expect(facts('نرد المبلغ الزائد خلال ٢٤ ساعة')).toEqual(['hour 24']);
  });

  it('reads ranges written with a dash, "from … to", "between … and" and "من … إلى"', () => {
    expect(facts('3–7 business days')).toEqual(['business-day 3–7']);
    expect(facts('from 2 to 5 working days')).toEqual(['business-day 2–5']);
    expect(facts('between 3 and 7 days')).toEqual(['day 3–7']);
    expect(facts('من 3 إلى 7 أيام عمل')).toEqual(['business-day 3–7']);
    expect(facts('بين 3 و7 أيام')).toEqual(['day 3–7']);
    expect(facts('من يومين إلى أربعة أيام عمل')).toEqual(['business-day 2–4']);
  });

  it('reads Arabic dual forms as two', () => {
    expect(facts('نفحصه خلال يومي عمل')).toEqual(['business-day 2']);
    expect(facts('خلال يومين')).toEqual(['day 2']);
    expect(facts('يرد الفريق خلال ساعتين')).toEqual(['hour 2']);
    expect(facts('بعد أسبوعين')).toEqual(['week 2']);
    expect(facts('آخر شهرين')).toEqual(['month 2']);
    expect(facts('ضمان سنتين')).toEqual(['year 2']);
    expect(facts('من يوم إلى يومين إضافيين')).toEqual(['day 1–2']);
  });

  it('reads a lone singular as one only after "within" or with واحد, and an hour as one', () => {
    expect(facts('يصل المبلغ خلال ساعة')).toEqual(['hour 1']);
    expect(facts('ضمان سنة واحدة')).toEqual(['year 1']);
    expect(facts('خلال يوم عمل واحد')).toEqual(['business-day 1']);
    expect(facts('money arrives within an hour')).toEqual(['hour 1']);
    expect(facts('the link expires after one hour')).toEqual(['hour 1']);
    expect(facts('solved in a minute or two')).toEqual(['minute 1–2']);
    // A clock time, a smartwatch, "next business day" or "each month" are not durations.
    expect(facts('قبل الساعة 2 ظهرًا')).toEqual(['time 14:00']);
    expect(facts('الساعات الذكية')).toEqual([]);
    expect(facts('في يوم العمل التالي')).toEqual([]);
    expect(facts('one payment each month, 24 hours a day')).toEqual(['hour 24']);
  });

  it('reads Arabic and English number words before a unit', () => {
    expect(facts('ثلاثة أيام')).toEqual(['day 3']);
    expect(facts('خمسة أيام عمل')).toEqual(['business-day 5']);
    expect(facts('سبعة أيام')).toEqual(['day 7']);
    expect(facts('عشرة أيام')).toEqual(['day 10']);
    expect(facts('أربعة عشر يومًا')).toEqual(['day 14']);
    expect(facts('مهلة الثلاثين يومًا')).toEqual(['day 30']);
    expect(facts('خمسة وعشرين دقيقة')).toEqual(['minute 25']);
    expect(facts('kept for six years; it takes about two minutes')).toEqual(['year 6', 'minute 2']);
    // A number word without a unit is not a fact ("the one you don't need").
    expect(facts('cancel the one you do not need')).toEqual([]);
  });

  it('reads hyphenated durations such as "30-day" and "1-year"', () => {
    expect(facts('the 30-day grace period and a 1-year warranty')).toEqual(['day 30', 'year 1']);
  });
});

describe('extractFacts: money, percentages, points and times', () => {
  it('reads SAR, AED and USD amounts in both languages, with thousands separators', () => {
    expect(facts('orders up to 2,000 SAR or 2,000 AED, with a 10 SAR fee')).toEqual([
      'SAR 2000',
      'AED 2000',
      'SAR 10',
    ]);
    expect(facts('حتى 2,000 ريال أو 2,000 درهم، برسوم 10 ريالات')).toEqual([
      'SAR 2000',
      'AED 2000',
      'SAR 10',
    ]);
    expect(facts('رسوم ١٥ ر.س')).toEqual(['SAR 15']);
    expect(facts('from 25 USD, or $9 for express, 10 دولارات')).toEqual(['USD 25', 'USD 9', 'USD 10']);
  });

  it('gives a second currency after "or" the same amount', () => {
    expect(facts('from 50 to 2,000 SAR or AED')).toEqual(['SAR 50–2000', 'AED 50–2000']);
    expect(facts('من 50 إلى 2,000 ريال أو درهم')).toEqual(['SAR 50–2000', 'AED 50–2000']);
  });

  it('reads percentages and points', () => {
    expect(facts('VAT at 15% in Saudi Arabia, 5 percent in the UAE')).toEqual(['percent 15', 'percent 5']);
    expect(facts('بنسبة ١٥٪ أو 2 إلى 3%')).toEqual(['percent 15', 'percent 2–3']);
    expect(facts('100 points = 1 SAR')).toEqual(['points 100', 'SAR 1']);
    expect(facts('كل 100 نقطة تساوي 1 ريال، ونقطة واحدة لكل ريال')).toEqual([
      'points 100',
      'SAR 1',
      'points 1',
    ]);
  });

  it('reads times of day as a 24-hour clock', () => {
    expect(facts('8 am to midnight, 9 am to 9 pm')).toEqual([
      'time 08:00',
      'time 00:00',
      'time 09:00',
      'time 21:00',
    ]);
    expect(facts('من 8 صباحًا حتى منتصف الليل، ومن 10 صباحًا حتى 2 فجرًا')).toEqual([
      'time 08:00',
      'time 00:00',
      'time 10:00',
      'time 02:00',
    ]);
    expect(facts('by 12 noon; قبل 2 ظهرًا؛ 10 مساءً')).toEqual(['time 12:00', 'time 14:00', 'time 22:00']);
  });

  it('keeps bare numbers and skips list markers, links, emails and codes like NK-4821-7730', () => {
    const text =
      '1. Enter the last 4 digits at [refunds](refund-timing.md#step-2), ' +
      'email support@nakheel.example, order NK-4821-7730, code RRRD2929 (GMT+3)';
    expect(facts(text)).toEqual(['number 4']);
  });
});

describe('extractFacts: lines', () => {
  it('reports each fact at its file line', () => {
    // Prepare: a section body starting at line 20
    const sources = [{ text: 'First line.\n\nWe reply within 24 hours.', line: 20, section: 2 }];

    // Act
    const [fact] = extractFacts(sources);

    // Assess
    expect(fact).toMatchObject({ line: 22, section: 2, display: '24 hours' });
  });
});
