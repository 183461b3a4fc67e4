/**
 * `kb pull [dir] --bucket <name>`: copies the live articles from the knowledge bucket (the
 * source of truth) into dir (default `knowledge`), to review, commit as a backup, or edit and
 * `kb push`. Local articles the bucket does not hold are listed, never deleted.
 */
import { pullArticles } from '#adapters/s3/knowledge-sync.ts';
import type { Output } from '../output.ts';
import { readS3Target } from './s3-target.ts';

export async function runPull(args: string[], io: Output): Promise<number> {
  const target = readS3Target('pull', args);
  try {
    const result = await pullArticles(target);
    for (const file of result.written) io.out(`pulled ${file}`);
    for (const file of result.localOnly) {
      io.err(`only local: ${file} (kb push to publish it, or delete it)`);
    }
    io.out(
      `${result.written.length} pulled, ${result.unchanged.length} unchanged, ` +
        `${result.localOnly.length} only local`,
    );
    return 0;
  } finally {
    target.s3.destroy();
  }
}
