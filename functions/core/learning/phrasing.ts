/**
 * The normal form of a phrasing, so "How do I reset my password?" and "how do i reset my
 * password" count as one suggestion and match an article question written either way:
 * Unicode NFKC, lower case, Arabic spelling variants unified, punctuation dropped, spaces
 * collapsed.
 */
import { normalizeArabic } from '../retrieval/normalize-arabic.ts';

export function normalizePhrasing(text: string): string {
  return normalizeArabic(text.normalize('NFKC').toLowerCase())
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * True when a phrasing is worth adding to an article: it has at least two letters and is not a
 * bare choice ("2", "the second one" is caught upstream as a pick).
 */
export function isUsefulPhrasing(normalized: string): boolean {
  return (normalized.match(/\p{L}/gu)?.length ?? 0) >= 2;
}
