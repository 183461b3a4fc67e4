import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { passesLuhn, redactPii } from '#core/tickets/redact.ts';
import { cpuMs, RUNAWAY_MS } from '../../../helpers/runaway.ts';

describe('redactPii', () => {
  it.each([
    ['call me on +44 7700 900123 please', 'call me on [phone] please'],
    ['my number is 0501234567', 'my number is [phone]'],
    ['(555) 123-4567', '[phone]'],
    ['+1 (555) 123-4567.', '[phone].'],
    ['00966 50 123 4567', '[phone]'],
    ['رقمي ٠٥٠١٢٣٤٥٦٧ شكرا', 'رقمي [phone] شكرا'],
    ['رقمي +٩٦٦٥٠١٢٣٤٥٦٧', 'رقمي [phone]'],
  ])('replaces the phone number in %j', (text, expected) => {
    expect(redactPii(text)).toBe(expected);
  });

  it.each([
    ['write to jo.smith+help@example.co.uk', 'write to [email]'],
    ['أرسل إلى user_1@mail.example.com', 'أرسل إلى [email]'],
    ['a@b.io and c@d.org', '[email] and [email]'],
  ])('replaces the email address in %j', (text, expected) => {
    expect(redactPii(text)).toBe(expected);
  });

  it.each([
    'order 12345 was late',
    'it happened on 2025-03-01',
    'since 01/03/2025',
    'ticket MJ-4K7Q2X',
    'code 123 456',
    'message SM1234567890abcdef',
    'how do I reset my password?',
  ])('leaves %j alone', (text) => {
    expect(redactPii(text)).toBe(text);
  });
});

describe('redactPii and payment cards', () => {
  it.each([
    ['my card is 4111 1111 1111 1111 thanks', 'my card is [card] thanks'],
    ['card: 4111-1111-1111-1111.', 'card: [card].'],
    ['5500005555555559', '[card]'],
    ['amex 3782 822463 10005', 'amex [card]'],
    ['٤١١١ ١١١١ ١١١١ ١١١١', '[card]'],
    ['call 0501234567 about 4111 1111 1111 1111', 'call [phone] about [card]'],
    ['0501234567 4111 1111 1111 1111 (555) 123-4567', '[phone] [card] [phone]'],
    ['ref 12 4111 1111 1111 1111 9', 'ref 12 [card] 9'],
  ])('replaces the card number in %j', (text, expected) => {
    expect(redactPii(text)).toBe(expected);
  });

  it.each([
    'order 1234567812345678 is late',
    'tracking 1234 5678 1234 5678',
    'invoice 4111111111111112',
  ])('leaves a long number that fails the Luhn check alone: %j', (text) => {
    expect(redactPii(text)).toBe(text);
  });

  it('knows the Luhn check', () => {
    expect(passesLuhn('4111111111111111')).toBe(true);
    expect(passesLuhn('4111111111111112')).toBe(false);
    expect(passesLuhn('')).toBe(false);
  });
});

/**
 * Inputs that made the old regular expressions backtrack (a quadratic 0.2–0.6 s on 10,000
 * characters): long runs with no '@', digits glued to a letter, separator-laced digit runs.
 */
const ADVERSARIAL: Record<string, (n: number) => string> = {
  'letters with no @': (n) => 'a'.repeat(n),
  'dotted local part with no @': (n) => 'a.'.repeat(n / 2),
  'a domain that never ends in a TLD': (n) => `a@${'b.'.repeat(n / 2)}1`,
  'many @': (n) => 'a@'.repeat(n / 2),
  'digits glued to a letter': (n) => `${'1'.repeat(n)}a`,
  'digits with separators': (n) => '1 '.repeat(n / 2),
  'parenthesised digits': (n) => '1 ('.repeat(Math.floor(n / 3)),
  'Arabic-Indic digits': (n) => '٠-'.repeat(n / 2),
  'card-shaped groups': (n) => '4111 1111 1111 1111 '.repeat(n / 20),
  'plus signs': (n) => '+1'.repeat(n / 2),
};

describe('redactPii runs in linear time', () => {
  // Linear: ~20 ms. The old backtracking took 0.2–0.6 s per 10,000 characters, so 20–60 s here.
  it.each(Object.keys(ADVERSARIAL))('100,000 characters of %s never run away', (name) => {
    const make = ADVERSARIAL[name] as (n: number) => string;
    redactPii(make(10_000)); // warm up the JIT
    expect(cpuMs(() => redactPii(make(100_000)))).toBeLessThan(RUNAWAY_MS);
  });
});

/** A Luhn-valid card number of 13–19 digits with the given leading digits. */
const cardNumber = fc
  .tuple(
    fc.integer({ min: 13, max: 19 }),
    fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 19, maxLength: 19 }),
  )
  .map(([length, digits]) => {
    const body = digits.slice(0, length - 1).join('');
    for (let check = 0; check <= 9; check++) {
      if (passesLuhn(body + check)) return body + check;
    }
    throw new Error('unreachable: one check digit always fits');
  });

/** The card as people write it: plain, or in groups of four separated by spaces or dashes. */
const writtenCard = fc
  .tuple(cardNumber, fc.constantFrom('', ' ', '-'))
  .map(([digits, separator]) => ({ digits, written: digits.match(/.{1,4}/g)!.join(separator) }));

const textAround = fc.string({
  unit: fc.constantFrom(...'ab 1-()+@.٣\n'.split('')),
  maxLength: 30,
});

describe('redactPii properties (fast-check)', () => {
  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), textAround, fc.string({ unit: 'grapheme' })), (text) => {
        const once = redactPii(text);
        expect(redactPii(once)).toBe(once);
      }),
      { numRuns: 2000 },
    );
  });

  it('never leaves a Luhn-valid card number written between words', () => {
    fc.assert(
      fc.property(textAround, writtenCard, textAround, (before, card, after) => {
        const redacted = redactPii(`${before} ${card.written} ${after}`);
        expect(redacted.replace(/[^0-9]/g, '')).not.toContain(card.digits);
      }),
      { numRuns: 2000 },
    );
  });

  it('stays fast on any long text built from the characters it looks at', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'a1٣ -(+@.'.split('')), minLength: 1, maxLength: 8 }),
        (unit) => {
          const text = unit.repeat(Math.ceil(50_000 / unit.length));
          expect(cpuMs(() => redactPii(text))).toBeLessThan(RUNAWAY_MS);
        },
      ),
      { numRuns: 40 },
    );
  });
});
