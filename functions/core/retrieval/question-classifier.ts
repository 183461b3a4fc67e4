/**
 * A linear classifier from a question's words to the article it asks for, learned at build time
 * from each article's `questions` (and title) and stored in the artifact. Features are word
 * stems (stop words included) and adjacent stem pairs; weights come from a few epochs of
 * softmax regression by SGD (seeded shuffle: the same articles give the same model), and small
 * weights are pruned so the artifact stays small. At query time the score of each article is
 * the sum of its weights over the question's features, divided by √(feature count).
 */

export interface QuestionClassifier {
  /** feature → flat pairs [articleIndex, weight, articleIndex, weight, …]. */
  weights: Record<string, number[]>;
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
  const weights: Record<string, number[]> = {};
  for (const f of [...dense.keys()].sort()) {
    const w = dense.get(f) as Float64Array;
    const pairs: number[] = [];
    for (let c = 0; c < articles; c++) {
      const v = w[c] as number;
      if (Math.abs(v) >= PRUNE) pairs.push(c, Math.round(v * 1000) / 1000);
    }
    if (pairs.length > 0) weights[f] = pairs;
  }
  return { weights };
}

export interface ClassifierScores {
  /** Per-article sum of weights (the training logits). */
  logits: Float64Array;
  /** Logits divided by √(feature count): comparable across question lengths, for ranking. */
  scores: Float64Array;
  /** Softmax of the logits: the classifier's probability of each article. */
  probs: Float64Array;
}

/** Classifier scores of a question (its stems in text order) for every article. */
export function scoreClassifier(
  model: QuestionClassifier,
  stems: string[],
  articles: number,
): ClassifierScores {
  const logits = new Float64Array(articles);
  const features = classifierFeatures(stems);
  for (const f of features) {
    if (!Object.hasOwn(model.weights, f)) continue;
    const pairs = model.weights[f] as number[];
    for (let i = 0; i < pairs.length; i += 2) {
      const a = pairs[i] as number;
      logits[a] = (logits[a] as number) + (pairs[i + 1] as number);
    }
  }
  const norm = Math.sqrt(Math.max(1, features.length));
  const scores = logits.map((v) => v / norm);
  let max = -Infinity;
  for (const v of logits) max = Math.max(max, v);
  const probs = logits.map((v) => Math.exp(v - max));
  const sum = probs.reduce((x, y) => x + y, 0) || 1;
  for (let a = 0; a < articles; a++) probs[a] = (probs[a] as number) / sum;
  return { logits, scores, probs };
}
