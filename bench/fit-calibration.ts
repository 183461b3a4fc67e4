/**
 * Fits the confidence calibration (functions/core/retrieval/calibration.json) on the dev sets:
 * for every dev question (plus clinc150/oos-train.jsonl as extra unanswerable data) the top
 * candidate's features are labelled 1 when it is a right answer, else 0, and a logistic
 * regression is fitted per collection kind (with `questions` / body only).
 * Our own customer sets are the mixed kind's data: bench/help-centre/questions.jsonl, the tuning
 * set and the validation set written apart from it (tuning.jsonl, validation.jsonl);
 * `--sets=help-centre,help-centre-tuning` fits on those alone, so the third one scores a
 * calibration that never saw it.
 * Usage: `tsx bench/fit-calibration.ts [--only=questions|body|mixed] [--sets=a,b] [--write]`.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCollection } from '#core/knowledge/load-collection.ts';
import { buildIndexArtifact } from '#core/retrieval/build-index.ts';
import { CALIBRATION, FEATURE_NAMES, featureVector } from '#core/retrieval/calibration.ts';
import type { LogisticModel } from '#core/retrieval/calibration.ts';
import { KnowledgeIndex } from '#core/retrieval/knowledge-index.ts';
import { readQuestions } from '../functions/cli/commands/eval.ts';

const here = dirname(fileURLToPath(import.meta.url));
const evalDir = join(here, '..', '..', 'shared', 'eval');
const SETS = {
  questions: ['clinc150', 'clinc150-10shot', 'arbanking77', 'arbanking77-10shot'],
  body: ['stackfaq', 'arcd'],
  mixed: ['help-centre', 'help-centre-tuning', 'help-centre-validation'],
} as const;
/** Our own customer sets (bench/help-centre), asked of the sample help centre (knowledge/). */
const OWN: Record<string, string> = {
  'help-centre': 'questions.jsonl',
  'help-centre-tuning': 'tuning.jsonl',
  'help-centre-validation': 'validation.jsonl',
};
const repo = join(here, '..');

interface Row {
  x: number[];
  y: number;
}

function fitLogistic(rows: Row[], l2 = 1e-3, iterations = 3000, rate = 0.5): LogisticModel {
  const d = FEATURE_NAMES.length;
  const w = new Array<number>(d).fill(0);
  let b = 0;
  for (let it = 0; it < iterations; it++) {
    const gw = new Array<number>(d).fill(0);
    let gb = 0;
    for (const { x, y } of rows) {
      let z = b;
      for (let j = 0; j < d; j++) z += (w[j] as number) * (x[j] as number);
      const err = 1 / (1 + Math.exp(-z)) - y;
      gb += err;
      for (let j = 0; j < d; j++) gw[j] = (gw[j] as number) + err * (x[j] as number);
    }
    b -= (rate * gb) / rows.length;
    for (let j = 0; j < d; j++) {
      w[j] = (w[j] as number) - rate * ((gw[j] as number) / rows.length + l2 * (w[j] as number));
    }
  }
  const r = (v: number): number => Math.round(v * 10000) / 10000;
  return { intercept: r(b), weights: w.map(r) };
}

async function rowsFor(set: string): Promise<Row[]> {
  const own = OWN[set];
  const { articles } = await loadCollection(
    own ? join(repo, 'knowledge') : join(evalDir, set, 'articles'),
  );
  const index = KnowledgeIndex.load(buildIndexArtifact(articles));
  const questions = await readQuestions(
    own ? join(repo, 'bench', 'help-centre', own) : join(evalDir, set, 'dev.jsonl'),
  );
  const extra = join(evalDir, set, 'oos-train.jsonl');
  if (existsSync(extra)) questions.push(...(await readQuestions(extra)));
  const rows: Row[] = [];
  for (const q of questions) {
    const ranking = index.rank({ text: q.question });
    const top = ranking.evidence[0];
    const first = ranking.candidates[0];
    if (!top || !first) continue;
    rows.push({ x: featureVector(top.features), y: q.answers.includes(first.articleId) ? 1 : 0 });
  }
  return rows;
}

async function main(): Promise<void> {
  if (!existsSync(evalDir)) {
    console.error(`evaluation sets not found at ${evalDir}`);
    process.exitCode = 1;
    return;
  }
  const model = { ...CALIBRATION, features: [...FEATURE_NAMES] };
  const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
  for (const kind of ['questions', 'body', 'mixed'] as const) {
    if (only && only !== kind) continue;
    // --sets=a,b fits on those sets alone (e.g. the tuning set only, to score the other one).
    const sets = process.argv.find((a) => a.startsWith('--sets='))?.slice('--sets='.length);
    const chosen = sets ? SETS[kind].filter((s) => sets.split(',').includes(s)) : SETS[kind];
    const rows = (await Promise.all(chosen.map(rowsFor))).flat();
    model[kind] = fitLogistic(rows);
    console.log(kind, rows.length, 'rows', JSON.stringify(model[kind]));
    // Two-fold check: fitted on one half, how often is "answer at ≥ 0.5" right on the other?
    const halves = [rows.filter((_, i) => i % 2 === 0), rows.filter((_, i) => i % 2 === 1)];
    const checks = halves.map((train, h) => {
      const m = fitLogistic(train);
      const test = halves[1 - h] as Row[];
      let agree = 0;
      for (const r of test) {
        let z = m.intercept;
        r.x.forEach((v, j) => (z += (m.weights[j] as number) * v));
        agree += (z >= 0 ? 1 : 0) === r.y ? 1 : 0;
      }
      return agree / Math.max(1, test.length);
    });
    console.log(kind, '2-fold decision agreement', checks.map((c) => c.toFixed(3)).join(' / '));
  }
  if (process.argv.includes('--write')) {
    const file = join(here, '..', 'functions', 'core', 'retrieval', 'calibration.json');
    await writeFile(file, JSON.stringify(model, null, 2) + '\n');
    console.log(`wrote ${file}`);
  }
}

await main();
