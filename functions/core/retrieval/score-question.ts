/**
 * One question against one language's index: build a Lunr query from analysed terms (never
 * from user text), let the top question hits vote for their article next to the best section
 * hit, add the article language model's and the question classifier's scores, and collect the
 * evidence the calibration needs for each candidate article.
 */
import type lunr from 'lunr';
import type { Features } from './calibration.ts';
import { scoreLanguageModel } from './article-language-model.ts';
import { scoreArticleVectors } from './article-vectors.ts';
import type { FeatureBag } from './article-vectors.ts';
import { scoreClassifier } from './question-classifier.ts';
import type { LangIndex } from './index-artifact.ts';
import type { RetrievalParams } from './retrieval-params.ts';

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

function termWeight(index: LangIndex, term: string): number {
  return index.termWeights[term] ?? index.unknownTermWeight;
}

function weightOf(index: LangIndex, term: string, p: RetrievalParams): number {
  return Math.pow(termWeight(index, term), p.weightPower);
}

function runQuery(
  idx: lunr.Index,
  index: LangIndex,
  query: QueryTerms,
  p: RetrievalParams,
): lunr.Index.Result[] {
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
  return idx.query((q) => {
    for (const term of specific) {
      const w = weightOf(index, term, p);
      for (const field of MAIN_FIELDS) {
        q.term(term, { fields: [field], boost: w * p.boosts[field], usePipeline: false });
      }
    }
  });
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

/** Rank the articles of one language for the analysed question, best first (at most `limit`). */
export function scoreQuestion(
  idx: lunr.Index,
  index: LangIndex,
  query: QueryTerms,
  p: RetrievalParams,
  limit: number,
): ArticleEvidence[] {
  const results = query.terms.length > 0 ? runQuery(idx, index, query, p) : [];
  const queryTerms = new Set(query.terms);
  const queryWeight = query.terms.reduce((sum, t) => sum + termWeight(index, t), 0) || 1;
  const tallies = new Map<number, Tally>();
  let questionRank = 0;
  let votersSeen = 0;
  for (const result of results) {
    const doc = index.docs[Number(result.ref)];
    if (!doc) continue;
    const [kind, article, part, termCount] = doc;
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
    for (const [term, byField] of Object.entries(result.matchData.metadata)) {
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

  const lm = scoreLanguageModel(index.lm, query.all, p.mu);
  const candidates = new Set<number>(tallies.keys());
  const n = index.lm.lengths.length;
  const clf = index.classifier
    ? scoreClassifier(index.classifier, query.sequence ?? query.all, n)
    : undefined;
  if (clf) {
    // The classifier's best articles are candidates even when they share no word with the question.
    for (const a of topPositive(clf.scores, p.classifierCandidates)) candidates.add(a);
  }
  // So are the articles whose profile is closest to the question.
  const vec = query.bag ? scoreArticleVectors(index.vectors, query.bag, n) : new Float64Array(n);
  for (const a of topPositive(vec, p.vectorCandidates)) candidates.add(a);
  // Articles sharing only stop words with the question are candidates only when it has nothing else.
  for (const t of query.terms.length > 0 ? query.terms : query.all) {
    const postings = index.lm.postings[t];
    if (postings && postings.length <= 2 * p.lmCandidateMaxArticles) {
      for (let i = 0; i < postings.length; i += 2) candidates.add(postings[i] as number);
    }
  }
  let maxLunr = 0;
  for (const t of tallies.values()) {
    maxLunr = Math.max(maxLunr, t.vote + p.sectionWeight * t.sectionScore);
  }
  const scored = [...candidates].map((article) => {
    const t = tallies.get(article);
    const lunrScore = t ? t.vote + p.sectionWeight * t.sectionScore : 0;
    const score =
      (lm[article] ?? 0) +
      (p.lunrWeight * lunrScore) / Math.max(maxLunr, 1e-9) +
      p.classifierWeight * (clf?.scores[article] ?? 0) +
      p.vectorWeight * (vec[article] as number);
    return { article, t, score };
  });
  scored.sort((x, y) => y.score - x.score || x.article - y.article);
  const top = scored[0]?.score ?? 0;
  let expSum = scored.reduce((sum, x) => sum + Math.exp(p.shareTemperature * (x.score - top)), 0);
  // Share and margin are taken over every article, not only the candidates: in a small
  // collection one candidate alone must not look like a sure answer.
  let bestOutside = -Infinity;
  for (let a = 0; a < n; a++) {
    if (candidates.has(a)) continue;
    const score =
      (lm[a] ?? 0) +
      p.classifierWeight * (clf?.scores[a] ?? 0) +
      p.vectorWeight * (vec[a] as number);
    bestOutside = Math.max(bestOutside, score);
    expSum += Math.exp(p.shareTemperature * (score - top));
  }
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
        classifier: clf
          ? Math.max(0, ((clf.probs[article] as number) * n - 1) / Math.max(1, n - 1))
          : 0,
        lm: Math.max(-3, Math.min(3, lm[article] ?? 0)),
        vector: vec[article] as number,
        unknown: query.unknownShare ?? 0,
        noEvidence: matched.length === 0 && !(t?.bestQuestionCoverage ?? 0) ? 1 : 0,
      },
    };
  });
}
