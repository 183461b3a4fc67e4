/**
 * Lints one draft *in the collection*: the live articles with the draft in place, so duplicate
 * ids, broken links and anchors and facts that differ from the other language are found as the
 * indexer would find them. Links to a file that is not in the collection are warnings (a
 * deletion must take effect), as in the indexer. Studio rules on top: the front matter `id`
 * must be the file's name (the studio addresses articles by file), a duplicate id is always the
 * draft's error (lint puts it on whichever file sorts second), and an English draft hears about
 * facts that differ from its Arabic version too (lint reports those on the translation).
 */
import type { Problem } from '../knowledge/article.ts';
import { lintArticles } from '../knowledge/lint-collection.ts';
import type { ArticleFile } from '../knowledge/select-publishable.ts';
import { withFile, type LiveCollection } from './live-collection.ts';
import { otherLang, refOfFile } from './studio-keys.ts';

/**
 * The problems of `file` when its source is `source` within `live` (the live files).
 * @example lintDraft(collection, await collection.files(), 'en/reset.md', source)
 */
export function lintDraft(
  collection: LiveCollection,
  live: readonly ArticleFile[],
  file: string,
  source: string,
): Problem[] {
  const ref = refOfFile(file);
  const files = withFile(live, file, source);
  const { articles, problems: parseProblems } = collection.parseAll(files);
  const all = lintArticles(articles, parseProblems, { missingLinkSeverity: 'warning' });
  // Lint reports a duplicate id on whichever file comes second; the draft is told either way.
  const own = all.filter((p) => p.file === file && !p.message.startsWith('duplicate id'));

  const article = articles.find((a) => a.source === file);
  const twin = articles.find(
    (a) => a.source !== file && a.lang === article?.lang && a.id === article?.id,
  );
  if (article && twin) {
    own.push({
      file,
      line: idLine(source),
      severity: 'error',
      message: `duplicate id '${article.id}' in ${article.lang} (also ${twin.source})`,
    });
  }
  if (article && article.id !== ref.id) {
    own.push({
      file,
      line: idLine(source),
      severity: 'error',
      message: `id '${article.id}' does not match the file name '${ref.id}.md': make them the same`,
    });
  }
  // Lint puts fact differences on the translation; the English draft is told about them too.
  if (ref.lang === 'en') {
    const translation = `${otherLang(ref.lang)}/${ref.id}.md`;
    for (const p of all) {
      if (p.file !== translation || !p.message.startsWith(`facts differ from ${file}:`)) continue;
      const line = /\(line (\d+)\)/.exec(p.message)?.[1];
      own.push({ ...p, file, line: line ? Number(line) : 1 });
    }
  }
  return own.sort((a, b) =>
    a.line !== b.line
      ? a.line - b.line
      : a.severity === b.severity
        ? 0
        : a.severity === 'error'
          ? -1
          : 1,
  );
}

/** True when any problem is an error. */
export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}

function idLine(source: string): number {
  const index = source.split(/\r?\n/).findIndex((line) => /^id\s*:/.test(line));
  return index < 0 ? 1 : index + 1;
}
