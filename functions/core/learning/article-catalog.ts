/**
 * Where the live articles' `questions` come from, so a suggestion never proposes a phrasing an
 * article already lists. The index artifact does not keep questions, so this is its own port;
 * without one, only accepted phrasings are left out.
 */
import type { Lang } from '../types.ts';

export interface ArticleCatalog {
  /** Article id → its `questions`, for one language. */
  questions(lang: Lang): Promise<ReadonlyMap<string, readonly string[]>>;
}

/** The catalog of a set of parsed articles (e.g. `loadCollection(dir)`'s). */
export function articleCatalogOf(
  articles: readonly { id: string; lang: Lang; questions: readonly string[] }[],
): ArticleCatalog {
  return {
    questions: async (lang) =>
      new Map(articles.filter((a) => a.lang === lang).map((a) => [a.id, a.questions])),
  };
}
