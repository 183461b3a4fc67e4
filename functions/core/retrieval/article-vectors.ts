/**
 * A sparse TF-IDF profile of each article over word stems and character n-grams, learned at
 * build time (the centroid of its listed questions and title; the body when it lists none) and
 * compared with the question by cosine similarity. Character n-grams let variants meet that
 * stemming misses: misspellings, Arabic clitics and dialect spellings ("لإرجاع" ~ "ارجاع").
 * The cosine is absolute evidence: a question full of words the collection never saw scores
 * low against every article, whatever their ranking. Build and query are linear in the
 * collection; features found in most articles are skipped at query time (little signal, long
 * postings) but still count in the question's norm.
 */
import { normalizeArabic } from './normalize-arabic.ts';

export interface ArticleVectors {
  /** feature → flat pairs [articleIndex, weight×1000, …] (article vectors are unit length). */
  postings: Record<string, number[]>;
  /** feature → inverse document frequency ×1000 (over articles). */
  idf: Record<string, number>;
  /** IDF of a feature no article has (×1000). */
  unknownIdf: number;
}

/** Weight of stop-word stems, character n-grams (per word, shared by its n-grams). */
const STOP_WEIGHT = 0.3;
const CHAR_WEIGHT = 0.6;
const GRAM_MIN = 3;
const GRAM_MAX = 5;
/** Characters of a word that produce n-grams (long "words" are not language). */
const MAX_GRAM_WORD = 24;
/** Weight of the body next to the questions in an article's profile. */
const BODY_WEIGHT = 0.3;
/** Kept per article: features of at least this weight (×1000), at most this many. */
const MIN_WEIGHT = 15;
const MAX_FEATURES = 300;

const WORD_SPLIT = /[^\p{L}\p{N}]+/u;

export type FeatureBag = Map<string, number>;

/** Features of one text: word stems (content / stop), and character n-grams of its words. */
export function textFeatures(
  text: string,
  stems: { terms: string[]; all: string[] },
  maxWords = 400,
): FeatureBag {
  const bag: FeatureBag = new Map();
  const add = (k: string, w: number): void => {
    bag.set(k, (bag.get(k) ?? 0) + w);
  };
  const content = new Set(stems.terms);
  for (const t of stems.all) add(`w:${t}`, content.has(t) ? 1 : STOP_WEIGHT);
  const words = normalizeArabic(text.normalize('NFKC').toLowerCase())
    .replace(/['’`]/g, '')
    .split(WORD_SPLIT);
  let seen = 0;
  for (const word of words) {
    if (!word || word.length > MAX_GRAM_WORD) continue;
    if (++seen > maxWords) break;
    const padded = `#${word}#`;
    const grams: string[] = [];
    for (let n = GRAM_MIN; n <= GRAM_MAX; n++) {
      for (let i = 0; i + n <= padded.length; i++) grams.push(padded.slice(i, i + n));
    }
    const w = CHAR_WEIGHT / Math.max(1, grams.length / 3);
    for (const g of grams) add(`c:${g}`, w);
  }
  return bag;
}

function weighted(bag: FeatureBag, idf: (f: string) => number): FeatureBag {
  const out: FeatureBag = new Map();
  let norm = 0;
  for (const [f, tf] of bag) {
    const w = (tf >= 1 ? 1 + Math.log(tf) : tf) * idf(f);
    out.set(f, w);
    norm += w * w;
  }
  norm = Math.sqrt(norm) || 1;
  for (const [f, w] of out) out.set(f, w / norm);
  return out;
}

/**
 * Build the profiles. `questions[a]` are the feature bags of article a's questions and title;
 * `body[a]` the bag of its text (used alone when it lists no questions, at a small weight else).
 */
export function buildArticleVectors(questions: FeatureBag[][], body: FeatureBag[]): ArticleVectors {
  const n = questions.length;
  const df = new Map<string, number>();
  const seen = (bags: FeatureBag[]): Set<string> => {
    const s = new Set<string>();
    for (const b of bags) for (const f of b.keys()) s.add(f);
    return s;
  };
  const articleFeatures = questions.map((qs, a) => seen([...qs, body[a] ?? new Map()]));
  for (const fs of articleFeatures) for (const f of fs) df.set(f, (df.get(f) ?? 0) + 1);
  const idfOf = (f: string): number => Math.log(1 + n / (df.get(f) ?? 0.5));
  const postings = new Map<string, number[]>();
  questions.forEach((qs, a) => {
    const centroid: FeatureBag = new Map();
    const addInto = (v: FeatureBag, scale: number): void => {
      for (const [f, w] of v) centroid.set(f, (centroid.get(f) ?? 0) + w * scale);
    };
    const b = body[a];
    const hasQuestions = qs.length > 1;
    for (const q of qs) addInto(weighted(q, idfOf), 1 / Math.max(1, qs.length));
    if (b && b.size > 0) addInto(weighted(b, idfOf), hasQuestions ? BODY_WEIGHT : 1);
    let norm = 0;
    for (const w of centroid.values()) norm += w * w;
    norm = Math.sqrt(norm) || 1;
    // Only an article's strongest features are kept: the long tail of body n-grams each adds
    // almost nothing to a cosine but most of the artifact's size.
    const kept = [...centroid.entries()]
      .map(([f, w]) => [f, Math.round((w / norm) * 1000)] as const)
      .filter(([, q]) => q >= MIN_WEIGHT)
      .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
      .slice(0, MAX_FEATURES);
    for (const [f, q] of kept) {
      let list = postings.get(f);
      if (!list) postings.set(f, (list = []));
      list.push(a, q);
    }
  });
  const out: ArticleVectors = { postings: {}, idf: {}, unknownIdf: Math.round(idfOf('') * 1000) };
  for (const f of [...postings.keys()].sort()) {
    out.postings[f] = postings.get(f) as number[];
    out.idf[f] = Math.round(idfOf(f) * 1000);
  }
  return out;
}

/**
 * Cosine of the question's bag with every article's profile. Features in more than
 * `maxShare` of the articles only count in the norm.
 */
export function scoreArticleVectors(
  vectors: ArticleVectors,
  bag: FeatureBag,
  articles: number,
  maxShare = 0.3,
): Float64Array {
  const scores = new Float64Array(articles);
  const idf = (f: string): number =>
    (Object.hasOwn(vectors.idf, f) ? (vectors.idf[f] as number) : vectors.unknownIdf) / 1000;
  const q = weighted(bag, idf);
  const maxLen = 2 * Math.max(20, maxShare * articles);
  for (const [f, w] of q) {
    if (!Object.hasOwn(vectors.postings, f)) continue;
    const list = vectors.postings[f] as number[];
    if (list.length > maxLen) continue;
    for (let i = 0; i < list.length; i += 2) {
      const a = list[i] as number;
      scores[a] = (scores[a] as number) + (w * (list[i + 1] as number)) / 1000;
    }
  }
  return scores;
}
