/**
 * Groups similar questions (pure, deterministic): each text becomes a TF-IDF vector of the
 * retrieval analyser's terms (English stop words dropped, Arabic roots added), and questions are
 * taken oldest first, each joining the most similar cluster (cosine to the cluster's centroid)
 * when that similarity reaches the threshold, else starting a new cluster.
 */
import { analyzeText } from '../retrieval/analyze-text.ts';
import { ENGLISH_STOP_WORDS } from '../retrieval/stop-words.ts';

export interface ClusterInput {
  /** Unique and stable: it breaks ties, so the same input always gives the same clusters. */
  id: string;
  text: string;
  /** ISO time; questions are taken oldest first. */
  at: string;
}

export interface Cluster<T extends ClusterInput> {
  members: T[];
  /** The cluster's most weighted terms (stems), for a label. */
  terms: string[];
}

/** Cosine similarity at which a question joins a cluster. */
export const DEFAULT_CLUSTER_THRESHOLD = 0.35;
const MAX_WORDS = 60;
/**
 * IDF is computed as if this many unrelated questions were also present: in a small set the
 * words a topic shares are frequent by construction, and plain IDF would punish exactly them.
 */
const BACKGROUND_QUESTIONS = 50;

type Vector = Map<string, number>;

/** The terms clustering compares: the retrieval analyser's stems, without English stop words. */
export function clusterTerms(text: string): string[] {
  const words = text
    .toLowerCase()
    .split(/[^\p{L}\p{N}'’]+/u)
    .filter((w) => w && !ENGLISH_STOP_WORDS.has(w.replace(/['’]/g, '')));
  return analyzeText(words.join(' '), MAX_WORDS).terms;
}

/**
 * Clusters `items` by meaning; clusters come back in order of creation.
 *
 * @example
 * clusterQuestions([{ id: '1', at, text: 'refund not received' }, { id: '2', at, text: 'where is my refund' }])
 * // → one cluster with both
 */
export function clusterQuestions<T extends ClusterInput>(
  items: T[],
  threshold = DEFAULT_CLUSTER_THRESHOLD,
): Cluster<T>[] {
  const ordered = [...items].sort((a, b) => cmp(a.at, b.at) || cmp(a.id, b.id));
  const termLists = ordered.map((item) => clusterTerms(item.text));
  const documentFrequency = new Map<string, number>();
  for (const terms of termLists) {
    for (const term of new Set(terms))
      documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  }
  const n = ordered.length;
  const vectors = termLists.map((terms) => {
    const v: Vector = new Map();
    for (const term of terms) v.set(term, (v.get(term) ?? 0) + 1);
    for (const [term, tf] of v)
      v.set(
        term,
        tf * Math.log(1 + (n + BACKGROUND_QUESTIONS) / (documentFrequency.get(term) ?? 1)),
      );
    return normalize(v);
  });

  const clusters: { members: T[]; centroid: Vector; norm: number }[] = [];
  const byTerm = new Map<string, Set<number>>(); // term → clusters whose centroid has it
  ordered.forEach((item, i) => {
    const vector = vectors[i]!;
    let best = -1;
    let bestScore = 0;
    const candidates = new Set<number>();
    for (const term of vector.keys()) for (const c of byTerm.get(term) ?? []) candidates.add(c);
    for (const c of [...candidates].sort((a, b) => a - b)) {
      const cluster = clusters[c]!;
      let dot = 0;
      for (const [term, w] of vector) dot += w * (cluster.centroid.get(term) ?? 0);
      const score = cluster.norm > 0 ? dot / cluster.norm : 0;
      if (score > bestScore + 1e-12) {
        best = c;
        bestScore = score;
      }
    }
    if (best < 0 || bestScore < threshold) {
      best = clusters.length;
      clusters.push({ members: [], centroid: new Map(), norm: 0 });
    }
    const cluster = clusters[best]!;
    cluster.members.push(item);
    for (const [term, w] of vector) {
      cluster.centroid.set(term, (cluster.centroid.get(term) ?? 0) + w);
      let set = byTerm.get(term);
      if (!set) byTerm.set(term, (set = new Set()));
      set.add(best);
    }
    cluster.norm = Math.hypot(...cluster.centroid.values());
  });

  return clusters.map((c) => ({
    members: c.members,
    terms: [...c.centroid]
      .sort((a, b) => b[1] - a[1] || cmp(a[0], b[0]))
      .slice(0, 5)
      .map(([term]) => term),
  }));
}

function normalize(v: Vector): Vector {
  const norm = Math.hypot(...v.values());
  if (norm > 0) for (const [term, w] of v) v.set(term, w / norm);
  return v;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
