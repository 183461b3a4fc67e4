/**
 * `kb push [dir] --bucket <name> [--force]`: uploads the local articles that differ from the
 * knowledge bucket's; the indexer then publishes them (a broken one is rejected on its own).
 * When the bucket holds a newer version of any article than the local file (someone published
 * after your `kb pull`), nothing is pushed and the articles are listed: pull, merge, push again
 * — or `--force` to overwrite. Articles only in the bucket are listed, never deleted.
 */
import { pushArticles } from '#adapters/s3/knowledge-sync.ts';
import type { Output } from '../output.ts';
import { readS3Target } from './s3-target.ts';

export async function runPush(args: string[], io: Output): Promise<number> {
  const target = readS3Target('push', args, { force: true });
  try {
    const result = await pushArticles(target, { force: target.force });
    for (const file of result.conflicts) {
      io.err(`newer in the bucket: ${file} (kb pull and merge, or push --force)`);
    }
    if (result.conflicts.length > 0 && result.created.length + result.updated.length === 0) {
      io.err(`nothing pushed: ${result.conflicts.length} article(s) changed in the bucket`);
      return 1;
    }
    for (const file of result.created) io.out(`created ${file}`);
    for (const file of result.updated) io.out(`updated ${file}`);
    for (const file of result.remoteOnly) io.err(`only in the bucket: ${file} (kb pull to get it)`);
    io.out(
      `${result.created.length} created, ${result.updated.length} updated, ` +
        `${result.unchanged.length} unchanged, ${result.conflicts.length} refused`,
    );
    return result.conflicts.length > 0 ? 1 : 0;
  } finally {
    target.s3.destroy();
  }
}
