/**
 * The live collection as the studio reads it: the article files of the live DocumentStore
 * (`en/<id>.md`, `ar/<id>.md`), their texts cached by modification time (a listing is cheap, a
 * read is not: 116 S3 GETs per lint would be; see isCurrent), and parsed articles cached by content, so
 * listing statuses, linting a draft or building a draft index parses only what changed.
 */
import type { Article, Problem } from '../knowledge/article.ts';
import { articleCatalogOf, type ArticleCatalog } from '../learning/article-catalog.ts';
import { folderLang } from '../knowledge/load-collection.ts';
import { parseArticle, type ParsedArticle } from '../knowledge/parse-article.ts';
import type { ArticleFile } from '../knowledge/select-publishable.ts';
import type { DocumentStore } from './document-store.ts';
import { isArticleFile, sourceHash } from './studio-keys.ts';

/** A live article file with the hash of its source. */
export interface LiveFile extends ArticleFile {
  hash: string;
}

/** Parsed articles of a set of files, and their parse problems. */
export interface ParsedCollection {
  articles: Article[];
  problems: Problem[];
}

/** Parsed articles kept (by file and content); a collection of thousands still fits. */
const MAX_PARSED = 4_000;
/** A text read this long after its modification time is trusted while that time is unchanged. */
const SETTLE_MS = 2_000;
/** Reads in flight while loading the collection. */
const READ_CONCURRENCY = 16;

export class LiveCollection {
  private readonly texts = new Map<
    string,
    { modifiedAt: string; file: LiveFile; readAt: number }
  >();
  private readonly parsedCache = new Map<string, ParsedArticle>();

  constructor(private readonly store: DocumentStore) {}

  /** Every live article file, sorted by path. */
  async files(): Promise<LiveFile[]> {
    const listing = (await this.store.list('')).filter((l) => isArticleFile(l.key));
    const listed = new Set(listing.map((l) => l.key));
    for (const key of this.texts.keys()) if (!listed.has(key)) this.texts.delete(key);
    const result: (LiveFile | undefined)[] = new Array(listing.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < listing.length) {
        const i = next++;
        const { key, modifiedAt } = listing[i]!;
        const cached = this.texts.get(key);
        result[i] = isCurrent(cached, modifiedAt) ? cached!.file : await this.read(key);
      }
    };
    await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, listing.length) }, worker));
    return result.filter((f): f is LiveFile => f !== undefined);
  }

  /** The live version of one file, or undefined when it has none. */
  async read(file: string): Promise<LiveFile | undefined> {
    const stored = await this.store.get(file);
    if (!stored) {
      this.texts.delete(file);
      return undefined;
    }
    const live = { file, source: stored.text, hash: sourceHash(stored.text) };
    this.texts.set(file, { modifiedAt: stored.modifiedAt, file: live, readAt: Date.now() });
    return live;
  }

  /** Publishes a source to the live collection. */
  async write(file: string, source: string): Promise<void> {
    await this.store.put(file, source);
    this.texts.delete(file);
  }

  /** Takes a file out of the live collection. */
  async remove(file: string): Promise<void> {
    await this.store.delete(file);
    this.texts.delete(file);
  }

  /** `source` parsed as `file` (cached by content). */
  parse(file: string, source: string): ParsedArticle {
    const key = `${file}\u0000${sourceHash(source)}`;
    let parsed = this.parsedCache.get(key);
    if (!parsed) {
      parsed = parseArticle(source, file, { defaultLang: folderLang(file) });
      if (this.parsedCache.size >= MAX_PARSED) {
        const oldest = this.parsedCache.keys().next().value;
        if (oldest !== undefined) this.parsedCache.delete(oldest);
      }
      this.parsedCache.set(key, parsed);
    }
    return parsed;
  }

  /** Parses every file (in the order given) into articles and problems. */
  parseAll(files: readonly ArticleFile[]): ParsedCollection {
    const articles: Article[] = [];
    const problems: Problem[] = [];
    for (const { file, source } of files) {
      const parsed = this.parse(file, source);
      if (parsed.article) articles.push(parsed.article);
      problems.push(...parsed.problems);
    }
    return { articles, problems };
  }

  /** The live articles' listed questions (the learning loop's ArticleCatalog). */
  catalog(): ArticleCatalog {
    return {
      questions: async (lang) =>
        articleCatalogOf(this.parseAll(await this.files()).articles).questions(lang),
    };
  }
}

/**
 * Whether a cached text is the listed version: same modification time, and read well after that
 * time (a store that keeps whole seconds, like S3, gives two writes in one second the same
 * time; a text read within that second is read again).
 */
function isCurrent(
  cached: { modifiedAt: string; readAt: number } | undefined,
  modifiedAt: string,
): boolean {
  if (!cached || cached.modifiedAt !== modifiedAt) return false;
  return cached.readAt > Date.parse(modifiedAt) + SETTLE_MS;
}

/**
 * `files` with `file` set to `source` (added in path order when it is new; removed when
 * `source` is undefined).
 */
export function withFile(
  files: readonly ArticleFile[],
  file: string,
  source: string | undefined,
): ArticleFile[] {
  const rest = files.filter((f) => f.file !== file);
  if (source === undefined) return rest;
  const at = rest.findIndex((f) => f.file > file);
  const entry = { file, source };
  return at < 0 ? [...rest, entry] : [...rest.slice(0, at), entry, ...rest.slice(at)];
}
