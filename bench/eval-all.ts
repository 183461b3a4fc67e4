/**
 * `npm run eval`: runs `kb eval` on the dev split of every evaluation set in ../shared/eval
 * (clinc150, arbanking77, their 10-shot versions, stackfaq, arcd) and on the help-centre set
 * (bench/help-centre/questions.jsonl against knowledge/, both languages in one index, the
 * question's language left to the engine), all with DEFAULT_THRESHOLDS. Prints a table, the
 * help centre's per-slice and en / ar tables, and writes bench/results/eval-dev.json.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_THRESHOLDS } from '#core/retrieval/default-thresholds.ts';
import { scoreGroups } from '#core/retrieval/eval-metrics.ts';
import type { CollectionEval } from '../functions/cli/commands/eval.ts';
import {
  evaluateCollection,
  formatGroupTable,
  readQuestions,
} from '../functions/cli/commands/eval.ts';

const here = dirname(fileURLToPath(import.meta.url));
const evalDir = join(here, '..', '..', 'shared', 'eval');
const SETS = [
  'clinc150',
  'clinc150-10shot',
  'arbanking77',
  'arbanking77-10shot',
  'stackfaq',
  'arcd',
];
/** Real-customer phrasings of the sample help centre (see bench/help-centre/README.md). */
const HELP_CENTRE = {
  name: 'help-centre',
  articles: join(here, '..', 'knowledge'),
  questions: join(here, 'help-centre', 'questions.jsonl'),
};

async function main(): Promise<number> {
  if (!existsSync(evalDir)) {
    console.error(
      `evaluation sets not found at ${evalDir} (expected ../shared/eval next to the repo)`,
    );
    return 1;
  }
  const pct = (x: number | null): string =>
    x === null ? '   -' : (x * 100).toFixed(1).padStart(5);
  console.log(
    'set                 in-scope  OOS-rec  top-1  MRR@5  clarify  p50 ms  p99 ms  load ms',
  );
  const results: Record<string, unknown> = {};
  const record = (set: string, r: CollectionEval, extra: Record<string, unknown> = {}): void => {
    const m = r.metrics;
    results[set] = {
      ...m,
      articles: r.articles,
      loadMs: Math.round(r.loadMs),
      artifactBytes: r.artifactBytes,
      ...extra,
    };
    console.log(
      `${set.padEnd(19)} ${pct(m.inScopeAccuracy)}    ${pct(m.outOfScopeRecall)}   ${pct(m.top1)}  ${m.mrr5.toFixed(3)}  ${pct(m.clarifyRate)}   ${m.latencyMs.p50.toFixed(2).padStart(5)}   ${m.latencyMs.p99.toFixed(2).padStart(5)}   ${r.loadMs.toFixed(0).padStart(5)}`,
    );
  };
  for (const set of SETS) {
    const questions = await readQuestions(join(evalDir, set, 'dev.jsonl'));
    record(set, await evaluateCollection(join(evalDir, set, 'articles'), questions));
  }

  const hcQuestions = await readQuestions(HELP_CENTRE.questions);
  const hc = await evaluateCollection(HELP_CENTRE.articles, hcQuestions);
  const langs = scoreGroups(hcQuestions, hc.predictions, (q) => q.lang);
  record(HELP_CENTRE.name, hc, { slices: hc.slices, langs });
  console.log(`\n${HELP_CENTRE.name} (${hc.articles} articles in knowledge/), per slice:`);
  formatGroupTable(hc.slices).forEach((line) => console.log(line));
  console.log('');
  formatGroupTable(langs, 'lang').forEach((line) => console.log(line));
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
