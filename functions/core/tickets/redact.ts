/**
 * Defensive redaction of personal data before anything is logged or stored: email addresses
 * become `[email]`, payment card numbers `[card]` and phone numbers `[phone]`. Western and
 * Arabic-Indic digits are both recognised; dates and short numbers (order numbers, codes) are
 * left alone, and so are long numbers that fail the Luhn check (order and tracking numbers).
 *
 * Why hand-written scanners instead of regular expressions: the text is the customer's, and a
 * backtracking pattern such as `[A-Za-z0-9._%+-]+@` retried at every start position is quadratic
 * (a 10,000-character message took ~0.6 s). Each scanner below visits every character a bounded
 * number of times, so redaction is linear in the length of the text whatever it contains.
 */

/** Fewest and most digits a phone number has (E.164 allows 15; 7 covers local numbers). */
const MIN_PHONE_DIGITS = 7;
const MAX_PHONE_DIGITS = 15;
/** Payment card numbers (PAN) have 13 to 19 digits and pass the Luhn check. */
const MIN_CARD_DIGITS = 13;
const MAX_CARD_DIGITS = 19;
/** At most this many separator characters between two digits of one number ("555) 123"). */
const MAX_SEPARATOR_RUN = 2;

/** Tested only on a short candidate (at most 15 digits), never on the whole text. */
const DIGIT = '[0-9\\u0660-\\u0669\\u06F0-\\u06F9]';
const DATE_LIKE = new RegExp(
  `^(?:${DIGIT}{4}[-/.]${DIGIT}{1,2}[-/.]${DIGIT}{1,2}|${DIGIT}{1,2}[-/.]${DIGIT}{1,2}[-/.]${DIGIT}{2,4})$`,
);

/**
 * `text` with emails, card numbers and phone numbers replaced by placeholders. Idempotent, and
 * linear in the length of `text`.
 *
 * @example
 * redactPii('call me on +44 7700 900123 or a@b.co') // → 'call me on [phone] or [email]'
 * redactPii('card 4111 1111 1111 1111, order 1234567812345678') // → 'card [card], order 1234567812345678'
 */
export function redactPii(text: string): string {
  return redactNumbers(redactEmails(text), true);
}

/**
 * `text` with only payment card numbers replaced by `[card]`: for tickets, where staff need the
 * customer's phone number and email but never a card number.
 */
export function redactCardNumbers(text: string): string {
  return redactNumbers(text, false);
}

/** True when `digits` (ASCII 0-9) passes the Luhn checksum. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return digits.length > 0 && sum % 10 === 0;
}

// ---------------------------------------------------------------------------------------------
// Emails: local@label(.label)*.tld, the TLD starting with at least two letters
// ---------------------------------------------------------------------------------------------

function redactEmails(text: string): string {
  let out = '';
  let copied = 0; // text before this index is already in `out`
  let at = text.indexOf('@');
  while (at !== -1) {
    // Local part: the characters before '@' (it cannot reach back past the previous '@').
    let start = at;
    while (start > copied && isLocalChar(text.charCodeAt(start - 1))) start--;
    const end = start < at ? domainEnd(text, at + 1) : -1;
    if (end === -1) {
      at = text.indexOf('@', at + 1);
      continue;
    }
    out += text.slice(copied, start) + '[email]';
    copied = end;
    at = text.indexOf('@', end);
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/**
 * End (exclusive) of the longest domain starting at `from`: labels of [A-Za-z0-9-], the last one
 * counted up to its leading letters, which must be at least two. -1 when there is none.
 */
function domainEnd(text: string, from: number): number {
  let end = -1;
  let labelStart = from;
  let labels = 0;
  for (let i = from; ; i++) {
    const c = i < text.length ? text.charCodeAt(i) : -1;
    if (isDomainChar(c)) continue;
    if (i === labelStart) return end; // an empty label ends the domain
    if (labels > 0) {
      let letters = labelStart;
      while (letters < i && isAsciiLetter(text.charCodeAt(letters))) letters++;
      if (letters - labelStart >= 2) end = letters;
    }
    labels++;
    if (c !== 0x2e /* . */) return end;
    labelStart = i + 1;
  }
}

// ---------------------------------------------------------------------------------------------
// Numbers: runs of digits with at most two separators between any two digits
// ---------------------------------------------------------------------------------------------

interface DigitGroup {
  start: number;
  end: number;
  digits: string;
}

function redactNumbers(text: string, phones: boolean): string {
  let out = '';
  let copied = 0;
  let i = 0;
  while (i < text.length) {
    if (digitValue(text.charCodeAt(i)) < 0) {
      i++;
      continue;
    }
    const groups = readRun(text, i);
    const last = groups[groups.length - 1] as DigitGroup;
    i = last.end;
    // A number glued to a word ("SM1234567", "555abc") is part of that word, not a number.
    if (isWordChar(text.charCodeAt(last.end))) groups.pop();
    if (groups.length > 0 && gluedBefore(text, (groups[0] as DigitGroup).start, copied)) {
      groups.shift();
    }
    for (const span of numberSpans(text, groups, copied)) {
      if (!phones && span.placeholder === '[phone]') continue;
      out += text.slice(copied, span.start) + span.placeholder;
      copied = span.end;
    }
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** The digit groups of the run starting at digit `from`. */
function readRun(text: string, from: number): DigitGroup[] {
  const groups: DigitGroup[] = [];
  let i = from;
  for (;;) {
    const start = i;
    let digits = '';
    for (let d = digitValue(text.charCodeAt(i)); d >= 0; d = digitValue(text.charCodeAt(++i))) {
      digits += String.fromCharCode(48 + d);
    }
    groups.push({ start, end: i, digits });
    let j = i;
    while (j < text.length && j - i <= MAX_SEPARATOR_RUN && isSeparator(text.charCodeAt(j))) j++;
    if (j - i > MAX_SEPARATOR_RUN || j === i || digitValue(text.charCodeAt(j)) < 0) return groups;
    i = j;
  }
}

interface Span {
  start: number;
  end: number;
  placeholder: string;
}

/**
 * What to replace in one run: the whole run as a card or a phone number; or, in a run too long
 * for one number, every card-shaped window of whole groups (at most 19 digits each, so this
 * stays linear) and, between them, what is left judged as a phone number on its own.
 */
function numberSpans(text: string, groups: DigitGroup[], copied: number): Span[] {
  const whole = wholeRunSpan(text, groups, copied);
  if (whole !== undefined || digitCount(groups) <= MAX_PHONE_DIGITS) return whole ? [whole] : [];
  const spans: Span[] = [];
  let rest = 0; // first group not yet replaced or judged
  for (let a = 0; a < groups.length; a++) {
    const b = cardWindowEnd(groups, a);
    if (b < 0) continue;
    const before = wholeRunSpan(text, groups.slice(rest, a), spans.at(-1)?.end ?? copied);
    if (before) spans.push(before);
    const from = (groups[a] as DigitGroup).start;
    spans.push({ start: from, end: (groups[b] as DigitGroup).end, placeholder: '[card]' });
    rest = b + 1;
    a = b;
  }
  if (rest > 0) {
    const after = wholeRunSpan(text, groups.slice(rest), spans.at(-1)?.end ?? copied);
    if (after) spans.push(after);
  }
  return spans;
}

/** The run as one card or phone number, or undefined. */
function wholeRunSpan(text: string, groups: DigitGroup[], copied: number): Span | undefined {
  const first = groups[0];
  const last = groups[groups.length - 1];
  if (!first || !last) return undefined;
  const digits = groups.map((g) => g.digits).join('');
  const start = prefixStart(text, first.start, copied);
  if (isCard(digits)) return { start, end: last.end, placeholder: '[card]' };
  if (digits.length < MIN_PHONE_DIGITS || digits.length > MAX_PHONE_DIGITS) return undefined;
  if (DATE_LIKE.test(text.slice(start, last.end).trim())) return undefined;
  return { start, end: last.end, placeholder: '[phone]' };
}

function digitCount(groups: DigitGroup[]): number {
  return groups.reduce((n, g) => n + g.digits.length, 0);
}

/**
 * The last group of the first card-shaped window of groups starting at `a`, or -1. The Luhn sum
 * is kept for both parities as digits are added, so each window costs nothing extra to check.
 */
function cardWindowEnd(groups: DigitGroup[], a: number): number {
  let plainEven = 0;
  let plainOdd = 0;
  let doubledEven = 0;
  let doubledOdd = 0;
  let length = 0;
  for (let b = a; b < groups.length; b++) {
    const digits = (groups[b] as DigitGroup).digits;
    if (length + digits.length > MAX_CARD_DIGITS) return -1;
    for (let k = 0; k < digits.length; k++) {
      const d = digits.charCodeAt(k) - 48;
      const doubled = d > 4 ? d * 2 - 9 : d * 2;
      if (length % 2 === 0) {
        plainEven += d;
        doubledEven += doubled;
      } else {
        plainOdd += d;
        doubledOdd += doubled;
      }
      length++;
    }
    if (length < MIN_CARD_DIGITS) continue;
    // Counting from the right, every second digit is doubled; the last digit never is.
    const sum = length % 2 === 1 ? plainEven + doubledOdd : plainOdd + doubledEven;
    if (sum % 10 === 0) return b;
  }
  return -1;
}

function isCard(digits: string): boolean {
  return digits.length >= MIN_CARD_DIGITS && digits.length <= MAX_CARD_DIGITS && passesLuhn(digits);
}

/**
 * True when the digit at `start` continues a word ("A1", "x+1") rather than starting a number.
 * A leading "+", "(" or "(+" (optionally followed by a space) belongs to the number itself.
 */
function gluedBefore(text: string, start: number, copied: number): boolean {
  const from = prefixStart(text, start, copied);
  if (from !== start) return false;
  const before = text.charCodeAt(start - 1);
  return isWordChar(before) || before === 0x2b; /* + */
}

/** Where the number starting at digit `start` begins: before a `+`, `(`, `(+` prefix if any. */
function prefixStart(text: string, start: number, copied: number): number {
  // The prefixes `+`, `+ `, `(`, `( `, `(+`, `( +`, longest first.
  const candidates = ['( +', '(+', '+ ', '( ', '+', '('];
  for (const prefix of candidates) {
    const from = start - prefix.length;
    if (from < copied) continue;
    let ok = true;
    for (let k = 0; k < prefix.length && ok; k++) {
      const c = text.charCodeAt(from + k);
      ok = prefix[k] === ' ' ? isSpace(c) : c === prefix.charCodeAt(k);
    }
    if (!ok) continue;
    const before = from > 0 ? text.charCodeAt(from - 1) : -1;
    if (isWordChar(before) || before === 0x2b) continue;
    return from;
  }
  return start;
}

// ---------------------------------------------------------------------------------------------
// Character classes (by code unit; NaN past the end of the text counts as nothing)
// ---------------------------------------------------------------------------------------------

/** 0–9 for Western, Arabic-Indic (U+0660…) and Eastern Arabic-Indic (U+06F0…) digits; else -1. */
function digitValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x660 && c <= 0x669) return c - 0x660;
  if (c >= 0x6f0 && c <= 0x6f9) return c - 0x6f0;
  return -1;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

function isWordChar(c: number): boolean {
  return isAsciiLetter(c) || c === 0x5f /* _ */ || digitValue(c) >= 0;
}

function isDomainChar(c: number): boolean {
  return isAsciiLetter(c) || (c >= 0x30 && c <= 0x39) || c === 0x2d; /* - */
}

function isLocalChar(c: number): boolean {
  // [A-Za-z0-9._%+-]
  return isDomainChar(c) || c === 0x2e || c === 0x5f || c === 0x25 || c === 0x2b;
}

const SPACE = /\s/;

function isSpace(c: number): boolean {
  if (c === 0x20 || (c >= 0x09 && c <= 0x0d)) return true;
  return c > 0x7f && SPACE.test(String.fromCharCode(c));
}

/** Whitespace, parentheses, dots and hyphens may sit between the digits of one number. */
function isSeparator(c: number): boolean {
  return c === 0x28 || c === 0x29 || c === 0x2e || c === 0x2d || isSpace(c);
}
