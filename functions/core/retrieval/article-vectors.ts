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
import { grownFloat64, grownInt32 } from './grown-array.ts';
import { PairTable } from './pair-table.ts';
import type { SparseScores } from './sparse-scores.ts';

export interface ArticleVectors {
  /** feature → flat pairs [articleIndex, weight×1000, …] (article vectors are unit length). */
  postings: PairTable;
  /** Inverse document frequency ×1000 (over articles) of each postings key, in key order. */
  idf: Int32Array;
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

/**
 * Receives a text's features in order, each as the key `prefix + source.slice(from, to)`
 * ("w:" + stem or "c:" + n-gram) with its weight; a feature met again adds to its weight.
 */
interface FeatureSink {
  add(prefix: string, source: string, from: number, to: number, weight: number): void;
}

const STEM = 'w:';
const GRAM = 'c:';

/**
 * Feeds `sink` the features of one text: word stems (content / stop: `content` lists or holds
 * the content stems), then the character n-grams of its words. textFeatures' bag and the
 * question scorer's scratch are filled by this one walk, so they hold the same features in the
 * same order.
 */
function walkFeatures(
  text: string,
  all: readonly string[],
  content: ReadonlySet<string> | readonly string[],
  maxWords: number,
  sink: FeatureSink,
): void {
  for (let k = 0; k < all.length; k++) {
    const t = all[k] as string;
    const isContent = isList(content) ? content.includes(t) : content.has(t);
    sink.add(STEM, t, 0, t.length, isContent ? 1 : STOP_WEIGHT);
  }
  const words = normalizeArabic(text.normalize('NFKC').toLowerCase())
    .replace(/['’`]/g, '')
    .split(WORD_SPLIT);
  let seen = 0;
  for (let k = 0; k < words.length; k++) {
    const word = words[k] as string;
    if (!word || word.length > MAX_GRAM_WORD) continue;
    if (++seen > maxWords) break;
    const padded = `#${word}#`;
    const w = CHAR_WEIGHT / Math.max(1, gramCount(padded.length) / 3);
    for (let n = GRAM_MIN; n <= GRAM_MAX; n++) {
      for (let i = 0; i + n <= padded.length; i++) sink.add(GRAM, padded, i, i + n, w);
    }
  }
}

function isList(content: ReadonlySet<string> | readonly string[]): content is readonly string[] {
  return Array.isArray(content);
}

class BagSink implements FeatureSink {
  readonly bag: FeatureBag = new Map();

  add(prefix: string, source: string, from: number, to: number, weight: number): void {
    const k = prefix + source.slice(from, to);
    this.bag.set(k, (this.bag.get(k) ?? 0) + weight);
  }
}

/** Features of one text: word stems (content / stop), and character n-grams of its words. */
export function textFeatures(
  text: string,
  stems: { terms: string[]; all: string[] },
  maxWords = 400,
): FeatureBag {
  const sink = new BagSink();
  walkFeatures(text, stems.all, new Set(stems.terms), maxWords, sink);
  return sink.bag;
}

/** Number of character n-grams (GRAM_MIN ≤ n ≤ GRAM_MAX) of a padded word of `length`. */
function gramCount(length: number): number {
  let count = 0;
  for (let n = GRAM_MIN; n <= GRAM_MAX; n++) count += Math.max(0, length - n + 1);
  return count;
}

/**
 * Builds the profiles one article at a time: `add` keeps each article's bags compactly (feature
 * numbers and weights in typed arrays, each feature string once), so a large collection's bags
 * never live as millions of map entries; `build` weighs them once every document frequency is
 * known. `questions` are the feature bags of the article's questions and title; `body` the bag
 * of its text (used alone when it lists no questions, at a small weight else).
 */
export class ArticleVectorsBuilder {
  private readonly ids = new Map<string, number>();
  private readonly names: string[] = [];
  private df: Int32Array = new Int32Array(1024);
  private readonly articles: {
    features: Int32Array;
    weights: Float64Array;
    /** End (exclusive) of each bag in `features`; the body bag is the last one. */
    ends: Int32Array;
  }[] = [];

  add(questions: FeatureBag[], body: FeatureBag | undefined): void {
    const bags = [...questions, body ?? new Map<string, number>()];
    let size = 0;
    for (const b of bags) size += b.size;
    const features = new Int32Array(size);
    const weights = new Float64Array(size);
    const ends = new Int32Array(bags.length);
    const seen = new Set<number>();
    let at = 0;
    bags.forEach((bag, i) => {
      for (const [f, w] of bag) {
        const id = this.idOf(f);
        features[at] = id;
        weights[at++] = w;
        if (!seen.has(id)) {
          seen.add(id);
          this.df[id] = (this.df[id] as number) + 1;
        }
      }
      ends[i] = at;
    });
    this.articles.push({ features, weights, ends });
  }

  private idOf(feature: string): number {
    let id = this.ids.get(feature);
    if (id === undefined) {
      id = this.names.length;
      this.ids.set(feature, id);
      this.names.push(feature);
      if (id >= this.df.length) {
        const grown = new Int32Array(this.df.length * 2);
        grown.set(this.df);
        this.df = grown;
      }
    }
    return id;
  }

  build(): ArticleVectors {
    const n = this.articles.length;
    const idfOf = (id: number): number => Math.log(1 + n / ((this.df[id] as number) || 0.5));
    const postings = new Map<string, number[]>();
    this.articles.forEach(({ features, weights, ends }, a) => {
      const centroid = new Map<number, number>();
      const addInto = (from: number, to: number, scale: number): void => {
        // Log-scaled term frequency × idf, unit length (as the question's, scoreArticleVectors).
        let norm = 0;
        const ws: number[] = [];
        for (let j = from; j < to; j++) {
          const tf = weights[j] as number;
          const w = (tf >= 1 ? 1 + Math.log(tf) : tf) * idfOf(features[j] as number);
          ws.push(w);
          norm += w * w;
        }
        norm = Math.sqrt(norm) || 1;
        for (let j = from; j < to; j++) {
          const f = features[j] as number;
          centroid.set(f, (centroid.get(f) ?? 0) + ((ws[j - from] as number) / norm) * scale);
        }
      };
      const questions = ends.length - 1;
      const hasQuestions = questions > 1;
      let from = 0;
      for (let q = 0; q < questions; q++) {
        addInto(from, ends[q] as number, 1 / Math.max(1, questions));
        from = ends[q] as number;
      }
      const bodyEnd = ends[questions] as number;
      if (bodyEnd > from) addInto(from, bodyEnd, hasQuestions ? BODY_WEIGHT : 1);
      let norm = 0;
      for (const w of centroid.values()) norm += w * w;
      norm = Math.sqrt(norm) || 1;
      // Only an article's strongest features are kept: the long tail of body n-grams each adds
      // almost nothing to a cosine but most of the artifact's size.
      const kept = [...centroid.entries()]
        .map(([f, w]) => [this.names[f] as string, Math.round((w / norm) * 1000)] as const)
        .filter(([, q]) => q >= MIN_WEIGHT)
        .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
        .slice(0, MAX_FEATURES);
      for (const [f, q] of kept) {
        let list = postings.get(f);
        if (!list) postings.set(f, (list = []));
        list.push(a, q);
      }
    });
    const table = PairTable.fromRecord(postings);
    const idf = new Int32Array(table.size);
    let i = 0;
    for (const [f] of table.entries()) {
      const id = this.ids.get(f);
      idf[i++] = Math.round((id === undefined ? Math.log(1 + n / 0.5) : idfOf(id)) * 1000);
    }
    return { postings: table, idf, unknownIdf: Math.round(Math.log(1 + n / 0.5) * 1000) };
  }
}

/** The profiles of a whole collection at once (see ArticleVectorsBuilder). */
export function buildArticleVectors(questions: FeatureBag[][], body: FeatureBag[]): ArticleVectors {
  const builder = new ArticleVectorsBuilder();
  questions.forEach((qs, a) => builder.add(qs, body[a]));
  return builder.build();
}

/**
 * Per-question scratch of one profile table, reused across questions: the question's distinct
 * features in the order first met (each as its key's parts: prefix, source string and range,
 * never the key itself), their summed weights, and an open-addressing hash of them; then each
 * one's postings position and weight. Owned by the table's ArticleVectors; the scorer is
 * synchronous, so one question has it to itself.
 */
class FeatureScratch implements FeatureSink {
  count = 0;
  prefixes: string[] = [];
  sources: string[] = [];
  from = new Int32Array(256);
  to = new Int32Array(256);
  hashes = new Int32Array(256);
  tf = new Float64Array(256);
  positions = new Int32Array(256);
  weights = new Float64Array(256);
  /** Feature + 1 per slot, 0 when empty (a power-of-two size, at most half full). */
  private slots = new Int32Array(512);

  /** Forget the last question's features (their slots only: the cost of the last question). */
  clear(): void {
    const mask = this.slots.length - 1;
    for (let f = 0; f < this.count; f++) {
      let slot = (this.hashes[f] as number) & mask;
      while (this.slots[slot] !== f + 1) slot = (slot + 1) & mask;
      this.slots[slot] = 0;
    }
    this.count = 0;
  }

  add(prefix: string, source: string, from: number, to: number, weight: number): void {
    let h = 0x811c9dc5;
    for (let i = 0; i < prefix.length; i++) h = Math.imul(h ^ prefix.charCodeAt(i), 0x01000193);
    for (let i = from; i < to; i++) h = Math.imul(h ^ source.charCodeAt(i), 0x01000193);
    const mask = this.slots.length - 1;
    let slot = h & mask;
    for (let f = (this.slots[slot] as number) - 1; f >= 0; f = (this.slots[slot] as number) - 1) {
      if (this.hashes[f] === h && this.same(f, prefix, source, from, to)) {
        this.tf[f] = (this.tf[f] as number) + weight;
        return;
      }
      slot = (slot + 1) & mask;
    }
    const f = this.count++;
    if (f >= this.from.length) this.grow();
    this.prefixes[f] = prefix;
    this.sources[f] = source;
    this.from[f] = from;
    this.to[f] = to;
    this.hashes[f] = h;
    this.tf[f] = 0 + weight;
    if (2 * this.count > this.slots.length) this.rehash();
    else this.slots[slot] = f + 1;
  }

  /** Whether feature `f` is the key `prefix + source.slice(from, to)`. */
  private same(f: number, prefix: string, source: string, from: number, to: number): boolean {
    const at = this.from[f] as number;
    const length = (this.to[f] as number) - at;
    if (this.prefixes[f] !== prefix || length !== to - from) return false;
    const other = this.sources[f] as string;
    for (let i = 0; i < length; i++) {
      if (other.charCodeAt(at + i) !== source.charCodeAt(from + i)) return false;
    }
    return true;
  }

  private grow(): void {
    const length = 2 * this.from.length;
    this.from = grownInt32(this.from, length);
    this.to = grownInt32(this.to, length);
    this.hashes = grownInt32(this.hashes, length);
    this.tf = grownFloat64(this.tf, length);
    this.positions = new Int32Array(length);
    this.weights = new Float64Array(length);
  }

  /** Slots for twice the features, every feature placed again. */
  private rehash(): void {
    this.slots = new Int32Array(2 * this.slots.length);
    const mask = this.slots.length - 1;
    for (let f = 0; f < this.count; f++) {
      let slot = (this.hashes[f] as number) & mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
      this.slots[slot] = f + 1;
    }
  }
}

const scratches = new WeakMap<ArticleVectors, FeatureScratch>();

function scratchOf(vectors: ArticleVectors): FeatureScratch {
  let scratch = scratches.get(vectors);
  if (!scratch) scratches.set(vectors, (scratch = new FeatureScratch()));
  return scratch;
}

/**
 * Cosine of the question's bag with every article's profile, into `scores` (cleared first;
 * articles sharing no feature score 0). Features in more than `maxShare` of the articles, or
 * in more than `maxArticles`, only count in the norm: the cost is bounded per feature.
 * The question is weighted as the profiles are: log-scaled term frequency × idf, unit length.
 */
export function scoreArticleVectors(
  vectors: ArticleVectors,
  bag: FeatureBag,
  articles: number,
  scores: SparseScores,
  maxShare = 0.3,
  maxArticles = Infinity,
): SparseScores {
  const scratch = scratchOf(vectors);
  scratch.clear();
  for (const [f, tf] of bag) scratch.add('', f, 0, f.length, tf);
  return scoreScratch(vectors, scratch, articles, scores, maxShare, maxArticles);
}

/**
 * scoreArticleVectors of `textFeatures(text, stems, maxWords)`, the same to the last bit,
 * without building the bag: the question's features go to the table's scratch (no key string,
 * no map per question) and are looked up in place.
 */
export function scoreTextVectors(
  vectors: ArticleVectors,
  text: string,
  stems: { terms: string[]; all: string[] },
  maxWords: number,
  articles: number,
  scores: SparseScores,
  maxShare = 0.3,
  maxArticles = Infinity,
): SparseScores {
  const scratch = scratchOf(vectors);
  scratch.clear();
  walkFeatures(text, stems.all, stems.terms, maxWords, scratch);
  return scoreScratch(vectors, scratch, articles, scores, maxShare, maxArticles);
}

/** The cosine of the features in `scratch` (in the order first met) with every profile. */
function scoreScratch(
  vectors: ArticleVectors,
  scratch: FeatureScratch,
  articles: number,
  scores: SparseScores,
  maxShare: number,
  maxArticles: number,
): SparseScores {
  scores.clear();
  const { count, positions, weights, tf: tfs, prefixes, sources, from, to } = scratch;
  const postings = vectors.postings;
  let norm = 0;
  for (let k = 0; k < count; k++) {
    const tf = tfs[k] as number;
    const source = sources[k] as string;
    const i = postings.indexOfJoined(
      prefixes[k] as string,
      source,
      from[k] as number,
      to[k] as number,
    );
    const idf = (i >= 0 ? (vectors.idf[i] as number) : vectors.unknownIdf) / 1000;
    const w = (tf >= 1 ? 1 + Math.log(tf) : tf) * idf;
    positions[k] = i;
    weights[k] = w;
    norm += w * w;
  }
  norm = Math.sqrt(norm) || 1;
  const maxLen = 2 * Math.min(Math.max(20, maxShare * articles), maxArticles);
  for (let k = 0; k < count; k++) {
    const i = positions[k] as number;
    if (i < 0) continue;
    if (2 * postings.rowLength(i) > maxLen) continue;
    const w = (weights[k] as number) / norm;
    const length = postings.decodeRow(i);
    const list = postings.rowBuffer;
    for (let j = 0; j < length; j += 2) {
      scores.add(list[j] as number, (w * (list[j + 1] as number)) / 1000);
    }
  }
  return scores;
}
