/**
 * Knobs of the retrieval step (query-time field boosts, kNN voting over question hits, term
 * caps). Tuned on the dev sets; kept apart from the decision thresholds, which are product
 * configuration. Field boosts are applied at query time because Lunr normalises each field
 * vector by its length, which cancels build-time field boosts.
 */
export interface RetrievalParams {
  /** Question hits that vote for their article. */
  voters: number;
  /** Vote weight of the r-th question hit: decay^r. */
  decay: number;
  /** Weight of the best section score next to the question votes. */
  sectionWeight: number;
  boosts: { question: number; title: number; heading: number; body: number };
  /** Query term boost = termWeight ^ weightPower. */
  weightPower: number;
  /** At most this many (the most specific) query terms are sent to Lunr. */
  maxLunrTerms: number;
  /** Terms in more documents than this are left to the language model (Lunr cost). */
  maxLunrDocs: number;
  /** Query terms with a lower weight (found in most articles) are not sent to Lunr. */
  minLunrTermWeight: number;
  /** Dirichlet prior of the article language models. */
  mu: number;
  /** Weight of the (max-normalised) Lunr score next to the language-model score. */
  lunrWeight: number;
  /** Weight of the question classifier's score next to the language-model score. */
  classifierWeight: number;
  /** Cap on Lunr query terms when a classifier ranks too (Lunr is the slow part). */
  classifierLunrTerms: number;
  /** The classifier's top articles that become candidates. */
  classifierCandidates: number;
  /** Softmax temperature of the score-share feature. */
  shareTemperature: number;
  /** A term found in more articles than this does not add candidates by itself. */
  lmCandidateMaxArticles: number;
  /** Weight of the article-profile cosine (stems and character n-grams). */
  vectorWeight: number;
  /** The profile cosine's top articles that become candidates. */
  vectorCandidates: number;
  /**
   * Bounds a question's cost in a large collection, like a Lunr-style engine capping its work
   * on very common terms: profile features of more articles than this only count in the
   * question's norm (as do those of more than 30% of them); language-model terms and
   * classifier features of more articles are scored exactly for the ranked candidates only,
   * at their mean for the others (common-rows.ts). No effect on collections this small.
   */
  maxPostingArticles: number;
  /** Unknown words looked up as misspellings, per question and language. */
  maxCorrections: number;
  /** A section is shown when it matched at least this weighted share of the question. */
  sectionMinCoverage: number;
  /** At most this many distinct query terms (bounds the time of very long questions). */
  maxTerms: number;
  /** At most this many words are read from the question. */
  maxWords: number;
}

export const DEFAULT_RETRIEVAL_PARAMS: RetrievalParams = {
  voters: 10,
  decay: 0.8,
  sectionWeight: 1,
  boosts: { question: 1, title: 2, heading: 1.5, body: 1 },
  weightPower: 1,
  maxLunrTerms: 6,
  maxLunrDocs: 600,
  minLunrTermWeight: 0.9,
  mu: 50,
  lunrWeight: 0.25,
  classifierWeight: 1,
  classifierCandidates: 5,
  classifierLunrTerms: 3,
  shareTemperature: 3,
  lmCandidateMaxArticles: 20,
  vectorWeight: 2,
  vectorCandidates: 5,
  maxPostingArticles: 500,
  maxCorrections: 8,
  sectionMinCoverage: 0.5,
  maxTerms: 32,
  maxWords: 60,
};
