/**
 * Formats a problem the way compilers do (`file:line: severity: message`), so editors and CI
 * annotate the right line.
 */
import type { Problem } from './article.ts';

/** `en/reset.md:12: error: empty section '## Steps'`, with `file` prefixed by `root` when given. */
export function formatProblem(problem: Problem, root = ''): string {
  const file = root === '' ? problem.file : `${root.replace(/\/+$/, '')}/${problem.file}`;
  return `${file}:${problem.line}: ${problem.severity}: ${problem.message}`;
}
