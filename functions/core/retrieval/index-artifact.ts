/**
 * The knowledge index as a JSON-serialisable artifact: what `kb build` writes and a Lambda loads
 * at cold start. One serialised Lunr index per language, the small document store needed to
 * answer (titles, section snippets, summaries, URLs) and what was learned at build time (term
 * weights, calibration).
 */
import type { Lang } from '../types.ts';
import type { ArticleLanguageModel } from './article-language-model.ts';
import type { ArticleVectors } from './article-vectors.ts';
import type { CalibrationModel } from './calibration.ts';
import type { QuestionClassifier } from './question-classifier.ts';

export const ARTIFACT_VERSION = 3;

export interface SectionRecord {
  id: string;
  heading: string;
  /** Section text, trimmed for display. */
  snippet: string;
  /**
   * Section body as Markdown for the web (without its heading), at most ~1,500 characters: links
   * rewritten to public `/help/<lang>/<id>` URLs (external `https:` kept), raw HTML, images and
   * other links reduced to text (render/section-markdown.ts).
   */
  markdown: string;
  url: string;
}

export interface ArticleRecord {
  id: string;
  title: string;
  lang: Lang;
  /** `/help/<lang>/<id>` */
  url: string;
  summary?: string;
  sections: SectionRecord[];
}

/**
 * One searchable document: `[kind, articleIndex, sectionOrQuestionIndex, termCount]`.
 * kind 0 = an article section (title, heading, body), kind 1 = one of the article's questions.
 */
export type DocEntry = [kind: 0 | 1, article: number, part: number, terms: number];

export interface LangIndex {
  /** Serialised Lunr index; refs are positions in `docs`. */
  lunr: object;
  docs: DocEntry[];
  articles: ArticleRecord[];
  /** Term → weight learned from how specific the term is to one article (IDF over articles). */
  termWeights: Record<string, number>;
  /** Term → number of documents containing it (keeps very common terms out of Lunr queries). */
  docFreq: Record<string, number>;
  /** Per-article unigram language model (learned at build time). */
  lm: ArticleLanguageModel;
  /** Per-article TF-IDF profile over stems and character n-grams (learned at build time). */
  vectors: ArticleVectors;
  /** Normalised words of the articles with their counts (spelling, dialect, Arabizi look-ups). */
  words: Record<string, number>;
  /** Weight of a term the collection has never seen (it still counts against coverage). */
  unknownTermWeight: number;
  /** Question → article classifier, when the articles list questions (learned at build time). */
  classifier?: QuestionClassifier;
}

export interface IndexArtifact {
  version: number;
  /** sha256 of the articles' content (stable for the same input). */
  hash: string;
  builtAt: string;
  articleCount: number;
  langs: Lang[];
  indexes: Partial<Record<Lang, LangIndex>>;
  calibration: CalibrationModel;
}
