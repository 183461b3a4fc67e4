/**
 * A linear classifier from a question's words to the article it asks for, learned at build time
 * from each article's `questions` (and title) and stored in the artifact. Features are word
 * stems (stop words included) and adjacent stem pairs; weights come from a few epochs of
 * softmax regression by SGD (seeded shuffle: the same articles give the same model), and small
 * weights are pruned so the artifact stays small. At query time the score of each article is
 * the sum of its weights over the question's features, divided by √(feature count).
 *
 * Training cost is linear in the collection: with up to EXACT_CLASSES articles the softmax runs
 * over every article (the cost per example is bounded by that constant); above it, over the
 * example's own article and CANDIDATE_CLASSES others: those that share the most specific
 * features with it (hard negatives) and a seeded random sample (sampled softmax), so an example
 * costs the same at 1,000 or 100,000 articles. Scoring touches only the weights of the question's features.
 */
import { PairTable } from './pair-table.ts';
import type { SparseScores } from './sparse-scores.ts';
import type { CommonRows } from './common-rows.ts';
import { valueOf } from './common-rows.ts';

export interface QuestionClassifier {
  /** feature → flat pairs [articleIndex, weight×1000, articleIndex, weight×1000, …]. */
  weights: PairTable;
}

export interface TrainingExample {
  /** Every word's stem in text order (AnalyzedText.all). */
  stems: string[];
  article: number;
}

const EPOCHS = 10;
const RATE = 0.5;
const L2 = 1e-5;
const PRUNE = 0.05;
const SCALE = 1000;
/** Up to this many articles, every example's softmax runs over all of them. */
export const EXACT_CLASSES = 256;
/** Above EXACT_CLASSES: the negatives of one example, and how many of them are hard ones. */
const CANDIDATE_CLASSES = 48;
const HARD_NEGATIVES = 32;
/** Above EXACT_CLASSES: size of the hashed weight table (a power of two; 32 MiB). */
const HASH_SLOTS = 1 << 23;
/** Above EXACT_CLASSES: features of more articles than this pick no negatives (no signal). */
const SPECIFIC_FEATURE_CLASSES = 50;

/** Distinct features of a stem sequence: the stems and each adjacent pair. */
export function classifierFeatures(stems: string[]): string[] {
  const features = new Set<string>(stems);
  for (let i = 0; i + 1 < stems.length; i++) features.add(`${stems[i]} ${stems[i + 1]}`);
  return [...features];
}

function shuffled(n: number, seed: number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  let s = seed;
  for (let i = n - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = Math.floor((s / 2147483648) * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  return order;
}

/** Train on the examples; `articles` is the number of classes. */
export function trainQuestionClassifier(
  examples: TrainingExample[],
  articles: number,
): QuestionClassifier {
  const weights =
    articles <= EXACT_CLASSES ? trainExact(examples, articles) : trainSampled(examples);
  return { weights: PairTable.fromRecord(weights) };
}

/** Softmax over every article (dense weights: articles ≤ EXACT_CLASSES). */
function trainExact(examples: TrainingExample[], articles: number): Map<string, number[]> {
  const dense = new Map<string, Float64Array>();
  const rows = examples
    .map((e) => ({
      ws: classifierFeatures(e.stems).map((f) => {
        let w = dense.get(f);
        if (!w) dense.set(f, (w = new Float64Array(articles)));
        return w;
      }),
      y: e.article,
    }))
    .filter((r) => r.ws.length > 0);
  const z = new Float64Array(articles);
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    const rate = RATE / (1 + epoch);
    for (const i of shuffled(rows.length, epoch + 1)) {
      const { ws, y } = rows[i] as (typeof rows)[number];
      z.fill(0);
      for (const w of ws)
        for (let c = 0; c < articles; c++) z[c] = (z[c] as number) + (w[c] as number);
      let max = -Infinity;
      for (let c = 0; c < articles; c++) max = Math.max(max, z[c] as number);
      let sum = 0;
      for (let c = 0; c < articles; c++) sum += z[c] = Math.exp((z[c] as number) - max);
      const step = rate / Math.sqrt(ws.length);
      const decay = 1 - rate * L2;
      for (let c = 0; c < articles; c++) {
        const g = step * ((z[c] as number) / sum - (c === y ? 1 : 0));
        for (const w of ws) w[c] = (w[c] as number) * decay - g;
      }
    }
  }
  const out = new Map<string, number[]>();
  for (const [f, w] of dense) {
    const pairs: number[] = [];
    for (let c = 0; c < articles; c++) {
      const v = w[c] as number;
      if (Math.abs(v) >= PRUNE) pairs.push(c, Math.round(v * SCALE));
    }
    if (pairs.length > 0) out.set(f, pairs);
  }
  return out;
}

/**
 * Softmax over each example's article and its hard negatives (sparse weights): the articles
 * sharing the example's most specific features, the rarer the feature the stronger its vote.
 */
function trainSampled(examples: TrainingExample[]): Map<string, number[]> {
  const rows = examples
    .map((e) => ({ fs: classifierFeatures(e.stems), y: e.article }))
    .filter((r) => r.fs.length > 0);
  const classesOf = new Map<string, Set<number>>();
  for (const { fs, y } of rows) {
    for (const f of fs) {
      let s = classesOf.get(f);
      if (!s) classesOf.set(f, (s = new Set()));
      s.add(y);
    }
  }
  let classes = 1;
  for (const r of rows) classes = Math.max(classes, r.y + 1);
  const candidates = rows.map(({ fs, y }, i) => {
    const votes = new Map<number, number>();
    for (const f of fs) {
      const s = classesOf.get(f) as Set<number>;
      if (s.size > SPECIFIC_FEATURE_CLASSES) continue;
      for (const c of s) if (c !== y) votes.set(c, (votes.get(c) ?? 0) + 1 / s.size);
    }
    const negatives = new Set(
      [...votes.entries()]
        .sort((a, b) => b[1] - a[1] || a[0] - b[0])
        .slice(0, HARD_NEGATIVES)
        .map(([c]) => c),
    );
    // The rest are drawn at random (seeded by the example): the model must also learn to
    // tell the article from articles that share only common words with it.
    let seed = i + 1;
    for (
      let draws = 0;
      negatives.size < CANDIDATE_CLASSES && draws < 4 * CANDIDATE_CLASSES;
      draws++
    ) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      const c = Math.floor((seed / 2147483648) * classes);
      if (c !== y) negatives.add(c);
    }
    return [y, ...[...negatives].sort((a, b) => a - b)];
  });
  // Weights live in one fixed-size table addressed by a hash of (feature, article): memory
  // stays flat whatever the collection (rare collisions only add a little noise).
  const featureIds = new Map<string, number>();
  const exampleFeatures = rows.map(({ fs }) =>
    Int32Array.from(fs, (f) => {
      let id = featureIds.get(f);
      if (id === undefined) featureIds.set(f, (id = featureIds.size));
      return id;
    }),
  );
  const w = new Float32Array(HASH_SLOTS);
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    const rate = RATE / (1 + epoch);
    for (const i of shuffled(rows.length, epoch + 1)) {
      const cs = candidates[i] as number[];
      const fs = exampleFeatures[i] as Int32Array;
      const m = cs.length;
      const z = new Float64Array(m);
      for (const f of fs) {
        for (let j = 0; j < m; j++)
          z[j] = (z[j] as number) + (w[slot(f, cs[j] as number)] as number);
      }
      let max = -Infinity;
      for (let j = 0; j < m; j++) max = Math.max(max, z[j] as number);
      let sum = 0;
      for (let j = 0; j < m; j++) sum += z[j] = Math.exp((z[j] as number) - max);
      const step = rate / Math.sqrt(fs.length);
      const decay = 1 - rate * L2;
      for (let j = 0; j < m; j++) {
        const g = step * ((z[j] as number) / sum - (j === 0 ? 1 : 0));
        for (const f of fs) {
          const at = slot(f, cs[j] as number);
          w[at] = (w[at] as number) * decay - g;
        }
      }
    }
  }
  // The weights an example touched, per feature, pruned as in the exact model.
  const examplesOf: number[][] = Array.from({ length: featureIds.size }, () => []);
  exampleFeatures.forEach((fs, i) => {
    for (const f of fs) (examplesOf[f] as number[]).push(i);
  });
  const out = new Map<string, number[]>();
  for (const [feature, f] of featureIds) {
    const classes = new Set<number>();
    for (const i of examplesOf[f] as number[])
      for (const c of candidates[i] as number[]) classes.add(c);
    const pairs: number[] = [];
    for (const c of [...classes].sort((a, b) => a - b)) {
      const v = w[slot(f, c)] as number;
      if (Math.abs(v) >= PRUNE) pairs.push(c, Math.round(v * SCALE));
    }
    if (pairs.length > 0) out.set(feature, pairs);
  }
  return out;
}

/** Slot of the weight of (feature id, article) in the hashed table. */
function slot(feature: number, article: number): number {
  let h = Math.imul(feature, 0x9e3779b1) ^ Math.imul(article + 0x7f4a7c15, 0x85ebca6b);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h & (HASH_SLOTS - 1);
}

/**
 * A question's classifier scores (scoreClassifier). Methods, not closures: the per-article loops
 * call them for every article touched, and inlined they box no number per call.
 */
export class ClassifierScores {
  /** Softmax maximum and denominator over every article (exact logits: `probability`). */
  private readonly max: number;
  private readonly sum: number;

  constructor(
    /** Per-article sum of weights (the training logits), for the articles touched. */
    readonly logits: SparseScores,
    /** √(feature count): logits / norm are comparable across question lengths, for ranking. */
    readonly norm: number,
    /** The common features' mean weight sum: the logit of an article no feature names. */
    readonly commonMean: number,
    /** The rows of the common features (left out of `logits`). */
    private readonly common: Int32Array[],
    articles: number,
  ) {
    const values = logits.values;
    const touched = logits.count;
    const untouched = articles - touched;
    // As `logit(a)` of each touched article (inexact: the common features' mean).
    let top = untouched > 0 ? commonMean : -Infinity;
    for (let t = 0; t < touched; t++) {
      top = Math.max(top, (values[logits.touchedAt(t)] as number) + commonMean);
    }
    let total = untouched * Math.exp(commonMean - top);
    for (let t = 0; t < touched; t++) {
      total += Math.exp((values[logits.touchedAt(t)] as number) + commonMean - top);
    }
    this.max = top;
    this.sum = total || 1;
  }

  /** Whether the question has common features (`logit` exact and mean then differ). */
  get hasCommon(): boolean {
    return this.common.length > 0;
  }

  /**
   * The logit of `article`: its sum in `logits` plus the common features' weights, exactly
   * (`exact`) or as their mean over the collection.
   */
  logit(article: number, exact = false): number {
    let c = 0;
    if (!exact) c = this.commonMean;
    else {
      const common = this.common;
      for (let i = 0; i < common.length; i++) {
        c += (valueOf(common[i] as Int32Array, article) ?? 0) / SCALE;
      }
    }
    return (this.logits.values[article] as number) + c;
  }

  /** Softmax of the logits over every article: `probability(article)` (exact logit). */
  probability(article: number): number {
    return Math.exp(this.logit(article, true) - this.max) / this.sum;
  }
}

/**
 * Classifier logits of a question (its stems in text order), into `logits` (cleared first).
 * Cost: the weights of the question's features; articles no feature names have logit 0.
 * Features weighted for more than `maxArticles` articles are left out of the per-article pass
 * (common-rows.ts: `rows` holds them, `logit` adds them). The features are classifierFeatures'
 * in its order, read in place: no key string, set or list per question.
 */
export function scoreClassifier(
  model: QuestionClassifier,
  stems: string[],
  articles: number,
  logits: SparseScores,
  maxArticles = Infinity,
  rows?: CommonRows,
): ClassifierScores {
  logits.clear();
  const common: Int32Array[] = [];
  const weights = model.weights;
  const spaced = hasSpace(stems);
  const features = spaced ? classifierFeatures(stems) : undefined;
  let count = 0;
  let meanSum = 0;
  const size = features ? features.length : 2 * stems.length - 1;
  for (let k = 0; k < size; k++) {
    let position: number;
    if (features) position = weights.indexOf(features[k] as string);
    else if (k < stems.length) {
      // The stem, unless an earlier one is the same.
      if (seenBefore(stems, k, 1)) continue;
      position = weights.indexOf(stems[k] as string);
    } else {
      // The pair of stems i and i + 1 ("a b": neither has a space), unless met before.
      const i = k - stems.length;
      if (seenBefore(stems, i, 2)) continue;
      const first = stems[i] as string;
      position = weights.indexOfJoined(first, ' ', 0, 1, stems[i + 1] as string);
    }
    count++;
    if (position < 0) continue;
    if (rows && weights.rowLength(position) > maxArticles) {
      common.push(rows.row(position));
      meanSum += rows.sum(position, 'w', perMille) / Math.max(1, articles);
      continue;
    }
    const length = weights.decodeRow(position);
    const pairs = weights.rowBuffer;
    for (let i = 0; i < length; i += 2) {
      logits.add(pairs[i] as number, (pairs[i + 1] as number) / SCALE);
    }
  }
  const norm = Math.sqrt(Math.max(1, count));
  return new ClassifierScores(logits, norm, meanSum, common, articles);
}

function perMille(w: number): number {
  return w / SCALE;
}

/** Whether any stem has a space (then a pair of stems could read as another feature). */
function hasSpace(stems: string[]): boolean {
  for (let i = 0; i < stems.length; i++) if ((stems[i] as string).includes(' ')) return true;
  return false;
}

/** Whether the `width` stems from `at` appeared in that order before `at`. */
function seenBefore(stems: string[], at: number, width: number): boolean {
  for (let j = 0; j < at; j++) {
    let same = true;
    for (let d = 0; d < width && same; d++) same = stems[j + d] === stems[at + d];
    if (same) return true;
  }
  return false;
}
