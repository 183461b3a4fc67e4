/**
 * The knowledge index as an artifact: what `kb build` writes and a Lambda loads at cold start,
 * stored as a binary container (artifact-container.ts: a small JSON header, the packed data and
 * the display records as bytes) and JSON-serialisable as well (tests, tools). Per language: the searchable postings (Lunr's inverted index and BM25 field
 * vectors in compact form, term-postings.ts), the small document store needed to answer (titles,
 * section snippets, summaries) and what was learned at build time (term weights, language model,
 * article profiles, question classifier; per-term tables as pair-table.ts, integers packed as
 * packed-ints.ts), plus the calibration. Version 4: compact encoding (version 3 was Lunr's own
 * JSON, ~7× larger and ~10× slower to load).
 */
import type { Lang } from '../types.ts';
import type { ArticleLanguageModel } from './article-language-model.ts';
import type { ArticleVectors } from './article-vectors.ts';
import type { CalibrationModel } from './calibration.ts';
import type { ArticleList } from './article-list.ts';
import type { PackedWire } from './packed-ints.ts';
import type { PairTableData } from './pair-table.ts';
import type { QuestionClassifier } from './question-classifier.ts';
import type { TermPostings, TermPostingsData } from './term-postings.ts';

export const ARTIFACT_VERSION = 4;

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
  /** The article's front matter `tags` (hand-offs are routed to support queues by them). */
  tags?: string[];
  sections: SectionRecord[];
}

/**
 * One searchable document: `[kind, articleIndex, sectionOrQuestionIndex, termCount]`.
 * kind 0 = an article section (title, heading, body), kind 1 = one of the article's questions.
 * In LangIndex.docs these are four consecutive integers per document.
 */
export type DocEntry = [kind: 0 | 1, article: number, part: number, terms: number];
export const DOC_STRIDE = 4;

/** One language in memory (as built, and as loaded from LangIndexData). */
export interface LangIndex {
  /** Searchable postings (Lunr's index, compact); refs are document numbers in `docs`. */
  postings: TermPostings;
  /** DocEntry values, DOC_STRIDE integers per document. */
  docs: Int32Array;
  /** The articles' display records, by article number (decoded when asked for). */
  articles: ArticleList;
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
  indexes: Partial<Record<Lang, LangIndexData>>;
  calibration: CalibrationModel;
}

/** One language as stored: LangIndex with its large tables packed (see LangIndex for meaning). */
export interface LangIndexData {
  postings: TermPostingsData;
  /** DocEntry values, four integers per document (packed). */
  docs: PackedWire;
  docCount: number;
  /**
   * The display records: a list in memory and in JSON; in the binary container, the article
   * ids and the records as one UTF-8 blob with their byte lengths (artifact-container.ts).
   */
  articles: ArticleRecord[] | ArticleList;
  termWeights: Record<string, number>;
  docFreq: Record<string, number>;
  lm: { lengths: PackedWire; total: number; postings: PairTableData };
  /** `idf`: one packed integer per postings key, in key order. */
  vectors: { postings: PairTableData; idf: PackedWire; unknownIdf: number };
  words: Record<string, number>;
  unknownTermWeight: number;
  classifier?: { weights: PairTableData };
}
