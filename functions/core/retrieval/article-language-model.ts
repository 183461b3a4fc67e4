/**
 * A unigram language model per article (all its words: title, questions, headings, body, stop
 * words included), learned at build time and stored in the artifact. Scoring a question is
 * Dirichlet-smoothed query likelihood, a classic IR ranker that, unlike the Lunr index, also
 * uses function words ("who made you" vs "where are you from") at a cost of a few postings
 * lookups per term.
 */

export interface ArticleLanguageModel {
  /** Number of words of each article. */
  lengths: number[];
  /** term → flat pairs [articleIndex, count, articleIndex, count, …]. */
  postings: Record<string, number[]>;
  /** Words in the whole collection. */
  total: number;
}

/** Build the model from each article's list of stems. */
export function buildLanguageModel(articleStems: string[][]): ArticleLanguageModel {
  const counts = new Map<string, Map<number, number>>();
  articleStems.forEach((stems, a) => {
    for (const t of stems) {
      let byArticle = counts.get(t);
      if (!byArticle) counts.set(t, (byArticle = new Map()));
      byArticle.set(a, (byArticle.get(a) ?? 0) + 1);
    }
  });
  const postings: Record<string, number[]> = {};
  for (const t of [...counts.keys()].sort()) {
    postings[t] = [...(counts.get(t) as Map<number, number>).entries()].flat();
  }
  const lengths = articleStems.map((s) => s.length);
  return { lengths, postings, total: lengths.reduce((x, y) => x + y, 0) };
}

/**
 * Per-article log-likelihood ratio of the question against the collection, divided by the
 * number of known query terms (so scores compare across question lengths). Unknown terms are
 * skipped here; they lower the coverage feature instead.
 */
export function scoreLanguageModel(
  model: ArticleLanguageModel,
  terms: string[],
  mu: number,
): Float64Array {
  const n = model.lengths.length;
  const scores = new Float64Array(n);
  let known = 0;
  for (const t of terms) {
    const postings = model.postings[t];
    if (!postings) continue;
    known++;
    let cf = 0;
    for (let i = 1; i < postings.length; i += 2) cf += postings[i] as number;
    const pc = cf / Math.max(1, model.total);
    for (let i = 0; i < postings.length; i += 2) {
      const a = postings[i] as number;
      scores[a] = (scores[a] as number) + Math.log(1 + (postings[i + 1] as number) / (mu * pc));
    }
  }
  if (known === 0) return scores;
  for (let a = 0; a < n; a++) {
    const len = model.lengths[a] as number;
    scores[a] = ((scores[a] as number) + known * Math.log(mu / (len + mu))) / known;
  }
  return scores;
}
