/**
 * Articles → IndexArtifact. Every article section becomes a document (title, heading, body)
 * and so does each of the article's `questions` (and its title, phrased as a question); at
 * query time the question hits vote for their article. When articles list questions, a question
 * classifier is trained on them too (question-classifier.ts), whatever the collection's size.
 * Pipelines are empty: terms come from analyzeText, the same function the query side uses.
 * The BM25 weights are Lunr's (computed as lunr.Builder does, term-postings-builder.ts), kept
 * compact (term-postings.ts). Every step is linear in the collection, and each article's
 * analysis is folded into the builders as soon as it is done, so memory grows with what the
 * artifact keeps, not with every word analysed. Deterministic for the same input.
 *
 * @example
 *   const artifact = buildIndexArtifact(articles);
 *   const index = KnowledgeIndex.load(Buffer.concat(encodeArtifact(artifact)));
 */
import { createHash } from 'node:crypto';
import type { Article } from '../knowledge/article.ts';
import type { Lang } from '../types.ts';
import { LANGS } from '../types.ts';
import { analyzeText } from './analyze-text.ts';
import { LanguageModelBuilder } from './article-language-model.ts';
import { ArticleVectorsBuilder, textFeatures } from './article-vectors.ts';
import type { FeatureBag } from './article-vectors.ts';
import { questionWords } from './rewrite-question.ts';
import { MAX_WORD_LENGTH } from './vocabulary.ts';
import { CALIBRATION } from './calibration.ts';
import { toArticleRecord } from './article-record.ts';
import type { IndexArtifact, LangIndexData } from './index-artifact.ts';
import { ARTIFACT_VERSION } from './index-artifact.ts';
import { packInts } from './packed-ints.ts';
import { trainQuestionClassifier } from './question-classifier.ts';
import type { TrainingExample } from './question-classifier.ts';
import { TermPostingsBuilder } from './term-postings-builder.ts';

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

function buildLangIndex(articles: Article[], progress: () => void): LangIndexData {
  // Lunr's BM25 postings, built as Lunr would (term-postings-builder.ts) in a fraction of the memory.
  const builder = new TermPostingsBuilder(['title', 'heading', 'body', 'question']);
  const docs: number[] = [];
  let docCount = 0;
  const docFreq: Record<string, number> = Object.create(null) as Record<string, number>;
  const countDoc = (terms: string[]): void => {
    for (const t of new Set(terms)) docFreq[t] = (docFreq[t] ?? 0) + 1;
  };
  // Per-article analyses are folded into these as each article is done (memory stays flat).
  const df = new Map<string, number>();
  const lmBuilder = new LanguageModelBuilder();
  const vectorsBuilder = new ArticleVectorsBuilder();
  const examples: TrainingExample[] = [];
  const words = new Map<string, number>();
  const countWords = (text: string): void => {
    for (const w of questionWords(text, Infinity)) {
      if (w.length <= MAX_WORD_LENGTH) words.set(w, (words.get(w) ?? 0) + 1);
    }
  };

  articles.forEach((article, a) => {
    const seen = new Set<string>();
    const stems: string[] = [];
    const title = analyzeText(article.title);
    const summary = analyzeText(article.summary ?? '');
    const bags: FeatureBag[] = [];
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
        title: title.terms,
        heading: heading.terms,
        body: bodyTerms,
      });
      countDoc([...title.terms, ...heading.terms, ...bodyTerms]);
      docs.push(0, a, s, unique([...title.terms, ...heading.terms, ...bodyTerms]));
      docCount++;
    });
    // The profile's body side: the words analysed above (title, summary, headings, text).
    const bodyBag = textFeatures(bodyText, { terms: [...seen], all: stems }, Infinity);
    // The title is one more way to ask; questions come first so part indexes match.
    [...article.questions, article.title].forEach((question, q) => {
      const analyzed = analyzeText(question);
      bags.push(textFeatures(question, analyzed));
      stems.push(...analyzed.all);
      if (analyzed.all.length > 0) examples.push({ stems: analyzed.all, article: a });
      if (analyzed.terms.length === 0) return;
      for (const t of analyzed.terms) seen.add(t);
      builder.add({ question: analyzed.terms });
      countDoc(analyzed.terms);
      docs.push(1, a, q, unique(analyzed.terms));
      docCount++;
    });
    vectorsBuilder.add(bags, bodyBag);
    lmBuilder.add(stems);
    for (const t of seen) df.set(t, (df.get(t) ?? 0) + 1);
    progress();
  });

  // Term weight: IDF over articles, so a word specific to one article outweighs a common one.
  const n = articles.length;
  const termWeights: Record<string, number> = Object.create(null) as Record<string, number>;
  for (const [t, count] of [...df.entries()].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) {
    termWeights[t] = Math.round(Math.log(1 + n / count) * 1000) / 1000;
  }
  const lm = lmBuilder.build();
  const vectors = vectorsBuilder.build();
  // Only collections whose articles list questions (the same test as the calibration model's
  // choice at load) give the classifier enough to learn from.
  const classifier =
    examples.length >= 2 * Math.max(1, n) ? trainQuestionClassifier(examples, n) : undefined;
  return {
    postings: builder.build(),
    docs: packInts(docs),
    docCount,
    articles: articles.map(toArticleRecord),
    termWeights,
    docFreq,
    lm: { lengths: packInts(lm.lengths), total: lm.total, postings: lm.postings.toData() },
    vectors: {
      postings: vectors.postings.toData(),
      idf: packInts(vectors.idf),
      unknownIdf: vectors.unknownIdf,
    },
    words: Object.fromEntries(
      [...words.entries()].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)),
    ),
    unknownTermWeight: Math.round(Math.log(1 + n) * 1000) / 1000,
    ...(classifier ? { classifier: { weights: classifier.weights.toData() } } : {}),
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
