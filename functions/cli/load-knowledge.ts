/**
 * Loads and lints a knowledge folder for the CLI commands; an unreadable folder becomes a
 * CliError with the path in the message.
 */
import type { Article, Problem } from '#core/knowledge/article.ts';
import { lintArticles } from '#core/knowledge/lint-collection.ts';
import { loadCollection } from '#core/knowledge/load-collection.ts';
import { CliError } from './cli-error.ts';

export interface CheckedKnowledge {
  articles: Article[];
  /** Parse and lint problems, sorted by file and line, `file` relative to the folder. */
  problems: Problem[];
  files: number;
  errors: number;
  warnings: number;
}

export async function loadKnowledge(dir: string): Promise<CheckedKnowledge> {
  let collection;
  try {
    collection = await loadCollection(dir);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new CliError(`cannot read knowledge folder '${dir}': ${reason}`, 1, { cause: error });
  }
  const problems = lintArticles(collection.articles, collection.problems);
  const errors = problems.filter((p) => p.severity === 'error').length;
  return {
    articles: collection.articles,
    problems,
    files: collection.files,
    errors,
    warnings: problems.length - errors,
  };
}

/** "2 errors, 1 warning in 6 files". */
export function countLine(checked: CheckedKnowledge): string {
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(checked.errors, 'error')}, ${plural(checked.warnings, 'warning')} in ${plural(checked.files, 'file')}`;
}
