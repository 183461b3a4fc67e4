/**
 * Which articles go into the index when some of them are broken: each article with a lint
 * error is left out on its own (the rest still publish), and its last good version — the source
 * that was accepted the last time it passed — is served instead when there is one. Links to an
 * article that is not in the collection (deleted, or rejected with no last good version) are
 * warnings, so a deletion always takes effect.
 *
 * Steps: parse every file → lint the whole set → take out each file with an error, putting its
 * last good version in its place → lint again, until a lint has no errors (each round takes out
 * at least one file, so it ends).
 *
 * Pure (no I/O of its own): used by the S3 indexer and the studio's local rebuild alike.
 */
import type { Article, Problem } from './article.ts';
import { lintArticles } from './lint-collection.ts';
import { folderLang } from './load-collection.ts';
import { parseArticle } from './parse-article.ts';

/** One article file of the collection: its collection-relative path and its text. */
export interface ArticleFile {
  /** Path relative to the collection root, posix separators, e.g. `en/reset-password.md`. */
  file: string;
  source: string;
}

/** An article left out of the index, with why, and what serves in its place. */
export interface RejectedArticle {
  /** Collection-relative path, e.g. `en/reset-password.md`. */
  file: string;
  /** The `owner` of the rejected version (or of the last good one when it has none). */
  owner?: string;
  /** The lint messages of the rejected version (errors first, then warnings). */
  problems: Problem[];
  /** `last-good`: its last accepted version keeps serving; `none`: it is not in the index. */
  serving: 'last-good' | 'none';
}

export interface Selection {
  /** The articles to index. */
  articles: Article[];
  /** Files whose current version was accepted (their source becomes the last good version). */
  accepted: ArticleFile[];
  rejected: RejectedArticle[];
  /** Warnings of the articles indexed. */
  warnings: Problem[];
}

interface Candidate {
  article: Article;
  origin: 'current' | 'last-good';
  source: string;
}

/**
 * Picks the articles to publish from the current files and the last good versions.
 * @example const { articles, rejected } = await selectPublishable(files, (f) => lastGood.read(f));
 */
export async function selectPublishable(
  files: readonly ArticleFile[],
  readLastGood: (file: string) => Promise<string | undefined>,
): Promise<Selection> {
  const candidates = new Map<string, Candidate>();
  const rejected = new Map<string, RejectedArticle>();
  const parseProblems: Problem[] = [];
  for (const { file, source } of files) {
    const parsed = parseArticle(source, file, { defaultLang: folderLang(file) });
    if (parsed.article)
      candidates.set(file, { article: parsed.article, origin: 'current', source });
    if (parsed.problems.some((p) => p.severity === 'error')) {
      candidates.delete(file);
      rejected.set(file, rejection(file, parsed.article, parsed.problems));
    } else {
      parseProblems.push(...parsed.problems);
    }
  }
  for (const file of rejected.keys()) await useLastGood(file);

  let problems: Problem[] = [];
  for (;;) {
    const articles = [...candidates.values()].map((c) => c.article);
    const fileProblems = parseProblems.filter((p) => candidates.get(p.file)?.origin === 'current');
    problems = lintArticles(articles, fileProblems, { missingLinkSeverity: 'warning' });
    const failing = new Set(problems.filter((p) => p.severity === 'error').map((p) => p.file));
    if (failing.size === 0) break;
    for (const file of failing) {
      const candidate = candidates.get(file);
      candidates.delete(file);
      if (!candidate) continue;
      if (candidate.origin === 'last-good') {
        const entry = rejected.get(file);
        if (entry) entry.serving = 'none';
        continue;
      }
      const own = problems.filter((p) => p.file === file);
      rejected.set(file, rejection(file, candidate.article, own));
      await useLastGood(file);
    }
  }

  const accepted = files.filter((f) => candidates.get(f.file)?.origin === 'current');
  return {
    articles: [...candidates.values()].map((c) => c.article),
    accepted,
    rejected: [...rejected.values()],
    warnings: problems,
  };

  async function useLastGood(file: string): Promise<void> {
    const source = await readLastGood(file);
    const entry = rejected.get(file);
    if (source === undefined || !entry) return;
    const parsed = parseArticle(source, file, { defaultLang: folderLang(file) });
    if (!parsed.article || parsed.problems.some((p) => p.severity === 'error')) return;
    candidates.set(file, { article: parsed.article, origin: 'last-good', source });
    entry.serving = 'last-good';
    entry.owner ??= parsed.article.owner;
  }
}

function rejection(
  file: string,
  article: Article | undefined,
  problems: Problem[],
): RejectedArticle {
  const sorted = [...problems].sort((a, b) =>
    a.severity === b.severity ? a.line - b.line : a.severity === 'error' ? -1 : 1,
  );
  return {
    file,
    ...(article?.owner ? { owner: article.owner } : {}),
    problems: sorted,
    serving: 'none',
  };
}
