/**
 * What publishing does with accepted suggestions, on an in-memory copy of the collection: each
 * accepted phrasing is appended to the `questions` of its article (same id, same language as
 * the suggestion), the copy is linted and a new index artifact is built and loaded from its
 * JSON, as the indexer writes it and the knowledge source reads it. knowledge/ is never written.
 */
import type { Article } from '#core/knowledge/article.ts';
import { lintArticles } from '#core/knowledge/lint-collection.ts';
import { normalizePhrasing } from '#core/learning/phrasing.ts';
import { buildIndexArtifact } from '#core/retrieval/build-index.ts';
import { KnowledgeIndex } from '#core/retrieval/knowledge-index.ts';
import type { Lang } from '#core/types.ts';

export interface AcceptedPhrasing {
  lang: Lang;
  articleId: string;
  phrasing: string;
}

export interface AppliedPhrasings {
  articles: Article[];
  /** Phrasings added to an article's `questions`. */
  applied: AcceptedPhrasing[];
  /** Phrasings not added: no article with that id and language, or already listed. */
  skipped: (AcceptedPhrasing & { why: 'no-article' | 'already-listed' })[];
  /** Lint errors the change introduced (publishing would reject those articles). */
  newLintErrors: number;
}

/** A copy of `articles` with the accepted phrasings in their articles' `questions`. */
export function withAcceptedPhrasings(
  articles: readonly Article[],
  accepted: readonly AcceptedPhrasing[],
): AppliedPhrasings {
  const copy = articles.map((a) => ({ ...a, questions: [...a.questions] }));
  const byKey = new Map(copy.map((a) => [`${a.lang}:${a.id}`, a]));
  const applied: AcceptedPhrasing[] = [];
  const skipped: AppliedPhrasings['skipped'] = [];
  for (const item of accepted) {
    const article = byKey.get(`${item.lang}:${item.articleId}`);
    if (!article) {
      skipped.push({ ...item, why: 'no-article' });
      continue;
    }
    const normalized = normalizePhrasing(item.phrasing);
    if (article.questions.some((q) => normalizePhrasing(q) === normalized)) {
      skipped.push({ ...item, why: 'already-listed' });
      continue;
    }
    article.questions.push(item.phrasing);
    applied.push(item);
  }
  const errors = (list: readonly Article[]) =>
    lintArticles(list).filter((p) => p.severity === 'error').length;
  return { articles: copy, applied, skipped, newLintErrors: errors(copy) - errors(articles) };
}

/** Builds and loads the index of `articles`, through the artifact's JSON (as published). */
export function publishIndex(articles: readonly Article[], builtAt: Date): KnowledgeIndex {
  return KnowledgeIndex.load(JSON.stringify(buildIndexArtifact([...articles], { now: builtAt })));
}
