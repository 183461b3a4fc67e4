/**
 * Lints a parsed collection: the checks a content team needs before publishing (missing fields,
 * duplicate ids, empty sections, broken internal links, answers too long for SMS or voice, facts
 * such as times and fees that differ between the language versions of an article).
 * Returns problems sorted by file and line; the caller refuses to build when any is an error.
 */
import { posix } from 'node:path';
import type { Lang } from '../types.ts';
import type { Article, Problem } from './article.ts';
import { factProblems } from './compare-facts.ts';
import { folderLang } from './load-collection.ts';

/** Longest `summary` read out by voice or sent as SMS: GSM-7 for English, UCS-2 for Arabic. */
export const SUMMARY_LIMITS: Record<Lang, number> = { en: 250, ar: 200 };
/** Fewer alternative phrasings than this and matching gets brittle. */
export const MIN_QUESTIONS = 3;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface LintOptions {
  /**
   * Severity of a link to a file that is not in the collection (default `error`). The indexer
   * uses `warning`: deleting an article others link to must take effect, not block publishing.
   */
  missingLinkSeverity?: Problem['severity'];
}

/**
 * All problems of the collection: `parseProblems` (from loadCollection) plus the lint rules.
 * @example const problems = lintArticles(collection.articles, collection.problems);
 */
export function lintArticles(
  articles: readonly Article[],
  parseProblems: readonly Problem[] = [],
  options: LintOptions = {},
): Problem[] {
  const missingLinkSeverity = options.missingLinkSeverity ?? 'error';
  const problems: Problem[] = [...parseProblems];
  const existing = new Set([...articles.map((a) => a.source), ...parseProblems.map((p) => p.file)]);
  const bySource = new Map(articles.map((a) => [a.source, a]));
  const firstById = new Map<string, Article>();

  for (const article of articles) {
    const file = article.source;
    const error = (line: number, message: string): void => {
      problems.push({ file, line, severity: 'error', message });
    };
    const warn = (line: number, message: string): void => {
      problems.push({ file, line, severity: 'warning', message });
    };

    if (article.title.trim() === '') error(1, 'missing title');
    const folder = folderLang(file);
    if (folder && folder !== article.lang) {
      error(1, `lang is '${article.lang}' but the article is in the '${folder}/' folder`);
    }
    const key = `${article.lang}:${article.id}`;
    const first = firstById.get(key);
    if (first) error(1, `duplicate id '${article.id}' in ${article.lang} (also ${first.source})`);
    else firstById.set(key, article);

    const summary = article.summary?.trim() ?? '';
    const limit = SUMMARY_LIMITS[article.lang];
    if (summary === '') warn(1, 'no summary: voice and SMS answers fall back to the section text');
    else if ([...summary].length > limit) {
      warn(
        1,
        `summary is ${[...summary].length} characters: keep it to ${limit} for voice/SMS` +
          (article.lang === 'ar' ? ' (Arabic SMS is UCS-2)' : ''),
      );
    }
    if (article.questions.length < MIN_QUESTIONS) {
      warn(1, `only ${article.questions.length} question(s): list at least ${MIN_QUESTIONS} phrasings`);
    }
    if (article.updated !== undefined && !isIsoDate(article.updated)) {
      warn(1, `updated '${article.updated}' is not a YYYY-MM-DD date`);
    }

    if (article.sections.length === 0) warn(1, 'no sections: the article has no body text');
    for (const section of article.sections) {
      if (section.id !== '' && section.markdown.trim() === '') {
        error(section.line, `empty section '## ${section.heading}'`);
      }
    }
    for (const link of article.links ?? []) {
      const broken = brokenLink(article, link.href, bySource, existing);
      if (!broken) continue;
      const message = `broken link '${link.href}': ${broken.reason}`;
      if (broken.missingFile && missingLinkSeverity === 'warning') warn(link.line, message);
      else error(link.line, message);
    }
  }
  problems.push(...factProblems(articles));
  return problems.sort(compareProblems);
}

/** Why `href` from `article` does not resolve, or undefined when it does. */
function brokenLink(
  article: Article,
  href: string,
  bySource: ReadonlyMap<string, Article>,
  existing: ReadonlySet<string>,
): { reason: string; missingFile: boolean } | undefined {
  const hash = href.indexOf('#');
  const path = hash < 0 ? href : href.slice(0, hash);
  const anchor = hash < 0 ? '' : safeDecode(href.slice(hash + 1));
  const target = path === '' ? article.source : posix.join(posix.dirname(article.source), safeDecode(path));
  if (!existing.has(target)) {
    return { reason: `no file ${target} in the collection`, missingFile: true };
  }
  const linked = bySource.get(target);
  if (anchor === '' || !linked) return undefined;
  const ids = new Set(linked.sections.map((s) => s.id));
  if (ids.has(anchor) || ids.has(anchor.toLowerCase())) return undefined;
  return { reason: `no section '#${anchor}' in ${target}`, missingFile: false };
}

function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function compareProblems(a: Problem, b: Problem): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.line !== b.line) return a.line - b.line;
  if (a.severity !== b.severity) return a.severity === 'error' ? -1 : 1;
  return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}
