/**
 * `npm run eval`: runs `kb eval` on the dev split of every evaluation set in ../shared/eval
 * (clinc150, arbanking77, stackfaq, arcd) with DEFAULT_THRESHOLDS, prints a table and writes
 * bench/results/eval-dev.json.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_THRESHOLDS } from '#core/retrieval/default-thresholds.ts';
import { evaluateCollection, readQuestions } from '../functions/cli/commands/eval.ts';

const here = dirname(fileURLToPath(import.meta.url));
const evalDir = join(here, '..', '..', 'shared', 'eval');
const SETS = ['clinc150', 'arbanking77', 'stackfaq', 'arcd'];

async function main(): Promise<number> {
  if (!existsSync(evalDir)) {
    console.error(
      `evaluation sets not found at ${evalDir} (expected ../shared/eval next to the repo)`,
    );
    return 1;
  }
  const pct = (x: number | null): string =>
    x === null ? '   -' : (x * 100).toFixed(1).padStart(5);
  console.log('set          in-scope  OOS-rec  top-1  MRR@5  clarify  p50 ms  p99 ms  load ms');
  const results: Record<string, unknown> = {};
  for (const set of SETS) {
    const questions = await readQuestions(join(evalDir, set, 'dev.jsonl'));
    const r = await evaluateCollection(join(evalDir, set, 'articles'), questions);
    const m = r.metrics;
    results[set] = {
      ...m,
      articles: r.articles,
      loadMs: Math.round(r.loadMs),
      artifactBytes: r.artifactBytes,
    };
    console.log(
      `${set.padEnd(12)} ${pct(m.inScopeAccuracy)}    ${pct(m.outOfScopeRecall)}   ${pct(m.top1)}  ${m.mrr5.toFixed(3)}  ${pct(m.clarifyRate)}   ${m.latencyMs.p50.toFixed(2).padStart(5)}   ${m.latencyMs.p99.toFixed(2).padStart(5)}   ${r.loadMs.toFixed(0).padStart(5)}`,
    );
  }
  const out = join(here, 'results', 'eval-dev.json');
  await mkdir(dirname(out), { recursive: true });
  const report = {
    split: 'dev',
    thresholds: DEFAULT_THRESHOLDS,
    node: process.version,
    sets: results,
  };
  await writeFile(out, JSON.stringify(report, null, 2) + '\n');
  console.log(`wrote ${out}`);
  return 0;
}

process.exitCode = await main();
