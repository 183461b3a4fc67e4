/**
 * One question against one language's index: build a Lunr query from analysed terms (never
 * from user text), let the top question hits vote for their article next to the best section
 * hit, and collect the evidence the calibration needs for each candidate article.
 */
import type lunr from 'lunr';
import type { Features } from './calibration.ts';
import type { LangIndex } from './index-artifact.ts';
import { setupLunr } from './lunr-setup.ts';
import type { RetrievalParams } from './retrieval-params.ts';

export interface QueryTerms {
  terms: string[];
  alt: string[];
}

export interface ArticleEvidence {
  article: number;
  score: number;
  /** Section to show: the best-matching section, else the first. */
  section: number;
  matchedTerms: string[];
  fields: string[];
  features: Features;
}

interface Tally {
  vote: number;
  bestSection: number;
  sectionScore: number;
  bestQuestionCoverage: number;
  voters: number;
  matched: Set<string>;
  fields: Set<string>;
}

const MAIN_FIELDS = ['question', 'title', 'heading', 'body'] as const;

function termWeight(index: LangIndex, term: string): number {
  return index.termWeights[term] ?? index.unknownTermWeight;
}

function runQuery(
  idx: lunr.Index,
  index: LangIndex,
  query: QueryTerms,
  p: RetrievalParams,
): lunr.Index.Result[] {
  const l = setupLunr();
  return idx.query((q) => {
    for (const term of query.terms) {
      const w = Math.pow(termWeight(index, term), p.weightPower);
      for (const field of MAIN_FIELDS) {
        q.term(term, { fields: [field], boost: w * p.boosts[field], usePipeline: false });
      }
      if (term.length >= p.fuzzyMinLength && index.termWeights[term] === undefined) {
        q.term(term, {
          fields: ['question', 'body'],
          boost: w * p.fuzzyBoost,
          usePipeline: false,
          editDistance: 1,
          presence: l.Query.presence.OPTIONAL,
        });
      }
    }
    for (const term of query.alt) {
      const w = Math.pow(termWeight(index, term), p.weightPower);
      q.term(term, { fields: ['alt'], boost: w * p.boosts.alt, usePipeline: false });
    }
  });
}

/** Rank the articles of one language for the analysed question, best first (at most `limit`). */
export function scoreQuestion(
  idx: lunr.Index,
  index: LangIndex,
  query: QueryTerms,
  p: RetrievalParams,
  limit: number,
): ArticleEvidence[] {
  const results = runQuery(idx, index, query, p);
  const queryTerms = new Set(query.terms);
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
        bestQuestionCoverage: 0,
        voters: 0,
        matched: new Set(),
        fields: new Set(),
      };
      tallies.set(article, tally);
    }
    const matchedHere: string[] = [];
    for (const [term, byField] of Object.entries(result.matchData.metadata)) {
      const fields = Object.keys(byField as object).filter((f) => f !== 'alt');
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
    }
  }

  const totalWeight = query.terms.reduce((sum, t) => sum + termWeight(index, t), 0) || 1;
  const scored = [...tallies.entries()].map(([article, t]) => ({
    article,
    t,
    score: t.vote + p.sectionWeight * t.sectionScore,
  }));
  scored.sort((x, y) => y.score - x.score || x.article - y.article);
  const sum = scored.slice(0, 10).reduce((s, x) => s + x.score, 0) || 1;
  const logTerms = Math.log(1 + query.terms.length);

  return scored.slice(0, limit).map(({ article, t, score }, i) => {
    const bestOther = i === 0 ? (scored[1]?.score ?? 0) : (scored[0]?.score ?? 0);
    const matchedWeight = [...t.matched].reduce((s, term) => s + termWeight(index, term), 0);
    return {
      article,
      score,
      section: t.bestSection >= 0 ? t.bestSection : 0,
      matchedTerms: [...t.matched].sort(),
      fields: [...t.fields].sort(),
      features: {
        coverage: matchedWeight / totalWeight,
        docCoverage: t.bestQuestionCoverage,
        share: score / sum,
        margin: (score - bestOther) / Math.max(score, bestOther, 1e-9),
        agreement: votersSeen > 0 ? t.voters / votersSeen : 0,
        logTerms,
      },
    };
  });
}
