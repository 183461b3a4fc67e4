/**
 * Articles → IndexArtifact. Every article section becomes a document (title, heading, body)
 * and so does each of the article's `questions` (and its title, phrased as a question); at
 * query time the question hits vote for their article. When articles list questions, a question
 * classifier is trained on them too (question-classifier.ts). Pipelines are empty: terms come from
 * analyzeText, the same function the query side uses. Deterministic for the same input.
 *
 * @example
 *   const artifact = buildIndexArtifact(articles);
 *   const index = KnowledgeIndex.load(JSON.stringify(artifact));
 */
import { createHash } from 'node:crypto';
import type { Article } from '../knowledge/article.ts';
import type { Lang } from '../types.ts';
import { LANGS } from '../types.ts';
import { analyzeText } from './analyze-text.ts';
import { buildLanguageModel } from './article-language-model.ts';
import { buildArticleVectors, textFeatures } from './article-vectors.ts';
import type { FeatureBag } from './article-vectors.ts';
import { questionWords } from './rewrite-question.ts';
import { MAX_WORD_LENGTH } from './vocabulary.ts';
import { CALIBRATION } from './calibration.ts';
import { toArticleRecord } from './article-record.ts';
import type { DocEntry, IndexArtifact, LangIndex } from './index-artifact.ts';
import { ARTIFACT_VERSION } from './index-artifact.ts';
import { trainQuestionClassifier } from './question-classifier.ts';
import type { TrainingExample } from './question-classifier.ts';

/** Above this many articles (per language) the question classifier is not trained. */
export const MAX_CLASSIFIER_ARTICLES = 2_000;
import { setupLunr } from './lunr-setup.ts';

export interface BuildOptions {
  onProgress?: (done: number, total: number) => void;
  now?: Date;
}

/** sha256 over the articles' content, independent of input order. */
export function hashArticles(articles: Article[]): string {
  const canonical = sortArticles(articles).map((a) => [
    a.lang,
    a.id,
    a.title,
    a.summary ?? '',
    a.tags,
    a.questions,
    a.sections.map((s) => [s.id, s.heading, s.markdown]),
  ]);
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

function sortArticles(articles: Article[]): Article[] {
  return [...articles].sort((x, y) =>
    x.lang === y.lang ? (x.id < y.id ? -1 : x.id > y.id ? 1 : 0) : x.lang < y.lang ? -1 : 1,
  );
}

function unique(terms: string[]): number {
  return new Set(terms).size;
}

function buildLangIndex(articles: Article[], progress: () => void): LangIndex {
  const lunr = setupLunr();
  const builder = new lunr.Builder();
  builder.ref('ref');
  for (const field of ['title', 'heading', 'body', 'question']) builder.field(field);
  builder.metadataWhitelist = [];
  const docs: DocEntry[] = [];
  const docFreq: Record<string, number> = Object.create(null) as Record<string, number>;
  const countDoc = (terms: string[]): void => {
    for (const t of new Set(terms)) docFreq[t] = (docFreq[t] ?? 0) + 1;
  };
  const articleTerms: Set<string>[] = [];
  const articleStems: string[][] = [];
  const examples: TrainingExample[] = [];
  const questionBags: FeatureBag[][] = [];
  const words = new Map<string, number>();
  const countWords = (text: string): void => {
    for (const w of questionWords(text, Infinity)) {
      if (w.length <= MAX_WORD_LENGTH) words.set(w, (words.get(w) ?? 0) + 1);
    }
  };
  const bodyBags: FeatureBag[] = [];

  articles.forEach((article, a) => {
    const seen = new Set<string>();
    articleTerms.push(seen);
    const stems: string[] = [];
    articleStems.push(stems);
    const title = analyzeText(article.title);
    const summary = analyzeText(article.summary ?? '');
    const bags: FeatureBag[] = [];
    questionBags.push(bags);
    const bodyText = [
      article.title,
      article.summary ?? '',
      ...article.sections.map((s) => `${s.heading}\n${s.text}`),
    ].join('\n');
    countWords(bodyText);
    for (const q of article.questions) countWords(q);
    stems.push(...title.all, ...summary.all);
    for (const t of [...title.terms, ...summary.terms]) seen.add(t);
    article.sections.forEach((section, s) => {
      const heading = analyzeText(section.heading);
      const body = analyzeText(section.text);
      const bodyTerms = s === 0 ? [...summary.terms, ...body.terms] : body.terms;
      for (const t of [...heading.terms, ...body.terms]) seen.add(t);
      stems.push(...heading.all, ...body.all);
      builder.add({
        ref: String(docs.length),
        title: title.terms,
        heading: heading.terms,
        body: bodyTerms,
      });
      countDoc([...title.terms, ...heading.terms, ...bodyTerms]);
      docs.push([0, a, s, unique([...title.terms, ...heading.terms, ...bodyTerms])]);
    });
    // The profile's body side: the words analysed above (title, summary, headings, text).
    bodyBags.push(textFeatures(bodyText, { terms: [...seen], all: stems }, Infinity));
    // The title is one more way to ask; questions come first so part indexes match.
    [...article.questions, article.title].forEach((question, q) => {
      const analyzed = analyzeText(question);
      bags.push(textFeatures(question, analyzed));
      stems.push(...analyzed.all);
      if (analyzed.all.length > 0) examples.push({ stems: analyzed.all, article: a });
      if (analyzed.terms.length === 0) return;
      for (const t of analyzed.terms) seen.add(t);
      builder.add({ ref: String(docs.length), question: analyzed.terms });
      countDoc(analyzed.terms);
      docs.push([1, a, q, unique(analyzed.terms)]);
    });
    progress();
  });

  // Term weight: IDF over articles, so a word specific to one article outweighs a common one.
  const df = new Map<string, number>();
  for (const terms of articleTerms) for (const t of terms) df.set(t, (df.get(t) ?? 0) + 1);
  const n = articles.length;
  const termWeights: Record<string, number> = Object.create(null) as Record<string, number>;
  for (const [t, count] of [...df.entries()].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) {
    termWeights[t] = Math.round(Math.log(1 + n / count) * 1000) / 1000;
  }
  return {
    lunr: builder.build().toJSON(),
    docs,
    articles: articles.map(toArticleRecord),
    termWeights,
    docFreq,
    lm: buildLanguageModel(articleStems),
    vectors: buildArticleVectors(questionBags, bodyBags),
    words: Object.fromEntries(
      [...words.entries()].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)),
    ),
    unknownTermWeight: Math.round(Math.log(1 + n) * 1000) / 1000,
    // Only collections whose articles list questions (the same test as the calibration model's
    // choice at load) give the classifier enough to learn from. Its training and weights grow
    // with articles × features, so very large collections rank without it.
    ...(examples.length >= 2 * Math.max(1, n) && n <= MAX_CLASSIFIER_ARTICLES
      ? { classifier: trainQuestionClassifier(examples, n) }
      : {}),
  };
}

export function buildIndexArtifact(articles: Article[], options: BuildOptions = {}): IndexArtifact {
  const sorted = sortArticles(articles);
  const total = sorted.length;
  let done = 0;
  const progress = (): void => options.onProgress?.(++done, total);
  const langs: Lang[] = LANGS.filter((lang) => sorted.some((a) => a.lang === lang));
  const indexes: IndexArtifact['indexes'] = {};
  for (const lang of langs) {
    indexes[lang] = buildLangIndex(
      sorted.filter((a) => a.lang === lang),
      progress,
    );
  }
  return {
    version: ARTIFACT_VERSION,
    hash: hashArticles(sorted),
    builtAt: (options.now ?? new Date()).toISOString(),
    articleCount: total,
    langs,
    indexes,
    calibration: CALIBRATION,
  };
}
