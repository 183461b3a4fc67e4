/**
 * The words one language's articles use (normalised surface forms, with counts), and the
 * lookups the question rewriter needs against them: exact membership, spelling neighbours
 * (Damerau distance 1 through a symmetric-delete map: insertions, deletions, substitutions,
 * adjacent transpositions, doubled letters) and, for Arabic, a consonant-skeleton map that lets
 * Arabizi ("7sabi") meet the Arabic script ("حسابي"). The maps are built lazily on first use
 * and every lookup does a bounded amount of work whatever the input.
 */
import { arabicSkeleton } from './arabizi.ts';

/** Words shorter than this are never corrected (too many neighbours). */
const MIN_FUZZY_LENGTH = 4;
/** Words this short are corrected for dropped, doubled or swapped letters, not changed ones. */
const SHORT_WORD = 4;
/** Words longer than this are not words; they are never corrected. */
export const MAX_WORD_LENGTH = 24;

export class Vocabulary {
  private readonly counts: Map<string, number>;
  private deletes?: Map<string, string[]>;
  private skeletons?: Map<string, string[]>;

  constructor(words: Record<string, number>) {
    this.counts = new Map(Object.entries(words));
  }

  has(word: string): boolean {
    return this.counts.has(word);
  }

  count(word: string): number {
    return this.counts.get(word) ?? 0;
  }

  /**
   * The collection's most frequent word within Damerau distance 1 of `word` (ties: the
   * lexicographically first), or undefined. Digits-only and very short or long words are
   * never corrected.
   */
  correct(word: string): string | undefined {
    if (word.length < MIN_FUZZY_LENGTH || word.length > MAX_WORD_LENGTH || /^\d+$/.test(word)) {
      return undefined;
    }
    const map = this.deleteMap();
    const found = new Set<string>();
    for (const key of [word, ...deletions(word)]) {
      for (const candidate of map.get(key) ?? []) found.add(candidate);
    }
    let best: string | undefined;
    for (const candidate of found) {
      // Real typos keep the first letter; "router" is not a misspelling of "outer", nor
      // "القاهره" (Cairo) of "الظاهره" (the first letter after the Arabic article counts).
      if (
        candidate === word ||
        firstLetter(candidate) !== firstLetter(word) ||
        !withinOneEdit(word, candidate)
      ) {
        continue;
      }
      // A short word with one letter changed is more often another word ("info" ≠ "into").
      if (
        word.length <= SHORT_WORD &&
        candidate.length === word.length &&
        !isSwap(word, candidate)
      ) {
        continue;
      }
      if (
        !best ||
        this.count(candidate) > this.count(best) ||
        (this.count(candidate) === this.count(best) && candidate < best)
      ) {
        best = candidate;
      }
    }
    return best;
  }

  /** Arabic words whose consonant skeleton is `skeleton`, most frequent first (at most 3). */
  bySkeleton(skeleton: string): string[] {
    if (!this.skeletons) {
      this.skeletons = new Map();
      for (const word of this.counts.keys()) {
        const s = arabicSkeleton(word);
        if (s.length < 2) continue;
        let list = this.skeletons.get(s);
        if (!list) this.skeletons.set(s, (list = []));
        list.push(word);
      }
      for (const list of this.skeletons.values()) {
        list.sort((x, y) => this.count(y) - this.count(x) || (x < y ? -1 : 1));
      }
    }
    return (this.skeletons.get(skeleton) ?? []).slice(0, 3);
  }

  private deleteMap(): Map<string, string[]> {
    if (this.deletes) return this.deletes;
    const map = new Map<string, string[]>();
    const add = (key: string, word: string): void => {
      const list = map.get(key);
      if (list) list.push(word);
      else map.set(key, [word]);
    };
    for (const word of this.counts.keys()) {
      if (word.length < MIN_FUZZY_LENGTH - 1 || word.length > MAX_WORD_LENGTH) continue;
      add(word, word);
      for (const d of new Set(deletions(word))) add(d, word);
    }
    this.deletes = map;
    return map;
  }
}

function firstLetter(word: string): string | undefined {
  return word.startsWith('ال') && word.length > 4 ? word[2] : word[0];
}

function isSwap(a: string, b: string): boolean {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}

function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/** Optimal string alignment distance ≤ 1 (one insertion, deletion, substitution or swap). */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
