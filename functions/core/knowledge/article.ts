/**
 * The parsed form of a help article: front matter plus `##` sections. Produced by
 * parse-article.ts from Markdown; consumed by lint and by the index builder.
 */
import type { Lang } from '../types.ts';

export interface Section {
  /** Slug of the heading (GitHub-style), unique within the article; '' for text before the first `##`. */
  id: string;
  heading: string;
  /** Section body as Markdown (without its heading). */
  markdown: string;
  /** Section body as plain text (links, emphasis and tables flattened). */
  text: string;
  /** 1-based line of the heading in the source file. */
  line: number;
  /** 1-based line where `markdown` starts in the source file (for lint messages on body text). */
  bodyLine?: number;
}

export interface Article {
  id: string;
  title: string;
  lang: Lang;
  tags: string[];
  /** Alternative phrasings customers use for this article. */
  questions: string[];
  /** Short answer for voice and SMS (Markdown allowed, kept short). */
  summary?: string;
  owner?: string;
  updated?: string;
  /** Path of the source file, relative to the collection root (for messages: file:line). */
  source: string;
  sections: Section[];
  /** Internal links (relative `.md` hrefs, optional `#anchor`) found in the body, for lint. */
  links?: ArticleLink[];
}

/** A link from an article to another article or section of the collection. */
export interface ArticleLink {
  /** As written, e.g. `reset-password.md#steps`, `../ar/x.md` or `#steps`. */
  href: string;
  /** 1-based line in the source file. */
  line: number;
}

/** A problem found while parsing or linting, reported as `file:line: message`. */
export interface Problem {
  file: string;
  line: number;
  severity: 'error' | 'warning';
  message: string;
}
