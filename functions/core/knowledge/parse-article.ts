/**
 * Parses one help article (YAML front matter + Markdown) into an `Article` with `##` sections.
 * Problems (bad YAML, wrong field types, missing title/lang) carry the file and line.
 *
 * Steps: split front matter → read fields → parse the body with mdast-util-from-markdown →
 * cut top-level nodes into sections at `##` → slug ids, source-slice Markdown, plain text.
 */
import { fromMarkdown } from 'mdast-util-from-markdown';
import type { Heading, RootContent } from 'mdast';
import { LANGS, type Lang } from '../types.ts';
import type { Article, Problem, Section } from './article.ts';
import { readFrontMatter } from './front-matter.ts';
import { inlineText, internalLinks, plainText } from './markdown-text.ts';
import { createSlugger } from './slug.ts';

export interface ParseArticleOptions {
  /** Language when the front matter has no `lang` (from the folder: `knowledge/<lang>/`). */
  defaultLang?: Lang;
}

export interface ParsedArticle {
  /** Undefined when the file cannot become an article (bad YAML, no language). */
  article?: Article;
  problems: Problem[];
}

/**
 * Parses `source`, the content of `file` (a path relative to the collection root).
 * @example parseArticle('---\ntitle: Reset\n---\n## Steps\nClick…', 'en/reset.md', { defaultLang: 'en' })
 */
export function parseArticle(
  source: string,
  file: string,
  options: ParseArticleOptions = {},
): ParsedArticle {
  const limit = checkLimits(source, file);
  if (limit) return { problems: [limit] };
  const fm = readFrontMatter(source, file);
  const problems = [...fm.problems];
  if (!fm.data && fm.present) return { problems };
  const data = fm.data ?? {};
  const at = (key: string): number => keyLine(source, key);
  const err = (line: number, message: string): void => {
    problems.push({ file, line, severity: 'error', message });
  };

  const tree = fromMarkdown(fm.body);
  const top = tree.children;
  const firstH2 = top.findIndex((n) => n.type === 'heading' && n.depth === 2);
  const before = firstH2 < 0 ? top : top.slice(0, firstH2);
  const h1 = before.find((n): n is Heading => n.type === 'heading' && n.depth === 1);
  const h1Text = h1 ? inlineText(h1.children).trim() : '';

  const id = optionalString(data.id) ?? baseName(file);
  if (data.id !== undefined && optionalString(data.id) === undefined) {
    err(at('id'), '`id` must be a non-empty string');
  }
  let title = optionalString(data.title);
  if (title === undefined) {
    err(1, 'missing title: add `title:` to the front matter');
    title = h1Text || id;
  }
  const lang = readLang(data.lang, options.defaultLang, at('lang'), err);
  if (!lang) return { problems };

  const article: Article = {
    id,
    title,
    lang,
    tags: stringList(data, 'tags', at('tags'), err),
    questions: stringList(data, 'questions', at('questions'), err),
    source: file,
    sections: [],
  };
  for (const key of ['summary', 'owner'] as const) {
    const value = data[key];
    if (value === undefined || value === null) continue;
    if (typeof value === 'string') article[key] = value.trim();
    else err(at(key), `\`${key}\` must be a string`);
  }
  const updated = readUpdated(data.updated);
  if (updated !== undefined) article.updated = updated;

  article.sections = cutSections(fm.body, top, firstH2, h1, title, fm.lineOffset);
  article.links = internalLinks(tree).map((l) => ({ href: l.href, line: l.line + fm.lineOffset }));
  return { article, problems: problems.sort((a, b) => a.line - b.line) };
}

function cutSections(
  body: string,
  top: RootContent[],
  firstH2: number,
  h1: Heading | undefined,
  title: string,
  lineOffset: number,
): Section[] {
  const sections: Section[] = [];
  const slug = createSlugger();
  const end = firstH2 < 0 ? top.length : firstH2;
  const intro = top.slice(0, end).filter((n) => n !== h1);
  if (intro.length > 0) {
    sections.push({
      id: '',
      heading: title,
      markdown: intro.map((n) => slice(body, n)).join('\n\n'),
      text: plainText(intro),
      line: lineOf(h1 ?? intro[0]) + lineOffset,
      bodyLine: lineOf(intro[0]) + lineOffset,
    });
  }
  let i = end;
  while (i < top.length) {
    const heading = top[i] as Heading;
    let next = i + 1;
    while (next < top.length && !isH2(top[next])) next += 1;
    const content = top.slice(i + 1, next);
    const from = heading.position?.end.offset ?? 0;
    const to = top[next]?.position?.start.offset ?? body.length;
    const text = inlineText(heading.children).trim();
    sections.push({
      id: slug(text),
      heading: text,
      markdown: body.slice(from, to).trim(),
      text: plainText(content),
      line: lineOf(heading) + lineOffset,
      ...(content[0] ? { bodyLine: lineOf(content[0]) + lineOffset } : {}),
    });
    i = next;
  }
  return sections;
}

function isH2(node: RootContent | undefined): boolean {
  return node?.type === 'heading' && node.depth === 2;
}

function slice(body: string, node: RootContent): string {
  return body.slice(node.position?.start.offset ?? 0, node.position?.end.offset ?? 0);
}

function lineOf(node: RootContent | undefined): number {
  return node?.position?.start.line ?? 1;
}

function readLang(
  value: unknown,
  fallback: Lang | undefined,
  line: number,
  err: (line: number, message: string) => void,
): Lang | undefined {
  if (value === undefined || value === null) {
    if (!fallback) err(1, 'missing lang: add `lang: en` or `lang: ar` to the front matter');
    return fallback;
  }
  if (typeof value === 'string' && (LANGS as readonly string[]).includes(value)) {
    return value as Lang;
  }
  err(line, `invalid lang ${JSON.stringify(value)}: expected one of ${LANGS.join(', ')}`);
  return undefined;
}

function stringList(
  data: Record<string, unknown>,
  key: 'tags' | 'questions',
  line: number,
  err: (line: number, message: string) => void,
): string[] {
  const value = data[key];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    err(line, `\`${key}\` must be a list of strings`);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  }
  return value.map((v: string) => v.trim()).filter((v) => v !== '');
}

function readUpdated(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (value instanceof Date && !Number.isNaN(value.getTime())) {
    return value.toISOString().slice(0, 10);
  }
  return String(value);
}

function optionalString(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function baseName(file: string): string {
  const name = file.split(/[\\/]/).pop() ?? file;
  return name.replace(/\.md$/i, '');
}

/** Line of `key:` in the front matter (the file starts with `---`), or 1 when not found. */
function keyLine(source: string, key: string): number {
  const lines = source.split(/\r?\n/);
  for (let i = 1; i < lines.length && !/^(---|\.\.\.)\s*$/.test(lines[i] ?? ''); i += 1) {
    if ((lines[i] ?? '').startsWith(`${key}:`)) return i + 1;
  }
  return 1;
}

/** Hard limits, checked before parsing: an article past them is not a help article. */
export const ARTICLE_LIMITS = { bytes: 100_000, lineChars: 5_000, nesting: 12 } as const;

/**
 * The first limit the source breaks, as a problem at its line; undefined when it keeps them.
 * Nesting counts blockquote markers and list indentation (four spaces or a tab a level), which
 * is what makes a Markdown parser's work grow faster than the text.
 */
export function checkLimits(source: string, file: string): Problem | undefined {
  const problem = (line: number, message: string): Problem => ({
    file,
    line,
    severity: 'error',
    message,
  });
  if (source.length > ARTICLE_LIMITS.bytes) {
    return problem(1, `article is ${source.length} characters; the limit is ${ARTICLE_LIMITS.bytes}`);
  }
  let line = 1;
  let start = 0;
  while (start <= source.length) {
    let end = source.indexOf('\n', start);
    if (end < 0) end = source.length;
    if (end - start > ARTICLE_LIMITS.lineChars) {
      return problem(line, `line is ${end - start} characters; the limit is ${ARTICLE_LIMITS.lineChars}`);
    }
    let depth = 0;
    let spaces = 0;
    for (let i = start; i < end; i++) {
      const c = source[i];
      if (c === '>') depth++;
      else if (c === ' ') {
        if (++spaces === 4) {
          depth++;
          spaces = 0;
        }
      } else if (c === '\t') depth++;
      else break;
    }
    if (depth > ARTICLE_LIMITS.nesting) {
      return problem(line, `quotes or lists nested ${depth} deep; the limit is ${ARTICLE_LIMITS.nesting}`);
    }
    line++;
    start = end + 1;
  }
  return undefined;
}
