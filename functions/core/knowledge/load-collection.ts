/**
 * Loads a collection of help articles from disk: every `**\/*.md` under `dir` except README.md,
 * in path order (deterministic builds). The first-level folder (`en/`, `ar/`) gives the default
 * language; flat collections (the eval sets) carry `lang` in their front matter.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { LANGS, type Lang } from '../types.ts';
import type { Article, Problem } from './article.ts';
import { parseArticle } from './parse-article.ts';

export interface LoadedCollection {
  articles: Article[];
  /** Parse problems, with `file` relative to `dir` (posix separators). */
  problems: Problem[];
  /** Number of Markdown files read. */
  files: number;
}

/**
 * Reads and parses every article under `dir`.
 * @example const { articles, problems } = await loadCollection('knowledge');
 */
export async function loadCollection(dir: string): Promise<LoadedCollection> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((e) => e.isFile() && /\.md$/i.test(e.name) && e.name.toLowerCase() !== 'readme.md')
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

  const articles: Article[] = [];
  const problems: Problem[] = [];
  for (const file of files) {
    const source = await readFile(join(dir, file), 'utf8');
    const parsed = parseArticle(source, file, { defaultLang: folderLang(file) });
    if (parsed.article) articles.push(parsed.article);
    problems.push(...parsed.problems);
  }
  return { articles, problems, files: files.length };
}

/** `en` for `en/reset.md`, undefined for `reset.md` or `fr/x.md`. */
export function folderLang(file: string): Lang | undefined {
  const parts = file.split('/');
  if (parts.length < 2) return undefined;
  const first = parts[0] as Lang;
  return LANGS.includes(first) ? first : undefined;
}
