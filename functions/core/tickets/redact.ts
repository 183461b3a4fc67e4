/**
 * Defensive redaction of personal data before anything is logged or stored in the session log:
 * email addresses become `[email]` and phone numbers `[phone]`. Western and Arabic-Indic digits
 * are both recognised; dates and short numbers (order numbers, codes) are left alone.
 */

const DIGIT = '[0-9\\u0660-\\u0669\\u06F0-\\u06F9]';
const NOT_AFTER = '(?<![A-Za-z0-9_\\u0660-\\u0669\\u06F0-\\u06F9+])';
const NOT_BEFORE = '(?![A-Za-z0-9_\\u0660-\\u0669\\u06F0-\\u06F9])';

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
/** An optional +, then digits with at most two separators (space . - ( )) between any two. */
const PHONE = new RegExp(
  `${NOT_AFTER}(?:\\+\\s?|\\(\\s?\\+?)?${DIGIT}(?:[\\s().-]{0,2}${DIGIT})+${NOT_BEFORE}`,
  'g',
);
const DIGITS = new RegExp(DIGIT, 'g');
const DATE_LIKE = new RegExp(
  `^(?:${DIGIT}{4}[-/.]${DIGIT}{1,2}[-/.]${DIGIT}{1,2}|${DIGIT}{1,2}[-/.]${DIGIT}{1,2}[-/.]${DIGIT}{2,4})$`,
);

/** Fewest and most digits a phone number has (E.164 allows 15; 7 covers local numbers). */
const MIN_PHONE_DIGITS = 7;
const MAX_PHONE_DIGITS = 15;

/**
 * `text` with emails and phone numbers replaced by placeholders.
 *
 * @example
 * redactPii('call me on +44 7700 900123 or a@b.co') // → 'call me on [phone] or [email]'
 */
export function redactPii(text: string): string {
  return text.replace(EMAIL, '[email]').replace(PHONE, (match) => {
    const digits = match.match(DIGITS)?.length ?? 0;
    if (digits < MIN_PHONE_DIGITS || digits > MAX_PHONE_DIGITS) return match;
    if (DATE_LIKE.test(match.trim())) return match;
    return '[phone]';
  });
}
