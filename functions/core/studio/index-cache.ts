/**
 * Knowledge indexes built for drafts (try-it, test-all), kept by the hash of their articles'
 * content in a small LRU: a writer trying questions against one draft builds its index once
 * (~1–2 s for the sample collection), and a few drafts open at once do not rebuild in turn.
 * A collection identical to the live one uses the live index itself.
 */
import type { Article } from '../knowledge/article.ts';
import { buildIndexArtifact, hashArticles } from '../retrieval/build-index.ts';
import { KnowledgeIndex } from '../retrieval/knowledge-index.ts';

/** Indexes kept (each is a few MiB for the sample collection). */
export const INDEX_CACHE_SIZE = 3;

export class IndexCache {
  private readonly indexes = new Map<string, KnowledgeIndex>();
  /** Builds done so far (for tests and logs). */
  builds = 0;

  constructor(private readonly size = INDEX_CACHE_SIZE) {}

  /**
   * The index of `articles`: `live` when its content is the same, else a cached or new build.
   * @example const index = cache.index(articles, await knowledge.current());
   */
  index(articles: Article[], live?: KnowledgeIndex): KnowledgeIndex {
    const hash = hashArticles(articles);
    if (live && live.meta.hash === hash) return live;
    const cached = this.indexes.get(hash);
    if (cached) {
      // Most recently used last.
      this.indexes.delete(hash);
      this.indexes.set(hash, cached);
      return cached;
    }
    const built = KnowledgeIndex.load(buildIndexArtifact(articles));
    this.builds += 1;
    this.indexes.set(hash, built);
    while (this.indexes.size > this.size) {
      const oldest = this.indexes.keys().next().value;
      if (oldest === undefined) break;
      this.indexes.delete(oldest);
    }
    return built;
  }
}
