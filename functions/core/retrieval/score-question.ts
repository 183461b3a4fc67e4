/**
 * One question against one language's index: build a term query from analysed terms (never
 * from user text), let the top question hits vote for their article next to the best section
 * hit, add the article language model's and the question classifier's scores, and collect the
 * evidence the calibration needs for each candidate article.
 *
 * Cost: the postings of the question's terms and features, never a pass over every article.
 * The score-share and margin features still range over the whole collection: an article the
 * question touches nowhere scores its language-model background (which depends only on its
 * length), so those articles are summed from a per-index total and the best of them is the
 * shortest one not touched.
 */
import type { Features } from './calibration.ts';
import { lmScore, scoreLanguageModel } from './article-language-model.ts';
import { scoreArticleVectors } from './article-vectors.ts';
import type { FeatureBag } from './article-vectors.ts';
import { scoreClassifier } from './question-classifier.ts';
import type { LangIndex } from './index-artifact.ts';
import { DOC_STRIDE } from './index-artifact.ts';
import type { RetrievalParams } from './retrieval-params.ts';
import { SparseScores } from './sparse-scores.ts';
import { CommonRows } from './common-rows.ts';
import type { TermClause, TermResult } from './term-postings.ts';

export interface QueryTerms {
  /** Content terms (no stop words): queried in Lunr. */
  terms: string[];
  /** All terms, stop words included: scored by the article language models. */
  all: string[];
  /** All terms in text order (duplicates kept): scored by the question classifier. */
  sequence?: string[];
  /** Word-stem and character n-gram features, compared with the article profiles. */
  bag?: FeatureBag;
  /** Share of the question's content words that no article uses. */
  unknownShare?: number;
}

export interface ArticleEvidence {
  article: number;
  score: number;
  /** Section to show: the best-matching section when it clearly matched, else -1 (summary). */
  section: number;
  matchedTerms: string[];
  fields: string[];
  features: Features;
}

interface Tally {
  vote: number;
  bestSection: number;
  sectionScore: number;
  /** Weighted share of the question's terms the best section matched. */
  sectionCoverage: number;
  bestQuestionCoverage: number;
  voters: number;
  matched: Set<string>;
  fields: Set<string>;
}

const MAIN_FIELDS = ['question', 'title', 'heading', 'body'] as const;
/** With common terms: this many × `limit` of the best candidates are re-scored exactly. */
const EXACT_HEAD = 4;

function termWeight(index: LangIndex, term: string): number {
  return index.termWeights[term] ?? index.unknownTermWeight;
}

function weightOf(index: LangIndex, term: string, p: RetrievalParams): number {
  return Math.pow(termWeight(index, term), p.weightPower);
}

/** Reusable per-language scratch space and what is precomputed once per index. */
interface Workspace {
  lm: SparseScores;
  clf: SparseScores;
  vec: SparseScores;
  /** Per article, 0 between questions: marks the articles a question has already seen. */
  marks: Uint8Array;
  /** Long rows of the language model's and the classifier's tables (common-rows.ts). */
  lmRows: CommonRows;
  clfRows?: CommonRows;
  /** Articles by length, shortest first (ties: lower index): best background first. */
  byLength?: Int32Array;
  /** (mu, temperature) → Σ over articles of exp(temperature × background). */
  backgroundSums: Map<string, number>;
}

const workspaces = new WeakMap<LangIndex, Workspace>();

function workspaceOf(index: LangIndex): Workspace {
  let ws = workspaces.get(index);
  if (!ws) {
    const n = index.lm.lengths.length;
    ws = {
      lm: new SparseScores(n),
      clf: new SparseScores(n),
      vec: new SparseScores(n),
      marks: new Uint8Array(n),
      lmRows: new CommonRows(index.lm.postings),
      backgroundSums: new Map(),
    };
    workspaces.set(index, ws);
  }
  return ws;
}

/** Language-model score of an article the question shares no term with: log(µ / (len + µ)). */
function background(index: LangIndex, mu: number, article: number): number {
  return Math.log(mu / ((index.lm.lengths[article] as number) + mu));
}

function runQuery(index: LangIndex, query: QueryTerms, p: RetrievalParams): TermResult[] {
  // Only the most specific terms go to Lunr: its cost grows with the documents a term matches.
  // Terms found in most articles are left to the language model: cheap, and no signal here.
  const specific = query.terms
    .filter((t) => (index.docFreq[t] ?? 0) <= p.maxLunrDocs)
    .filter(
      (t) => index.termWeights[t] === undefined || weightOf(index, t, p) >= p.minLunrTermWeight,
    )
    .sort((x, y) => termWeight(index, y) - termWeight(index, x) || (x < y ? -1 : 1))
    .slice(0, index.classifier ? Math.min(p.maxLunrTerms, p.classifierLunrTerms) : p.maxLunrTerms);
  // A query without clauses counts as "all negated" in Lunr and matches every document.
  if (specific.length === 0) return [];
  const clauses: TermClause[] = [];
  for (const term of specific) {
    const w = weightOf(index, term, p);
    for (const field of MAIN_FIELDS) clauses.push({ term, field, boost: w * p.boosts[field] });
  }
  return index.postings.query(clauses);
}

/**
 * Indexes of the `k` highest positive scores, best first (ties: lower index), in one pass over
 * the scores: no sort of the whole collection on the per-question path.
 */
export function topPositive(scores: Float64Array, k: number): number[] {
  const top: number[] = [];
  for (let a = 0; a < scores.length; a++) {
    const s = scores[a] as number;
    if (s <= 0) continue;
    if (top.length === k && s <= (scores[top[k - 1] as number] as number)) continue;
    let i = top.length === k ? k - 1 : top.length;
    while (i > 0 && (scores[top[i - 1] as number] as number) < s) {
      top[i] = top[i - 1] as number;
      i--;
    }
    top[i] = a;
  }
  return top.slice(0, k);
}

/**
 * topPositive over the listed articles only (the others score 0), in any order: best first,
 * lower index on ties, without sorting the list.
 */
export function topPositiveOf(
  articles: readonly number[],
  score: (article: number) => number,
  k: number,
): number[] {
  const top: number[] = [];
  const scores: number[] = [];
  const before = (s: number, a: number, i: number): boolean =>
    s > (scores[i] as number) || (s === scores[i] && a < (top[i] as number));
  for (const a of articles) {
    const s = score(a);
    if (s <= 0) continue;
    if (top.length === k && !before(s, a, k - 1)) continue;
    let i = top.length === k ? k - 1 : top.length;
    while (i > 0 && before(s, a, i - 1)) {
      top[i] = top[i - 1] as number;
      scores[i] = scores[i - 1] as number;
      i--;
    }
    top[i] = a;
    scores[i] = s;
  }
  return top;
}

/** Rank the articles of one language for the analysed question, best first (at most `limit`). */
export function scoreQuestion(
  index: LangIndex,
  query: QueryTerms,
  p: RetrievalParams,
  limit: number,
): ArticleEvidence[] {
  const ws = workspaceOf(index);
  const results = query.terms.length > 0 ? runQuery(index, query, p) : [];
  const queryTerms = new Set(query.terms);
  const queryWeight = query.terms.reduce((sum, t) => sum + termWeight(index, t), 0) || 1;
  const tallies = new Map<number, Tally>();
  let questionRank = 0;
  let votersSeen = 0;
  for (const result of results) {
    const at = result.ref * DOC_STRIDE;
    if (at + DOC_STRIDE > index.docs.length) continue;
    const kind = index.docs[at] as number;
    const article = index.docs[at + 1] as number;
    const part = index.docs[at + 2] as number;
    const termCount = index.docs[at + 3] as number;
    let tally = tallies.get(article);
    const isVoter = kind === 1 && questionRank < p.voters;
    if (!tally) {
      if (kind === 1 && !isVoter) continue;
      tally = {
        vote: 0,
        bestSection: -1,
        sectionScore: 0,
        sectionCoverage: 0,
        bestQuestionCoverage: 0,
        voters: 0,
        matched: new Set(),
        fields: new Set(),
      };
      tallies.set(article, tally);
    }
    const matchedHere: string[] = [];
    for (const [term, byField] of Object.entries(result.metadata)) {
      const fields = Object.keys(byField as object);
      if (fields.length === 0) continue;
      matchedHere.push(term);
      if (queryTerms.has(term)) tally.matched.add(term);
      for (const f of fields) tally.fields.add(f);
    }
    if (kind === 1) {
      if (isVoter) {
        tally.vote += result.score * Math.pow(p.decay, questionRank);
        tally.voters++;
        votersSeen++;
      }
      questionRank++;
      const exact = matchedHere.filter((t) => queryTerms.has(t)).length;
      tally.bestQuestionCoverage = Math.max(
        tally.bestQuestionCoverage,
        exact / Math.max(1, termCount),
      );
    } else if (result.score > tally.sectionScore) {
      tally.sectionScore = result.score;
      tally.bestSection = part;
      const weight = matchedHere
        .filter((t) => queryTerms.has(t))
        .reduce((sum, t) => sum + termWeight(index, t), 0);
      tally.sectionCoverage = weight / queryWeight;
    }
  }

  const cap = p.maxPostingArticles;
  const lmQuery = scoreLanguageModel(index.lm, query.all, p.mu, ws.lm, cap, ws.lmRows);
  const known = lmQuery.known;
  // `exact`: common terms' true contribution (ranked candidates), else their mean (the rest).
  const lmOf = (a: number, exact = false): number => lmScore(index.lm, ws.lm, lmQuery, a, exact);
  const candidates = new Set<number>(tallies.keys());
  const n = index.lm.lengths.length;
  const clf = index.classifier
    ? scoreClassifier(
        index.classifier,
        query.sequence ?? query.all,
        n,
        ws.clf,
        cap,
        (ws.clfRows ??= new CommonRows(index.classifier.weights)),
      )
    : undefined;
  const clfOf = (a: number, exact = false): number => (clf ? clf.logit(a, exact) / clf.norm : 0);
  if (clf) {
    // The classifier's best articles are candidates even when they share no word with the question.
    for (const a of topPositiveOf(ws.clf.touched, clfOf, p.classifierCandidates)) candidates.add(a);
  }
  // So are the articles whose profile is closest to the question.
  if (query.bag) {
    scoreArticleVectors(index.vectors, query.bag, n, ws.vec, 0.3, cap);
  } else {
    ws.vec.clear();
  }
  const vecOf = (a: number): number => ws.vec.get(a);
  for (const a of topPositiveOf(ws.vec.touched, vecOf, p.vectorCandidates)) candidates.add(a);
  // Articles sharing only stop words with the question are candidates only when it has nothing else.
  for (const t of query.terms.length > 0 ? query.terms : query.all) {
    const position = index.lm.postings.indexOf(t);
    if (position >= 0 && index.lm.postings.rowLength(position) <= p.lmCandidateMaxArticles) {
      const postings = index.lm.postings.rowView(position);
      for (let i = 0; i < postings.length; i += 2) candidates.add(postings[i] as number);
    }
  }
  let maxLunr = 0;
  for (const t of tallies.values()) {
    maxLunr = Math.max(maxLunr, t.vote + p.sectionWeight * t.sectionScore);
  }
  const scoreOf = (article: number, lunrScore: number, exact: boolean): number =>
    lmOf(article, exact) +
    (p.lunrWeight * lunrScore) / Math.max(maxLunr, 1e-9) +
    p.classifierWeight * clfOf(article, exact) +
    p.vectorWeight * vecOf(article);
  // With common terms (large collections only), candidates are ranked with their mean first and
  // the best few re-scored exactly: a binary search per common term and candidate otherwise.
  const approximate = lmQuery.common.length > 0 || (clf?.hasCommon ?? false);
  const scored = [...candidates].map((article) => {
    const t = tallies.get(article);
    const lunrScore = t ? t.vote + p.sectionWeight * t.sectionScore : 0;
    return { article, t, lunrScore, score: scoreOf(article, lunrScore, !approximate) };
  });
  const byScore = (x: { score: number; article: number }, y: { score: number; article: number }) =>
    y.score - x.score || x.article - y.article;
  scored.sort(byScore);
  if (approximate) {
    for (const x of scored.slice(0, EXACT_HEAD * limit)) {
      x.score = scoreOf(x.article, x.lunrScore, true);
    }
    scored.sort(byScore);
  }
  const top = scored[0]?.score ?? 0;
  let expSum = scored.reduce((sum, x) => sum + Math.exp(p.shareTemperature * (x.score - top)), 0);
  // Share and margin are taken over every article, not only the candidates: in a small
  // collection one candidate alone must not look like a sure answer. Articles the question
  // touched are scored; the others score their background alone (summed in bulk below).
  let bestOutside = -Infinity;
  // Articles touched but not candidates, in the order touched (lm, classifier, profile).
  const outside: number[] = [];
  const marks = ws.marks;
  for (const a of candidates) marks[a] = 1;
  for (const s of [ws.lm, ws.clf, ws.vec]) {
    if (s === ws.clf && !clf) continue;
    for (const a of s.touched) {
      if (marks[a] === 0) {
        marks[a] = 1;
        outside.push(a);
      }
    }
  }
  for (const a of outside) {
    const score = lmOf(a) + p.classifierWeight * clfOf(a) + p.vectorWeight * vecOf(a);
    bestOutside = Math.max(bestOutside, score);
    expSum += Math.exp(p.shareTemperature * (score - top));
  }
  const rest = n - candidates.size - outside.length;
  if (rest > 0) {
    const T = p.shareTemperature;
    // Untouched articles share the common classifier features' mean (0 in a small collection).
    const clfRest =
      clf && clf.commonMean !== 0 ? (p.classifierWeight * clf.commonMean) / clf.norm : 0;
    if (known === 0) {
      bestOutside = Math.max(bestOutside, clfRest);
      expSum += rest * Math.exp(T * (clfRest - top));
    } else {
      let sum = backgroundSum(index, ws, p.mu, T);
      for (const a of candidates) sum -= Math.exp(T * background(index, p.mu, a));
      for (const a of outside) sum -= Math.exp(T * background(index, p.mu, a));
      // The rest score their background plus the common terms' means (0 in a small collection).
      const lmRest = lmQuery.common.length > 0 ? lmQuery.commonMean / known : 0;
      const shift = lmRest !== 0 || clfRest !== 0 ? Math.exp(T * (lmRest + clfRest)) : 1;
      expSum += Math.max(0, sum) * shift * Math.exp(-T * top);
      const byLength = (ws.byLength ??= articlesByLength(index));
      for (const a of byLength) {
        if (marks[a] === 1) continue;
        bestOutside = Math.max(bestOutside, clfRest !== 0 ? lmOf(a) + clfRest : lmOf(a));
        break;
      }
    }
  }
  for (const a of candidates) marks[a] = 0;
  for (const a of outside) marks[a] = 0;
  expSum ||= 1;
  const logTerms = Math.log(1 + query.terms.length);

  return scored.slice(0, limit).map(({ article, t, score }, i) => {
    const bestOther = i === 0 ? Math.max(scored[1]?.score ?? score - 1, bestOutside) : top;
    const matched = t ? [...t.matched] : [];
    const matchedWeight = matched.reduce((s, term) => s + termWeight(index, term), 0);
    return {
      article,
      score,
      section:
        t && t.bestSection >= 0 && t.sectionCoverage >= p.sectionMinCoverage ? t.bestSection : -1,
      matchedTerms: matched.sort(),
      fields: t ? [...t.fields].sort() : [],
      features: {
        coverage: matchedWeight / queryWeight,
        docCoverage: t?.bestQuestionCoverage ?? 0,
        share: Math.exp(p.shareTemperature * (score - top)) / expSum,
        margin: Math.max(-3, Math.min(3, score - bestOther)),
        agreement: votersSeen > 0 && t ? t.voters / votersSeen : 0,
        logTerms,
        // Above chance (1/n): with few articles a uniform guess is no evidence.
        classifier: clf ? Math.max(0, (clf.probability(article) * n - 1) / Math.max(1, n - 1)) : 0,
        lm: Math.max(-3, Math.min(3, lmOf(article, true))),
        vector: vecOf(article),
        unknown: query.unknownShare ?? 0,
        noEvidence: matched.length === 0 && !(t?.bestQuestionCoverage ?? 0) ? 1 : 0,
      },
    };
  });
}

/** Σ over every article of exp(temperature × background), once per index and parameters. */
function backgroundSum(index: LangIndex, ws: Workspace, mu: number, temperature: number): number {
  const key = `${mu}/${temperature}`;
  let sum = ws.backgroundSums.get(key);
  if (sum === undefined) {
    sum = 0;
    for (let a = 0; a < index.lm.lengths.length; a++) {
      sum += Math.exp(temperature * background(index, mu, a));
    }
    ws.backgroundSums.set(key, sum);
  }
  return sum;
}

function articlesByLength(index: LangIndex): Int32Array {
  const order = Int32Array.from({ length: index.lm.lengths.length }, (_, i) => i);
  const len = index.lm.lengths;
  return order.sort((x, y) => (len[x] as number) - (len[y] as number) || x - y);
}
