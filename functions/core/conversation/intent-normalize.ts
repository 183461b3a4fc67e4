/**
 * Text normalisation for intent matching (English and Arabic): case, Arabic diacritics and
 * letter variants, punctuation, emoji and drawn-out letters ("hiiii", "شكراااا") all fold away,
 * so phrase tables can be written once in their plain form.
 */

/** Arabic harakat, tanween, shadda, sukun, superscript alef and tatweel. */
const ARABIC_MARKS = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]/g;
/** Arabic-Indic and Persian digits → ASCII. */
const ARABIC_DIGITS = /[\u0660-\u0669\u06F0-\u06F9]/g;

/**
 * Normalises `text` for phrase matching: NFKC, lower case, Arabic marks removed, alef forms →
 * ا, ى → ي, ة → ه, ؤ → و, ئ → ي, digits → ASCII, apostrophes dropped ("don't" → "dont"),
 * anything not a letter or digit → space, letters repeated 3+ times → one.
 *
 * @example normalizeForIntent('شكراً جزيلاً!!') === 'شكرا جزيلا'
 */
export function normalizeForIntent(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(ARABIC_MARKS, '')
    .replace(/[أإآٱ]/g, 'ا')
    .replace(/ى/g, 'ي')
    .replace(/ة/g, 'ه')
    .replace(/ؤ/g, 'و')
    .replace(/ئ/g, 'ي')
    .replace(ARABIC_DIGITS, (d) => String((d.codePointAt(0) ?? 0) & 0xf))
    .replace(/['’‘`´]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .replace(/(\p{L})\1{2,}/gu, '$1')
    .trim()
    .replace(/\s+/g, ' ');
}

/** Normalised tokens of `text`. */
export function intentTokens(text: string): string[] {
  const normalized = normalizeForIntent(text);
  return normalized === '' ? [] : normalized.split(' ');
}
