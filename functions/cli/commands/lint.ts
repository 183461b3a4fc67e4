/**
 * `kb lint [dir]`: prints every problem as `file:line: severity: message` and a count line;
 * exits 1 when there is an error (warnings alone pass).
 */
import { formatProblem } from '#core/knowledge/format-problem.ts';
import { countLine, loadKnowledge } from '../load-knowledge.ts';
import type { Output } from '../output.ts';
import { readArgs } from '../read-args.ts';
import { UsageError } from '../cli-error.ts';

export async function runLint(args: string[], io: Output): Promise<number> {
  const { positionals } = readArgs(args, {});
  if (positionals.length > 1) throw new UsageError('kb lint takes at most one folder');
  const dir = positionals[0] ?? 'knowledge';
  const checked = await loadKnowledge(dir);
  for (const problem of checked.problems) io.out(formatProblem(problem, dir));
  io.out(countLine(checked));
  return checked.errors > 0 ? 1 : 0;
}
