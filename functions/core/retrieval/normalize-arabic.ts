/**
 * Arabic normalisation and a light stemmer (after Larkey et al.'s Light10), applied before
 * indexing and querying so that spelling variants meet: diacritics and tatweel go, alef forms
 * unify (أ إ آ ٱ → ا), ى → ي, ة → ه, ؤ → و, ئ → ي, Arabic-Indic digits → ASCII. The light stem
 * removes the article and attached particles (وال، بال، كال، فال، لل، ال، و) and common suffixes
 * only when enough of the word remains; it never strips a lone ب/ل/ف, which start many nouns.
 */

const DIACRITICS = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]/g;

export function normalizeArabic(text: string): string {
  return text
    .replace(DIACRITICS, '')
    .replace(/[أإآٱ]/g, 'ا')
    .replace(/ى/g, 'ي')
    .replace(/ة/g, 'ه')
    .replace(/ؤ/g, 'و')
    .replace(/ئ/g, 'ي')
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06f0));
}

const PREFIXES = ['وال', 'بال', 'كال', 'فال', 'لل', 'ال'];
const SUFFIXES = [
  'هما',
  'كما',
  'ها',
  'ان',
  'ات',
  'ون',
  'ين',
  'يه',
  'يا',
  'نا',
  'كم',
  'هم',
  'ه',
  'ي',
  'ك',
];
/** A taa of a feminine noun before a pronoun (بطاقتي ← بطاقه + ي): strip both. */
const TAA_PRONOUN = ['تها', 'تهم', 'تكم', 'تنا', 'تي', 'تك', 'ته'];

/** Light stem of one normalised Arabic word. */
export function lightStemArabic(word: string): string {
  let w = word;
  if (w.length > 3 && w.startsWith('و')) w = w.slice(1);
  for (const p of PREFIXES) {
    if (w.startsWith(p) && w.length - p.length >= 2) {
      w = w.slice(p.length);
      break;
    }
  }
  for (const s of TAA_PRONOUN) {
    if (w.endsWith(s) && w.length - s.length >= 3) return w.slice(0, -s.length);
  }
  for (const s of SUFFIXES) {
    if (w.endsWith(s) && w.length - s.length >= 3) {
      w = w.slice(0, -s.length);
      break;
    }
  }
  return w;
}
