/**
 * A unigram language model per article (all its words: title, questions, headings, body, stop
 * words included), learned at build time and stored in the artifact. Scoring a question is
 * Dirichlet-smoothed query likelihood, a classic IR ranker that, unlike the Lunr index, also
 * uses function words ("who made you" vs "where are you from") at a cost of a few postings
 * lookups per term.
 */
import { PairTable } from './pair-table.ts';
import type { SparseScores } from './sparse-scores.ts';
import type { CommonRows } from './common-rows.ts';
import { valueOf } from './common-rows.ts';

export interface ArticleLanguageModel {
  /** Number of words of each article. */
  lengths: ArrayLike<number>;
  /** term → flat pairs [articleIndex, count, articleIndex, count, …] (articles ascending). */
  postings: PairTable;
  /** Words in the whole collection. */
  total: number;
}

/** Builds the model one article at a time (its stems are counted, then let go). */
export class LanguageModelBuilder {
  private readonly postings = new Map<string, number[]>();
  private readonly lengths: number[] = [];

  add(stems: string[]): void {
    const a = this.lengths.length;
    const counts = new Map<string, number>();
    for (const t of stems) counts.set(t, (counts.get(t) ?? 0) + 1);
    for (const [t, count] of counts) {
      const list = this.postings.get(t);
      if (list) list.push(a, count);
      else this.postings.set(t, [a, count]);
    }
    this.lengths.push(stems.length);
  }

  build(): ArticleLanguageModel {
    return {
      lengths: this.lengths,
      postings: PairTable.fromRecord(this.postings),
      total: this.lengths.reduce((x, y) => x + y, 0),
    };
  }
}

/** Build the model from each article's list of stems. */
export function buildLanguageModel(articleStems: string[][]): ArticleLanguageModel {
  const builder = new LanguageModelBuilder();
  for (const stems of articleStems) builder.add(stems);
  return builder.build();
}

/** What scoreLanguageModel found beyond the per-article sums. */
export interface LanguageModelQuery {
  /** Query terms found in the collection. */
  known: number;
  /** Common terms (in more articles than the cap): their rows, collection probability. */
  common: { row: Int32Array; pc: number }[];
  /** Σ over the common terms of their mean contribution per article. */
  commonMean: number;
  mu: number;
}

/**
 * Per-article log-likelihood ratio of the question against the collection, divided by the
 * number of known query terms (so scores compare across question lengths). Unknown terms are
 * skipped here; they lower the coverage feature instead. `raw` (cleared first) receives the
 * per-article sums over the postings of the question's terms; `lmScore` turns one into the
 * score. Cost: the postings of the question's terms, those of terms found in more than
 * `maxArticles` articles excepted (common-rows.ts: `rows` holds them; `lmScore` adds them).
 */
export function scoreLanguageModel(
  model: ArticleLanguageModel,
  terms: string[],
  mu: number,
  raw: SparseScores,
  maxArticles = Infinity,
  rows?: CommonRows,
): LanguageModelQuery {
  raw.clear();
  const query: LanguageModelQuery = { known: 0, common: [], commonMean: 0, mu };
  const n = Math.max(1, model.lengths.length);
  const table = model.postings;
  for (let k = 0; k < terms.length; k++) {
    const position = table.indexOf(terms[k] as string);
    if (position < 0) continue;
    query.known++;
    if (rows && table.rowLength(position) > maxArticles) {
      const row = rows.row(position);
      const pc = rows.sum(position, 'cf', countOf) / Math.max(1, model.total);
      query.common.push({ row, pc });
      // The sum depends on mu and pc; pc is the row's own (a function of `position`).
      query.commonMean += rows.sum(position, lmKey(mu), likelihood, mu, pc) / n;
      continue;
    }
    const length = table.decodeRow(position);
    const postings = table.rowBuffer;
    let cf = 0;
    for (let i = 1; i < length; i += 2) cf += postings[i] as number;
    const pc = cf / Math.max(1, model.total);
    for (let i = 0; i < length; i += 2) {
      raw.add(postings[i] as number, Math.log(1 + (postings[i + 1] as number) / (mu * pc)));
    }
  }
  return query;
}

function countOf(c: number): number {
  return c;
}

/** A common term's contribution for an article with `c` of it. */
function likelihood(c: number, mu: number, pc: number): number {
  return Math.log(1 + c / (mu * pc));
}

/** Cache key of `likelihood` sums per mu (made once per mu). */
const lmKeys = new Map<number, string>();

function lmKey(mu: number): string {
  let key = lmKeys.get(mu);
  if (key === undefined) {
    key = `lm/${mu}`;
    if (lmKeys.size < 64) lmKeys.set(mu, key);
  }
  return key;
}

/**
 * The language-model score of `article` after scoreLanguageModel (0 when no term is known):
 * `exact` adds the common terms' true contribution, else their mean.
 */
export function lmScore(
  model: ArticleLanguageModel,
  raw: SparseScores,
  query: LanguageModelQuery,
  article: number,
  exact = false,
): number {
  const { known, mu } = query;
  if (known === 0) return 0;
  const len = model.lengths[article] as number;
  let common = 0;
  if (!exact) common = query.commonMean;
  else {
    const rows = query.common;
    for (let i = 0; i < rows.length; i++) {
      const { row, pc } = rows[i] as { row: Int32Array; pc: number };
      const count = valueOf(row, article);
      if (count !== undefined) common += Math.log(1 + count / (mu * pc));
    }
  }
  return (raw.get(article) + common + known * Math.log(mu / (len + mu))) / known;
}
