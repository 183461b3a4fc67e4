/**
 * The content studio's parts in AWS, for the staff function: the two document stores on S3 (the
 * live collection: the knowledge bucket under `knowledge/`; the studio's drafts, history, audit
 * and publish report: the artifact bucket under `studio/`), the IndexRebuild of a deployed stack
 * (publishing is a write to the knowledge bucket; its S3 event → SQS → indexer rebuilds) and the
 * learning loop's ArticleCatalog read from the live articles.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { folderLang } from '#core/knowledge/load-collection.ts';
import { parseArticle } from '#core/knowledge/parse-article.ts';
import type { ArticleCatalog } from '#core/learning/article-catalog.ts';
import type { Clock, Logger } from '#core/ports.ts';
import type { DocumentStore } from '#core/studio/document-store.ts';
import { readRejectedReport, type IndexRebuild } from '#core/studio/index-rebuild.ts';
import { isArticleFile } from '#core/studio/studio-keys.ts';
import type { Lang } from '#core/types.ts';
import { S3DocumentStore } from '#adapters/s3/s3-document-store.ts';
import type { Config } from '../config.ts';

export interface StudioStores {
  /** The live collection: keys `en/<id>.md`, `ar/<id>.md`. */
  live: DocumentStore;
  /** Drafts, history, audit and the publish report. */
  studio: DocumentStore;
}

/**
 * The S3 stores of the studio, or undefined when the function is not told where they are (the
 * stack always sets both buckets for the staff function; a test may leave them out).
 */
export function s3StudioStores(config: Config, client?: S3Client): StudioStores | undefined {
  const { knowledgeBucket, indexBucket } = config;
  if (!knowledgeBucket || !indexBucket) return undefined;
  const s3 = client ?? new S3Client({});
  return {
    live: new S3DocumentStore({ s3, bucket: knowledgeBucket, prefix: config.knowledgePrefix }),
    studio: new S3DocumentStore({ s3, bucket: indexBucket, prefix: config.studioPrefix }),
  };
}

/**
 * AWS: the write to the knowledge bucket is the rebuild (S3 event → SQS batch window → indexer),
 * so the studio answers `queued`, with the rejections of the last rebuild the indexer reported.
 */
export function queuedS3Rebuild(studio: DocumentStore): IndexRebuild {
  return {
    rebuild: async () => ({ status: 'queued', rejected: await readRejectedReport(studio) }),
  };
}

/** How long the catalog's view of the live articles is reused. */
export const CATALOG_MAX_AGE_MS = 60_000;
/** Articles read in parallel when the catalog refreshes. */
const READ_CONCURRENCY = 8;

interface CatalogEntry {
  /** The listing's version token (modifiedAt when the store gives none). */
  version: string;
  lang: Lang;
  id: string;
  questions: readonly string[];
}

/**
 * The live articles' listed `questions` (so a suggestion never proposes a phrasing an article
 * already lists), read from the live store at most once a minute: one LIST, then GETs (8 at a
 * time) of only the articles whose version changed since, each parsed once. A failed read is
 * logged and answers an empty catalog (only accepted phrasings are left out then); it is not
 * cached, so the next call tries again.
 */
export function liveArticleCatalog(
  live: DocumentStore,
  deps: { clock: Clock; logger: Logger; maxAgeMs?: number },
): ArticleCatalog {
  const maxAge = deps.maxAgeMs ?? CATALOG_MAX_AGE_MS;
  const entries = new Map<string, CatalogEntry | undefined>();
  let snapshot:
    { at: number; byLang: Promise<Map<Lang, Map<string, readonly string[]>>> } | undefined;

  const refresh = async (): Promise<Map<Lang, Map<string, readonly string[]>>> => {
    const listing = (await live.list('')).filter((l) => isArticleFile(l.key));
    const listed = new Set(listing.map((l) => l.key));
    for (const key of entries.keys()) if (!listed.has(key)) entries.delete(key);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < listing.length) {
        const { key, modifiedAt, version } = listing[next++]!;
        const token = version ?? modifiedAt;
        if (entries.has(key) && entries.get(key)?.version === token) continue;
        const stored = await live.get(key);
        if (!stored) {
          entries.delete(key);
          continue;
        }
        const { article } = parseArticle(stored.text, key, { defaultLang: folderLang(key) });
        // A broken article lists no questions the catalog can trust; remembered as such.
        entries.set(
          key,
          article
            ? { version: token, lang: article.lang, id: article.id, questions: article.questions }
            : { version: token, lang: folderLang(key) ?? 'en', id: '', questions: [] },
        );
      }
    };
    await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, listing.length) }, worker));
    const byLang = new Map<Lang, Map<string, readonly string[]>>();
    for (const entry of entries.values()) {
      if (!entry?.id) continue;
      const map = byLang.get(entry.lang) ?? new Map<string, readonly string[]>();
      map.set(entry.id, entry.questions);
      byLang.set(entry.lang, map);
    }
    return byLang;
  };

  const current = (): Promise<Map<Lang, Map<string, readonly string[]>>> => {
    const now = deps.clock.now().getTime();
    if (!snapshot || now - snapshot.at >= maxAge) {
      const entry = { at: now, byLang: refresh() };
      snapshot = entry;
      entry.byLang.catch(() => {
        if (snapshot === entry) snapshot = undefined;
      });
    }
    return snapshot.byLang;
  };

  return {
    async questions(lang) {
      try {
        return (await current()).get(lang) ?? new Map();
      } catch (error) {
        deps.logger.warn('article_catalog.read_failed', {
          error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
        });
        return new Map();
      }
    },
  };
}
