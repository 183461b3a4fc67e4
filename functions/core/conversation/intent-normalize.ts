/**
 * Text normalisation for intent matching (English and Arabic): case, Arabic diacritics and
 * letter variants, punctuation, emoji and drawn-out letters ("hiiii", "شكراااا") all fold away,
 * so phrase tables can be written once in their plain form.
 */

import { normalizeArabic } from '../retrieval/normalize-arabic.ts';

/**
 * Normalises `text` for phrase matching: NFKC, lower case, the retrieval Arabic normalisation
 * (marks and tatweel removed, alef forms → ا, ى → ي, ة → ه, ؤ → و, ئ → ي, digits → ASCII),
 * apostrophes dropped ("don't" → "dont"), anything not a letter or digit → space, letters
 * repeated 3+ times → one.
 *
 * @example normalizeForIntent('شكراً جزيلاً!!') === 'شكرا جزيلا'
 */
export function normalizeForIntent(text: string): string {
  return normalizeArabic(text.normalize('NFKC').toLowerCase())
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
