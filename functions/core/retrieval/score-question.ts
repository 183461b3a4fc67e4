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
 *
 * Garbage: a warm question allocates little beyond its answer. Per-article tallies, candidate
 * scores and their ranking live in typed arrays reused across questions (one workspace per
 * index), so a question does not bring the young-generation collection forward.
 */
import { grownInt32 } from './grown-array.ts';
import type { Features } from './calibration.ts';
import { lmScore, scoreLanguageModel } from './article-language-model.ts';
import type { LanguageModelQuery } from './article-language-model.ts';
import { scoreArticleVectors, scoreTextVectors } from './article-vectors.ts';
import type { FeatureBag } from './article-vectors.ts';
import { scoreClassifier } from './question-classifier.ts';
import type { ClassifierScores } from './question-classifier.ts';
import type { LangIndex } from './index-artifact.ts';
import { DOC_STRIDE } from './index-artifact.ts';
import type { RetrievalParams } from './retrieval-params.ts';
import { SparseScores, sortByScore } from './sparse-scores.ts';
import { CommonRows } from './common-rows.ts';
import type { TermClause, TermMatches } from './term-postings.ts';

export interface QueryTerms {
  /** Content terms (no stop words): queried in Lunr. */
  terms: string[];
  /** All terms, stop words included: scored by the article language models. */
  all: string[];
  /** All terms in text order (duplicates kept): scored by the question classifier. */
  sequence?: string[];
  /** Word-stem and character n-gram features, compared with the article profiles. */
  bag?: FeatureBag;
  /**
   * Instead of `bag`: the text whose features (textFeatures(text, stems, maxWords)) are compared
   * with the profiles, read in place rather than built into a bag (no garbage per feature).
   */
  text?: { text: string; stems: { terms: string[]; all: string[] }; maxWords: number };
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

/**
 * What the Lunr hits say about each article they name, for one question: its question votes,
 * best section and the terms and fields matched. Typed arrays indexed by tally (articles in the
 * order first tallied), reused across questions: `clear` costs the articles the last one named.
 */
class Tallies {
  /** Articles tallied. */
  count = 0;
  /** Per tally: its article. */
  readonly article: Int32Array;
  readonly vote: Float64Array;
  /** Best section: -1 when none matched. */
  readonly bestSection: Int32Array;
  readonly sectionScore: Float64Array;
  /** Weighted share of the question's terms the best section matched. */
  readonly sectionCoverage: Float64Array;
  readonly bestQuestionCoverage: Float64Array;
  readonly voters: Int32Array;
  /** Bit f: a hit matched in `postings.fields[f]`. */
  readonly fields: Int32Array;
  /** Per tally: how many terms it matched; the terms are `matched[tally × stride + k]`. */
  readonly matchedCount: Int32Array;
  /** Article → tally, or -1. */
  private readonly tallyOf: Int32Array;
  private matched = new Int32Array(0);
  private stride = 0;

  constructor(articles: number) {
    this.article = new Int32Array(articles);
    this.vote = new Float64Array(articles);
    this.bestSection = new Int32Array(articles);
    this.sectionScore = new Float64Array(articles);
    this.sectionCoverage = new Float64Array(articles);
    this.bestQuestionCoverage = new Float64Array(articles);
    this.voters = new Int32Array(articles);
    this.fields = new Int32Array(articles);
    this.matchedCount = new Int32Array(articles);
    this.tallyOf = new Int32Array(articles).fill(-1);
  }

  /** Forget the last question; the next one's hits name at most `terms` distinct terms. */
  clear(terms: number): void {
    for (let t = 0; t < this.count; t++) this.tallyOf[this.article[t] as number] = -1;
    this.count = 0;
    this.stride = terms;
  }

  /** The article's tally, or -1. */
  of(article: number): number {
    return this.tallyOf[article] as number;
  }

  open(article: number): number {
    const t = this.count++;
    const needed = (t + 1) * this.stride;
    if (needed > this.matched.length) this.matched = grownInt32(this.matched, needed);
    this.tallyOf[article] = t;
    this.article[t] = article;
    this.vote[t] = 0;
    this.bestSection[t] = -1;
    this.sectionScore[t] = 0;
    this.sectionCoverage[t] = 0;
    this.bestQuestionCoverage[t] = 0;
    this.voters[t] = 0;
    this.fields[t] = 0;
    this.matchedCount[t] = 0;
    return t;
  }

  /** Adds a matched term (its index among the query's terms) unless the tally has it. */
  addMatched(t: number, term: number): void {
    const from = t * this.stride;
    const n = this.matchedCount[t] as number;
    for (let k = from; k < from + n; k++) if (this.matched[k] === term) return;
    this.matched[from + n] = term;
    this.matchedCount[t] = n + 1;
  }

  /** The `k`-th term the tally matched (in the order first matched). */
  matchedAt(t: number, k: number): number {
    return this.matched[t * this.stride + k] as number;
  }
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
  tallies: Tallies;
  /** The candidates, in the order they became candidates, with their scores. */
  candidates: SparseScores;
  /** The candidates best first, and the sort's scratch space. */
  ranked: Int32Array;
  rankScratch: Int32Array;
  /** Articles touched but not candidates, and their scores. */
  outside: Int32Array;
  outsideScores: Float64Array;
  /** The classifier's scores of the articles it touched (the others: stale). */
  classifierScores: Float64Array;
  /** The terms one Lunr hit matched (indexes among the query's terms), and those terms' weights. */
  hitTerms: Int32Array;
  termWeights: Float64Array;
  /** topPositiveInto's result and scratch. */
  top: Int32Array;
  topScores: Float64Array;
  /** shareOverAll's results. */
  expSum: number;
  bestOutside: number;
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
      tallies: new Tallies(n),
      candidates: new SparseScores(n),
      ranked: new Int32Array(n),
      rankScratch: new Int32Array(n),
      outside: new Int32Array(n),
      outsideScores: new Float64Array(n),
      classifierScores: new Float64Array(n),
      hitTerms: new Int32Array(8),
      termWeights: new Float64Array(8),
      top: new Int32Array(8),
      topScores: new Float64Array(8),
      expSum: 0,
      bestOutside: 0,
    };
    workspaces.set(index, ws);
  }
  return ws;
}

/** Language-model score of an article the question shares no term with: log(µ / (len + µ)). */
function background(index: LangIndex, mu: number, article: number): number {
  return Math.log(mu / ((index.lm.lengths[article] as number) + mu));
}

function runQuery(
  index: LangIndex,
  query: QueryTerms,
  p: RetrievalParams,
): TermMatches | undefined {
  // Only the most specific terms go to Lunr: its cost grows with the documents a term matches.
  // Terms found in most articles are left to the language model: cheap, and no signal here.
  // Heaviest first, then in code-unit order (the terms are distinct: a total order), by an
  // insertion sort (a handful of terms; Array#sort allocates its state per call).
  const specific: string[] = [];
  for (let k = 0; k < query.terms.length; k++) {
    const t = query.terms[k] as string;
    if ((index.docFreq[t] ?? 0) > p.maxLunrDocs) continue;
    if (index.termWeights[t] !== undefined && weightOf(index, t, p) < p.minLunrTermWeight) continue;
    const w = termWeight(index, t);
    let i = specific.length;
    specific.push(t);
    for (; i > 0; i--) {
      const before = specific[i - 1] as string;
      if ((w - termWeight(index, before) || (before < t ? -1 : 1)) < 0) break;
      specific[i] = before;
    }
    specific[i] = t;
  }
  const kept = index.classifier ? Math.min(p.maxLunrTerms, p.classifierLunrTerms) : p.maxLunrTerms;
  if (specific.length > kept) specific.length = Math.max(0, kept);
  // A query without clauses counts as "all negated" in Lunr and matches every document.
  if (specific.length === 0) return undefined;
  const clauses: TermClause[] = [];
  for (const term of specific) {
    const w = weightOf(index, term, p);
    for (const field of MAIN_FIELDS) clauses.push({ term, field, boost: w * p.boosts[field] });
  }
  return index.postings.match(clauses);
}

/** `list.sort()` of strings, in place (an insertion sort: a few items; no sort state). */
function sortStrings(list: string[]): string[] {
  for (let i = 1; i < list.length; i++) {
    const item = list[i] as string;
    let j = i;
    for (; j > 0 && item < (list[j - 1] as string); j--) list[j] = list[j - 1] as string;
    list[j] = item;
  }
  return list;
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
 * lower index on ties, without sorting the list. `scores` is indexed by article.
 */
export function topPositiveOf(
  articles: ArrayLike<number>,
  scores: ArrayLike<number>,
  k: number,
): number[] {
  const top: number[] = [];
  const topScores: number[] = [];
  let count = 0;
  for (let j = 0; j < articles.length; j++) {
    const a = articles[j] as number;
    count = insertBest(top, topScores, count, k, a, scores[a] as number);
  }
  return top.slice(0, count);
}

/**
 * topPositiveOf over the articles `touched` lists, into `ws.top` (its first entries; returns how
 * many): no list per question.
 */
export function topPositiveInto(
  touched: SparseScores,
  scores: ArrayLike<number>,
  k: number,
  ws: { top: Int32Array; topScores: Float64Array },
): number {
  if (ws.top.length < k) {
    ws.top = new Int32Array(k);
    ws.topScores = new Float64Array(k);
  }
  const top = ws.top;
  const topScores = ws.topScores;
  let count = 0;
  for (let j = 0; j < touched.count; j++) {
    const a = touched.touchedAt(j);
    count = insertBest(top, topScores, count, k, a, scores[a] as number);
  }
  return count;
}

/**
 * Article `a` scoring `s` into the best `count` (of at most `k`) kept in `top` / `topScores`,
 * best first, lower index on ties; non-positive scores are skipped. Returns the new count.
 */
function insertBest(
  top: { [i: number]: number },
  topScores: { [i: number]: number },
  count: number,
  k: number,
  a: number,
  s: number,
): number {
  if (s <= 0) return count;
  if (count === k && !before(s, a, topScores[k - 1] as number, top[k - 1] as number)) {
    return count;
  }
  let i = count === k ? k - 1 : count++;
  while (i > 0 && before(s, a, topScores[i - 1] as number, top[i - 1] as number)) {
    top[i] = top[i - 1] as number;
    topScores[i] = topScores[i - 1] as number;
    i--;
  }
  top[i] = a;
  topScores[i] = s;
  return count;
}

/** Whether article `a` scoring `s` ranks before article `b` scoring `t`. */
function before(s: number, a: number, t: number, b: number): boolean {
  return s > t || (s === t && a < b);
}

/** Rank the articles of one language for the analysed question, best first (at most `limit`). */
export function scoreQuestion(
  index: LangIndex,
  query: QueryTerms,
  p: RetrievalParams,
  limit: number,
): ArticleEvidence[] {
  const ws = workspaceOf(index);
  const matches = query.terms.length > 0 ? runQuery(index, query, p) : undefined;
  let termSum = 0;
  for (let k = 0; k < query.terms.length; k++)
    termSum += termWeight(index, query.terms[k] as string);
  const queryWeight = termSum || 1;
  const votersSeen = tallyHits(index, ws, matches, p, queryWeight);
  const tallies = ws.tallies;

  const cap = p.maxPostingArticles;
  const lmQuery = scoreLanguageModel(index.lm, query.all, p.mu, ws.lm, cap, ws.lmRows);
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
  if (query.bag) {
    scoreArticleVectors(index.vectors, query.bag, n, ws.vec, 0.3, cap);
  } else if (query.text) {
    const { text, stems, maxWords } = query.text;
    scoreTextVectors(index.vectors, text, stems, maxWords, n, ws.vec, 0.3, cap);
  } else {
    ws.vec.clear();
  }
  const scorer = new ArticleScorer(index, ws, p, lmQuery, clf);

  // Candidates, in the order they become one: the articles Lunr's hits name; the classifier's
  // best articles, even when they share no word with the question; the articles whose profile
  // is closest to it; and those of its rarer words.
  const candidates = ws.candidates;
  candidates.clear();
  for (let t = 0; t < tallies.count; t++) candidates.add(tallies.article[t] as number, 0);
  if (clf) {
    const scores = ws.classifierScores;
    for (let i = 0; i < ws.clf.count; i++) {
      const a = ws.clf.touchedAt(i);
      scores[a] = scorer.classifier(a);
    }
    const best = topPositiveInto(ws.clf, scores, p.classifierCandidates, ws);
    for (let i = 0; i < best; i++) candidates.add(ws.top[i] as number, 0);
  }
  const best = topPositiveInto(ws.vec, ws.vec.values, p.vectorCandidates, ws);
  for (let i = 0; i < best; i++) candidates.add(ws.top[i] as number, 0);
  // Articles sharing only stop words with the question are candidates only when it has nothing else.
  const rare = query.terms.length > 0 ? query.terms : query.all;
  for (let k = 0; k < rare.length; k++) {
    const position = index.lm.postings.indexOf(rare[k] as string);
    if (position >= 0 && index.lm.postings.rowLength(position) <= p.lmCandidateMaxArticles) {
      const length = index.lm.postings.decodeRow(position);
      const postings = index.lm.postings.rowBuffer;
      for (let i = 0; i < length; i += 2) candidates.add(postings[i] as number, 0);
    }
  }

  const count = rankCandidates(ws, scorer, limit);
  const ranked = ws.ranked;
  const scores = candidates.values;
  const top = count > 0 ? (scores[ranked[0] as number] as number) : 0;
  shareOverAll(index, ws, scorer, p, top);
  const expSum = ws.expSum;
  const bestOutside = ws.bestOutside;
  const logTerms = Math.log(1 + query.terms.length);
  const indexFields = index.postings.fields;

  const evidence: ArticleEvidence[] = [];
  for (let i = 0; i < Math.min(limit, count); i++) {
    const article = ranked[i] as number;
    const score = scores[article] as number;
    const t = tallies.of(article);
    const bestOther =
      i === 0
        ? Math.max(count > 1 ? (scores[ranked[1] as number] as number) : score - 1, bestOutside)
        : top;
    // Terms in the order first matched (the weight's rounding), shown sorted.
    const matched: string[] = [];
    let matchedWeight = 0;
    for (let k = 0; k < (t < 0 ? 0 : (tallies.matchedCount[t] as number)); k++) {
      const term = matches?.terms[tallies.matchedAt(t, k)] as string;
      matched.push(term);
      matchedWeight += termWeight(index, term);
    }
    const fields: string[] = [];
    const fieldMask = t < 0 ? 0 : (tallies.fields[t] as number);
    for (let f = 0; f < indexFields.length; f++) {
      if ((fieldMask & (1 << f)) !== 0) fields.push(indexFields[f] as string);
    }
    const docCoverage = t < 0 ? 0 : (tallies.bestQuestionCoverage[t] as number);
    evidence.push({
      article,
      score,
      section:
        t >= 0 &&
        (tallies.bestSection[t] as number) >= 0 &&
        (tallies.sectionCoverage[t] as number) >= p.sectionMinCoverage
          ? (tallies.bestSection[t] as number)
          : -1,
      matchedTerms: sortStrings(matched),
      fields: sortStrings(fields),
      features: {
        coverage: matchedWeight / queryWeight,
        docCoverage,
        share: Math.exp(p.shareTemperature * (score - top)) / expSum,
        margin: Math.max(-3, Math.min(3, score - bestOther)),
        agreement: votersSeen > 0 && t >= 0 ? (tallies.voters[t] as number) / votersSeen : 0,
        logTerms,
        // Above chance (1/n): with few articles a uniform guess is no evidence.
        classifier: clf ? Math.max(0, (clf.probability(article) * n - 1) / Math.max(1, n - 1)) : 0,
        lm: Math.max(-3, Math.min(3, scorer.lm(article, true))),
        vector: scorer.vector(article),
        unknown: query.unknownShare ?? 0,
        noEvidence: matched.length === 0 && !docCoverage ? 1 : 0,
      },
    });
  }
  return evidence;
}

/**
 * Lunr's hits (best first) → per-article tallies (ws.tallies): the top question hits vote for
 * their article; a section hit counts for its article when it is the article's best. Returns
 * the votes cast.
 */
function tallyHits(
  index: LangIndex,
  ws: Workspace,
  hits: TermMatches | undefined,
  p: RetrievalParams,
  queryWeight: number,
): number {
  const tallies = ws.tallies;
  const termCount = hits?.terms.length ?? 0;
  tallies.clear(termCount);
  if (!hits) return 0;
  if (termCount > ws.hitTerms.length) {
    ws.hitTerms = new Int32Array(termCount);
    ws.termWeights = new Float64Array(termCount);
  }
  const hitTerms = ws.hitTerms;
  const termWeights = ws.termWeights;
  for (let k = 0; k < termCount; k++) termWeights[k] = termWeight(index, hits.terms[k] as string);
  // Every term Lunr matched is a question term: runQuery takes them from query.terms.
  let questionRank = 0;
  let votersSeen = 0;
  for (let i = 0; i < hits.count; i++) {
    const at = hits.ref(i) * DOC_STRIDE;
    if (at + DOC_STRIDE > index.docs.length) continue;
    const kind = index.docs[at] as number;
    const article = index.docs[at + 1] as number;
    const part = index.docs[at + 2] as number;
    const docTerms = index.docs[at + 3] as number;
    let tally = tallies.of(article);
    const isVoter = kind === 1 && questionRank < p.voters;
    if (tally < 0) {
      if (kind === 1 && !isVoter) continue;
      tally = tallies.open(article);
    }
    const matchedHere = hits.termsOf(i, hitTerms);
    for (let k = 0; k < matchedHere; k++) tallies.addMatched(tally, hitTerms[k] as number);
    tallies.fields[tally] = (tallies.fields[tally] as number) | hits.fieldMask(i);
    const score = hits.score(i);
    if (kind === 1) {
      if (isVoter) {
        tallies.vote[tally] =
          (tallies.vote[tally] as number) + score * Math.pow(p.decay, questionRank);
        tallies.voters[tally] = (tallies.voters[tally] as number) + 1;
        votersSeen++;
      }
      questionRank++;
      tallies.bestQuestionCoverage[tally] = Math.max(
        tallies.bestQuestionCoverage[tally] as number,
        matchedHere / Math.max(1, docTerms),
      );
    } else if (score > (tallies.sectionScore[tally] as number)) {
      tallies.sectionScore[tally] = score;
      tallies.bestSection[tally] = part;
      let weight = 0;
      for (let k = 0; k < matchedHere; k++) weight += termWeights[hitTerms[k] as number] as number;
      tallies.sectionCoverage[tally] = weight / queryWeight;
    }
  }
  return votersSeen;
}

/**
 * One question's score of any article, once its scorers have run: the language model's, the
 * classifier's and the profile's, and for candidates Lunr's (max-normalised). Methods rather
 * than closures, so the per-article loops inline them (no boxed number per call).
 */
class ArticleScorer {
  /** The best Lunr score of the question (1e-9 when none). */
  private readonly maxLunr: number;

  constructor(
    private readonly index: LangIndex,
    private readonly ws: Workspace,
    private readonly p: RetrievalParams,
    readonly lmQuery: LanguageModelQuery,
    readonly clf: ClassifierScores | undefined,
  ) {
    let maxLunr = 0;
    for (let t = 0; t < ws.tallies.count; t++) maxLunr = Math.max(maxLunr, this.lunr(t));
    this.maxLunr = Math.max(maxLunr, 1e-9);
  }

  /** `exact`: common terms' true contribution (ranked candidates), else their mean (the rest). */
  lm(a: number, exact = false): number {
    return lmScore(this.index.lm, this.ws.lm, this.lmQuery, a, exact);
  }

  classifier(a: number, exact = false): number {
    return this.clf ? this.clf.logit(a, exact) / this.clf.norm : 0;
  }

  vector(a: number): number {
    return this.ws.vec.values[a] as number;
  }

  /** The Lunr score of tally `t`: its votes and its best section. */
  lunr(t: number): number {
    const tallies = this.ws.tallies;
    return (tallies.vote[t] as number) + this.p.sectionWeight * (tallies.sectionScore[t] as number);
  }

  candidate(a: number, exact: boolean): number {
    const t = this.ws.tallies.of(a);
    const lunrScore = t < 0 ? 0 : this.lunr(t);
    return (
      this.lm(a, exact) +
      (this.p.lunrWeight * lunrScore) / this.maxLunr +
      this.p.classifierWeight * this.classifier(a, exact) +
      this.p.vectorWeight * this.vector(a)
    );
  }

  /**
   * Scores of articles touched by a scorer but not candidates: `articles[i]`'s into `into[i]`
   * (a loop here rather than a call per article: no boxed number per article).
   */
  others(articles: Int32Array, count: number, into: Float64Array): void {
    const p = this.p;
    for (let i = 0; i < count; i++) {
      const a = articles[i] as number;
      into[i] =
        this.lm(a) + p.classifierWeight * this.classifier(a) + p.vectorWeight * this.vector(a);
    }
  }
}

/**
 * Scores the candidates (into ws.candidates.values) and ranks them best first, lower article on
 * ties (into ws.ranked); returns how many. With common terms (large collections only),
 * candidates are ranked with their mean first and the best few re-scored exactly: a binary
 * search per common term and candidate otherwise.
 */
function rankCandidates(ws: Workspace, scorer: ArticleScorer, limit: number): number {
  const candidates = ws.candidates;
  const scores = candidates.values;
  const ranked = ws.ranked;
  const count = candidates.count;
  const approximate = scorer.lmQuery.common.length > 0 || (scorer.clf?.hasCommon ?? false);
  for (let i = 0; i < count; i++) {
    const a = candidates.touchedAt(i);
    ranked[i] = a;
    scores[a] = scorer.candidate(a, !approximate);
  }
  sortByScore(ranked, count, scores, ws.rankScratch);
  if (approximate) {
    for (let i = 0; i < Math.min(EXACT_HEAD * limit, count); i++) {
      const a = ranked[i] as number;
      scores[a] = scorer.candidate(a, true);
    }
    sortByScore(ranked, count, scores, ws.rankScratch);
  }
  return count;
}

/**
 * The softmax denominator of the share feature and the best score outside the candidates, over
 * every article, not only the candidates: in a small collection one candidate alone must not
 * look like a sure answer. Articles the question touched are scored; the others score their
 * background alone (summed in bulk).
 */
function shareOverAll(
  index: LangIndex,
  ws: Workspace,
  scorer: ArticleScorer,
  p: RetrievalParams,
  top: number,
): void {
  const T = p.shareTemperature;
  const candidates = ws.candidates;
  const count = candidates.count;
  const ranked = ws.ranked;
  let expSum = 0;
  for (let i = 0; i < count; i++) {
    expSum += Math.exp(T * ((candidates.values[ranked[i] as number] as number) - top));
  }
  let bestOutside = -Infinity;
  // Articles touched but not candidates, in the order touched (lm, classifier, profile).
  const outside = ws.outside;
  let outsideCount = 0;
  const marks = ws.marks;
  for (let i = 0; i < count; i++) marks[ranked[i] as number] = 1;
  const clf = scorer.clf;
  outsideCount = markTouched(ws.lm, marks, outside, outsideCount);
  if (clf) outsideCount = markTouched(ws.clf, marks, outside, outsideCount);
  outsideCount = markTouched(ws.vec, marks, outside, outsideCount);
  const outsideScores = ws.outsideScores;
  scorer.others(outside, outsideCount, outsideScores);
  for (let i = 0; i < outsideCount; i++) {
    const score = outsideScores[i] as number;
    bestOutside = Math.max(bestOutside, score);
    expSum += Math.exp(T * (score - top));
  }
  const rest = index.lm.lengths.length - count - outsideCount;
  if (rest > 0) {
    // Untouched articles share the common classifier features' mean (0 in a small collection).
    const clfRest =
      clf && clf.commonMean !== 0 ? (p.classifierWeight * clf.commonMean) / clf.norm : 0;
    const lmQuery = scorer.lmQuery;
    const known = lmQuery.known;
    if (known === 0) {
      bestOutside = Math.max(bestOutside, clfRest);
      expSum += rest * Math.exp(T * (clfRest - top));
    } else {
      let sum = backgroundSum(index, ws, p.mu, T);
      // Candidates in the order they came, then the others touched (the sum's rounding).
      for (let i = 0; i < count; i++) {
        sum -= Math.exp(T * background(index, p.mu, candidates.touchedAt(i)));
      }
      for (let i = 0; i < outsideCount; i++) {
        sum -= Math.exp(T * background(index, p.mu, outside[i] as number));
      }
      // The rest score their background plus the common terms' means (0 in a small collection).
      const lmRest = lmQuery.common.length > 0 ? lmQuery.commonMean / known : 0;
      const shift = lmRest !== 0 || clfRest !== 0 ? Math.exp(T * (lmRest + clfRest)) : 1;
      expSum += Math.max(0, sum) * shift * Math.exp(-T * top);
      const byLength = (ws.byLength ??= articlesByLength(index));
      for (let i = 0; i < byLength.length; i++) {
        const a = byLength[i] as number;
        if (marks[a] === 1) continue;
        bestOutside = Math.max(bestOutside, clfRest !== 0 ? scorer.lm(a) + clfRest : scorer.lm(a));
        break;
      }
    }
  }
  for (let i = 0; i < count; i++) marks[ranked[i] as number] = 0;
  for (let i = 0; i < outsideCount; i++) marks[outside[i] as number] = 0;
  ws.expSum = expSum || 1;
  ws.bestOutside = bestOutside;
}

/** Appends to `outside` (from `count`) the articles `s` touched not yet marked; marks them. */
function markTouched(
  s: SparseScores,
  marks: Uint8Array,
  outside: Int32Array,
  count: number,
): number {
  for (let i = 0; i < s.count; i++) {
    const a = s.touchedAt(i);
    if (marks[a] === 0) {
      marks[a] = 1;
      outside[count++] = a;
    }
  }
  return count;
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
