/**
 * `kb build [dir] [--out file]`: loads and lints the articles, refuses to build on errors, builds
 * the index artifact, writes it (the binary container of artifact-container.ts, gzip-compressed
 * when the file name ends in `.gz`) and prints a summary (articles, sections, size, hash, time).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { gzipSync } from 'node:zlib';
import { formatProblem } from '#core/knowledge/format-problem.ts';
import { encodeArtifact } from '#core/retrieval/artifact-container.ts';
import { buildIndexArtifact } from '#core/retrieval/build-index.ts';
import { CliError, UsageError } from '../cli-error.ts';
import { countLine, loadKnowledge } from '../load-knowledge.ts';
import type { Output } from '../output.ts';
import { readArgs } from '../read-args.ts';
import { createProgress } from '../progress.ts';

export const DEFAULT_ARTIFACT = 'dist/knowledge-index.json';

export async function runBuild(args: string[], io: Output): Promise<number> {
  const { values, positionals } = readArgs(args, {
    out: { type: 'string', short: 'o', default: DEFAULT_ARTIFACT },
  });
  if (positionals.length > 1) throw new UsageError('kb build takes at most one folder');
  const dir = positionals[0] ?? 'knowledge';
  const out = values.out ?? DEFAULT_ARTIFACT;
  const started = performance.now();

  const checked = await loadKnowledge(dir);
  if (checked.errors > 0) {
    for (const problem of checked.problems) {
      if (problem.severity === 'error') io.err(formatProblem(problem, dir));
    }
    io.err(`${countLine(checked)}: not building. Fix the errors (kb lint ${dir}).`);
    return 1;
  }
  if (checked.articles.length === 0) throw new CliError(`no articles found in '${dir}'`);

  const progress = createProgress(io, checked.articles.length, 'indexing');
  const artifact = buildIndexArtifact(checked.articles, { onProgress: progress });
  const parts = encodeArtifact(artifact);
  const rawBytes = parts.reduce((n, p) => n + p.length, 0);
  const gzipped = gzipSync(Buffer.concat(parts));
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, out.endsWith('.gz') ? gzipped : parts);
  const seconds = (performance.now() - started) / 1000;

  const sections = checked.articles.reduce((n, a) => n + a.sections.length, 0);
  const perLang = Object.entries(
    checked.articles.reduce<Record<string, number>>((acc, a) => {
      acc[a.lang] = (acc[a.lang] ?? 0) + 1;
      return acc;
    }, {}),
  )
    .map(([lang, n]) => `${lang} ${n}`)
    .join(', ');
  io.out(`built ${out}`);
  io.out(`  articles  ${artifact.articleCount} (${perLang})`);
  io.out(`  sections  ${sections}`);
  io.out(`  size      ${formatBytes(rawBytes)} raw, ${formatBytes(gzipped.length)} gzip`);
  io.out(`  hash      ${artifact.hash}`);
  io.out(`  time      ${seconds.toFixed(2)} s`);
  if (checked.warnings > 0) io.out(`  warnings  ${checked.warnings} (kb lint ${dir})`);
  return 0;
}

/** 1536 → "1.5 KiB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(2)} MiB`;
}
