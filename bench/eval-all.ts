/**
 * `npm run eval`: runs `kb eval` on the dev split of every evaluation set in ../shared/eval
 * (clinc150, arbanking77, their 10-shot versions, stackfaq, arcd) and on our three help-centre
 * sets (bench/help-centre/questions.jsonl, tuning.jsonl and validation.jsonl against knowledge/,
 * both languages in one index, the question's language left to the engine), all with
 * DEFAULT_THRESHOLDS. Prints a table, each help-centre set's per-slice and en / ar tables, and
 * writes
 * bench/results/eval-dev.json.
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
/**
 * Real-customer phrasings of the sample help centre (see bench/help-centre/README.md): the test
 * set, the tuning set written apart from it (bench/help-centre/TUNING.md) and the validation set
 * written apart from both (VALIDATION.md).
 */
const OWN_SETS = [
  { name: 'help-centre', questions: join(here, 'help-centre', 'questions.jsonl') },
  { name: 'help-centre-tuning', questions: join(here, 'help-centre', 'tuning.jsonl') },
  { name: 'help-centre-validation', questions: join(here, 'help-centre', 'validation.jsonl') },
];
const KNOWLEDGE = join(here, '..', 'knowledge');

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

  const tables: string[] = [];
  for (const own of OWN_SETS) {
    const questions = await readQuestions(own.questions);
    const r = await evaluateCollection(KNOWLEDGE, questions);
    const langs = scoreGroups(questions, r.predictions, (q) => q.lang);
    record(own.name, r, { slices: r.slices, langs });
    tables.push(
      `\n${own.name} (${r.articles} articles in knowledge/), per slice:`,
      ...formatGroupTable(r.slices),
      '',
      ...formatGroupTable(langs, 'lang'),
    );
  }
  tables.forEach((line) => console.log(line));
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
