/**
 * Text → index terms, the same for articles and questions. Each word is handled by its script:
 * Arabic words are normalised and light-stemmed (and also root-stemmed by lunr-languages for a
 * secondary field), other words are lower-cased and Porter-stemmed. Stop words are dropped.
 * The output is plain strings, never Lunr query syntax.
 */
import { lightStemArabic, normalizeArabic } from './normalize-arabic.ts';
import { stemEnglish } from './lunr-setup.ts';
import { ARABIC_STOP_WORDS, ENGLISH_STOP_WORDS } from './stop-words.ts';

export interface AnalyzedText {
  /** Main terms, in text order (duplicates kept: they are term frequency). */
  terms: string[];
  /** Every word's stem, stop words included. The article language models score these. */
  all: string[];
}

const ARABIC_LETTER = /[\u0621-\u064A]/;
const WORD_SPLIT = /[^\p{L}\p{N}]+/u;
const stemCache = new Map<string, string>();
const MAX_STEM_LENGTH = 40;

function stemWord(word: string): string {
  const cached = stemCache.get(word);
  if (cached !== undefined) return cached;
  const stem = ARABIC_LETTER.test(word) ? lightStemArabic(word) : stemEnglish(word);
  if (stemCache.size < 50_000) stemCache.set(word, stem);
  return stem;
}

/**
 * Analyse text into terms; at most `maxWords` words are looked at (bounds long questions).
 */
export function analyzeText(text: string, maxWords = Infinity): AnalyzedText {
  const words = normalizeArabic(text.normalize('NFKC').toLowerCase())
    .replace(/['’`]/g, '')
    .split(WORD_SPLIT);
  const terms: string[] = [];
  const all: string[] = [];
  let seen = 0;
  for (const word of words) {
    if (!word) continue;
    if (++seen > maxWords) break;
    // A "word" longer than any real one is kept as it is (stemmers can be slow on them).
    const stem = word.length > MAX_STEM_LENGTH ? word.slice(0, MAX_STEM_LENGTH) : stemWord(word);
    if (!stem) continue;
    all.push(stem);
    if (ENGLISH_STOP_WORDS.has(word) || ARABIC_STOP_WORDS.has(word)) continue;
    terms.push(stem);
  }
  return { terms, all };
}
