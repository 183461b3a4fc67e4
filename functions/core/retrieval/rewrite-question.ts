/**
 * A customer's words → the words the articles use, before analysis. Each word the collection
 * does not know is tried, in order, as: a dialect word (dialect-words.ts); an Arabic word with an
 * attached conjunction or preposition (و ف ب ل ك, "لإرجاع" → "ارجاع") that the collection knows
 * once removed; a dialect verb form ("بتشحنوا" → "نشحن", dialect-verbs.ts); a misspelling of
 * a collection word (Damerau distance 1). What stays unknown is reported: unknown content words
 * count against answering ("do you sell *telescopes*"), and one that names another company
 * ("cancel my *netflix*", other-companies.ts) counts as if no word of the question were known.
 * The work is bounded: at most `maxWords` words and `maxCorrections` spelling look-ups.
 */
import { ARABIZI_WORDS, arabicSkeleton, arabiziSkeletons } from './arabizi.ts';
import { DIALECT_WORDS } from './dialect-words.ts';
import { dialectVerbForms } from './dialect-verbs.ts';
import { normalizeArabic } from './normalize-arabic.ts';
import { OTHER_COMPANIES } from './other-companies.ts';
import { PLACES } from './places.ts';
import { ARABIC_CLITICS } from './word-lexicon.ts';
import { PRODUCTS } from './products.ts';
import { ARABIC_STOP_WORDS, ENGLISH_STOP_WORDS } from './stop-words.ts';
import type { Vocabulary } from './vocabulary.ts';
import { MAX_WORD_LENGTH } from './vocabulary.ts';

export interface RewrittenQuestion {
  /** The question as words the collection may know, space-separated. */
  text: string;
  /** Content words no article uses (after every rewrite). */
  unknown: string[];
  /** Unknown words that name another company ("netflix"): strong evidence against answering. */
  otherCompanies: string[];
  /** Content words in the question. */
  content: number;
  /** What was changed, for the explanation ("chraged → charged"). */
  changes: string[];
  /** Words read as misspellings of collection words (weaker evidence than an exact word). */
  corrected: number;
  /**
   * Countries, cities (places.ts) and products (products.ts) no article names: half the
   * evidence against answering that another unknown word is.
   */
  named: number;
}

export interface RewriteOptions {
  maxWords: number;
  maxCorrections: number;
}

const WORD = /[\p{L}\p{N}]+/gu;
const ARABIC = /[\u0621-\u064A]/;

function isStop(word: string): boolean {
  return ENGLISH_STOP_WORDS.has(word) || ARABIC_STOP_WORDS.has(word);
}

/** Words of a question, normalised as the analyser does (lower case, Arabic normalised). */
export function questionWords(text: string, maxWords: number): string[] {
  const words: string[] = [];
  const normalised = normalizeArabic(text.normalize('NFKC').toLowerCase()).replace(/['’`]/g, '');
  for (const match of normalised.matchAll(WORD)) {
    words.push(match[0]);
    if (words.length >= maxWords) break;
  }
  return words;
}

/** Rewrite the question's words against one language's vocabulary. */
export function rewriteQuestion(
  text: string,
  vocabulary: Vocabulary,
  options: RewriteOptions,
): RewrittenQuestion {
  const out: string[] = [];
  const unknown: string[] = [];
  const otherCompanies: string[] = [];
  const changes: string[] = [];
  let content = 0;
  let lookups = 0;
  let corrected = 0;
  let named = 0;
  for (const word of questionWords(text, options.maxWords)) {
    if (isStop(word) || /^\d+$/.test(word)) {
      out.push(word);
      continue;
    }
    const conjoined = withoutConjunction(word);
    if (conjoined !== undefined && ARABIC_STOP_WORDS.has(conjoined)) {
      out.push(conjoined);
      continue;
    }
    content++;
    if (vocabulary.has(word)) {
      out.push(word);
      continue;
    }
    const dialect = DIALECT_WORDS.get(word);
    if (dialect) {
      out.push(dialect);
      changes.push(`${word} → ${dialect}`);
      continue;
    }
    if (ARABIC.test(word)) {
      const stripped =
        stripClitic(word, vocabulary) ??
        dialectVerb(word, vocabulary) ??
        (conjoined === undefined ? undefined : dialectVerb(conjoined, vocabulary));
      if (stripped) {
        out.push(stripped);
        changes.push(`${word} → ${stripped}`);
        continue;
      }
    }
    // A place or product the articles do not name: neither unknown nor corrected.
    if (PLACES.has(word) || PRODUCTS.has(word)) {
      named++;
      out.push(word);
      continue;
    }
    if (word.length <= MAX_WORD_LENGTH && lookups < options.maxCorrections) {
      lookups++;
      const correction = vocabulary.correct(word);
      if (correction) {
        corrected++;
        out.push(correction);
        changes.push(`${word} → ${correction}`);
        continue;
      }
    }
    const split = splitRunTogether(word, vocabulary);
    if (split) {
      corrected++;
      out.push(split);
      changes.push(`${word} → ${split}`);
      continue;
    }
    const frame = misspeltStopWord(word);
    if (frame) {
      content--;
      out.push(frame);
      changes.push(`${word} → ${frame}`);
      continue;
    }
    unknown.push(word);
    if (OTHER_COMPANIES.has(word)) otherCompanies.push(word);
    out.push(word);
  }
  return { text: out.join(' '), unknown, otherCompanies, content, changes, corrected, named };
}

/**
 * Misspellings of English stop words → the stop word: two neighbouring letters swapped ("waht",
 * "teh", "yuo") or, for stop words of four letters or more, one letter lost ("wher", "whn").
 * Changed or added letters are not listed: "car", "lake" and "note" are words, not "can",
 * "like" and "not". Built once (a few thousand entries); a lookup is one map access.
 */
const STOP_WORD_TYPOS: ReadonlyMap<string, string> = (() => {
  const typos = new Map<string, string>();
  for (const stop of ENGLISH_STOP_WORDS) {
    if (stop.length < 3) continue;
    for (let i = 0; i + 1 < stop.length; i++) {
      const swapped = stop.slice(0, i) + stop[i + 1] + stop[i] + stop.slice(i + 2);
      if (swapped !== stop && !typos.has(swapped)) typos.set(swapped, stop);
    }
    if (stop.length < 4) continue;
    for (let i = 0; i < stop.length; i++) {
      const lost = stop.slice(0, i) + stop.slice(i + 1);
      if (!typos.has(lost)) typos.set(lost, stop);
    }
  }
  for (const stop of ENGLISH_STOP_WORDS) typos.delete(stop);
  return typos;
})();

/**
 * An unknown English word that is a misspelt stop word (STOP_WORD_TYPOS): that stop word. A
 * misspelt frame word carries no topic, so it must not count as unknown. No company name.
 */
function misspeltStopWord(word: string): string | undefined {
  return OTHER_COMPANIES.has(word) ? undefined : STOP_WORD_TYPOS.get(word);
}

/** Latin words typed without their space ("trackmy", "myorder") are at most this long. */
const MAX_RUN_TOGETHER = 20;
/** Function words that get typed onto the next or previous word ("myorder", "trackmy"). */
const RUN_TOGETHER_WORDS: ReadonlySet<string> = new Set(
  'the my your our to of for and me'.split(' '),
);

/**
 * A function word typed onto a collection word ("trackmy order", "myrefund"): the first split
 * into one of RUN_TOGETHER_WORDS and a collection word of four letters or more, or undefined.
 * Two content words are never split: "constrain" is not "cons train", nor "hiring" "hi ring".
 * Latin script only; at most MAX_RUN_TOGETHER − 3 splits are tried.
 */
function splitRunTogether(word: string, vocabulary: Vocabulary): string | undefined {
  if (word.length < 6 || word.length > MAX_RUN_TOGETHER || !/^[a-z]+$/.test(word)) return undefined;
  const content = (w: string): boolean => w.length >= 4 && vocabulary.has(w);
  for (let i = 2; i <= word.length - 2; i++) {
    const left = word.slice(0, i);
    const right = word.slice(i);
    if (
      (RUN_TOGETHER_WORDS.has(left) && content(right)) ||
      (content(left) && RUN_TOGETHER_WORDS.has(right))
    ) {
      return `${left} ${right}`;
    }
  }
  return undefined;
}

/** An Arabic word without a leading "and"/"so" (و ف): "ومش" → "مش", "وبتبيعوها" → "بتبيعوها". */
function withoutConjunction(word: string): string | undefined {
  return (word.startsWith('و') || word.startsWith('ف')) && word.length >= 3
    ? word.slice(1)
    : undefined;
}

/** The word without an attached particle, when the collection knows what remains. */
function stripClitic(word: string, vocabulary: Vocabulary): string | undefined {
  for (const clitic of ARABIC_CLITICS) {
    if (!word.startsWith(clitic)) continue;
    const rest = (clitic === 'عال' ? 'ال' : '') + word.slice(clitic.length);
    if (rest.length < 3) continue;
    if (vocabulary.has(rest)) return rest;
    const withArticle = `ال${rest}`;
    if (vocabulary.has(withArticle)) return withArticle;
    const dialect = DIALECT_WORDS.get(rest);
    if (dialect) return dialect;
  }
  return undefined;
}

/** A dialect verb form ("بتشحنوا", "ماوصلنيش") whose MSA form the collection knows. */
function dialectVerb(word: string, vocabulary: Vocabulary): string | undefined {
  for (const form of dialectVerbForms(word)) {
    if (vocabulary.has(form)) return form;
    const dialect = DIALECT_WORDS.get(form);
    if (dialect) return dialect;
  }
  return undefined;
}

/**
 * An Arabizi question in Arabic script: function words from a table, other words replaced by
 * the collection's Arabic word with the same consonant skeleton (kept as they are when none).
 */
export function transliterateArabizi(
  text: string,
  vocabulary: Vocabulary,
  maxWords: number,
): { text: string; matched: number } {
  const out: string[] = [];
  let matched = 0;
  const words = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/’/g, "'")
    .split(/[^a-z0-9'\p{L}]+/u)
    .map((w) => w.replace(/^'+|'+$/g, ''))
    .filter(Boolean)
    .slice(0, maxWords);
  for (const word of words) {
    const known = Object.hasOwn(ARABIZI_WORDS, word) ? ARABIZI_WORDS[word] : undefined;
    if (known !== undefined) {
      if (known) out.push(known);
      continue;
    }
    if (word.length > MAX_WORD_LENGTH || !/^[a-z0-9']+$/.test(word)) {
      out.push(word);
      continue;
    }
    const found = arabiziToArabic(arabiziSkeletons(word), vocabulary);
    if (found) {
      matched++;
      out.push(found);
    } else {
      out.push(word);
    }
  }
  return { text: out.join(' '), matched };
}

/** Leading sound classes that are a dialect prefix (بـ حـ كـ) or an imperfect one (تـ نـ). */
const ARABIZI_PREFIXES = ['B', 'H', 'K', 'T', 'N'];
let dialectSkeletons: Map<string, string> | undefined;

/** Dialect word (the table's spelling) by consonant skeleton; the first listed wins. */
function dialectBySkeleton(skeleton: string): string | undefined {
  if (!dialectSkeletons) {
    dialectSkeletons = new Map();
    for (const word of DIALECT_WORDS.keys()) {
      const s = arabicSkeleton(word);
      if (s.length >= 3 && !dialectSkeletons.has(s)) dialectSkeletons.set(s, word);
    }
  }
  return dialectSkeletons.get(skeleton);
}

/**
 * The Arabic word for an Arabizi word's skeletons: a collection word, else a dialect word the
 * rewriter maps ("aghayar" → "اغير"), else either without a verb prefix ("btesha7no").
 */
function arabiziToArabic(skeletons: string[], vocabulary: Vocabulary): string | undefined {
  for (const skeleton of skeletons) {
    const found = vocabulary.bySkeleton(skeleton)[0] ?? dialectBySkeleton(skeleton);
    if (found) return found;
  }
  for (const skeleton of skeletons) {
    if (skeleton.length < 4 || !ARABIZI_PREFIXES.includes(skeleton[0] as string)) continue;
    const rest = skeleton.slice(1);
    const found = vocabulary.bySkeleton(rest)[0] ?? dialectBySkeleton(rest);
    if (found) return found;
  }
  return undefined;
}
