/**
 * `kb eval --articles DIR --questions FILE.jsonl [--predictions OUT.jsonl] [--json]`: builds the
 * index from DIR, runs every labelled question through the product's own `decide` with
 * DEFAULT_THRESHOLDS (fixed before any question is seen) and prints in-scope accuracy,
 * out-of-scope recall, MRR@5, clarify rate and latency (see /work/shared/eval/README.md), then
 * one line per `slice` when the questions carry slices (bench/help-centre/questions.jsonl).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { loadCollection } from '#core/knowledge/load-collection.ts';
import { buildIndexArtifact } from '#core/retrieval/build-index.ts';
import { DEFAULT_THRESHOLDS } from '#core/retrieval/default-thresholds.ts';
import type {
  EvalMetrics,
  GroupMetrics,
  LabelledQuestion,
  Prediction,
} from '#core/retrieval/eval-metrics.ts';
import { scoreGroups, scorePredictions, toPrediction } from '#core/retrieval/eval-metrics.ts';
import { KnowledgeIndex } from '#core/retrieval/knowledge-index.ts';
import { LANGS, type DecisionThresholds, type Lang } from '#core/types.ts';
import { CliError, UsageError } from '../cli-error.ts';
import { readArgs } from '../read-args.ts';

export interface CollectionEval {
  metrics: EvalMetrics;
  /** Metrics per `slice` of the questions, in order of first appearance; empty without slices. */
  slices: Record<string, GroupMetrics>;
  predictions: Prediction[];
  articles: number;
  buildMs: number;
  loadMs: number;
  artifactBytes: number;
}

/**
 * Reads `{"id","question","answers"}` lines, keeping the optional `slice` and `lang` labels; a bad
 * line is a CliError naming file:line.
 */
export async function readQuestions(file: string): Promise<LabelledQuestion[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw new CliError(`cannot read questions file '${file}'`, 1, { cause });
  }
  const questions: LabelledQuestion[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let row: Partial<Omit<LabelledQuestion, 'lang'>> & { lang?: unknown };
    try {
      row = JSON.parse(line) as typeof row;
    } catch (cause) {
      throw new CliError(`${file}:${i + 1}: not valid JSON`, 1, { cause });
    }
    if (typeof row.question !== 'string' || !Array.isArray(row.answers)) {
      throw new CliError(`${file}:${i + 1}: needs "question" (string) and "answers" (array)`);
    }
    if (row.slice !== undefined && typeof row.slice !== 'string') {
      throw new CliError(`${file}:${i + 1}: "slice" must be a string`);
    }
    if (row.lang !== undefined && !LANGS.includes(row.lang as Lang)) {
      throw new CliError(`${file}:${i + 1}: "lang" must be one of ${LANGS.join(', ')}`);
    }
    questions.push({
      id: String(row.id ?? i + 1),
      question: row.question,
      answers: row.answers,
      ...(row.slice !== undefined && { slice: row.slice }),
      ...(row.lang !== undefined && { lang: row.lang as Lang }),
    });
  });
  return questions;
}

/** Build the index from `articlesDir` and decide every question; no printing. */
export async function evaluateCollection(
  articlesDir: string,
  questions: LabelledQuestion[],
  thresholds: DecisionThresholds = DEFAULT_THRESHOLDS,
): Promise<CollectionEval> {
  const { articles } = await loadCollection(articlesDir).catch((cause: unknown) => {
    throw new CliError(`cannot read articles from '${articlesDir}'`, 1, { cause });
  });
  if (articles.length === 0) throw new CliError(`no articles found in '${articlesDir}'`);
  let started = performance.now();
  const json = JSON.stringify(buildIndexArtifact(articles));
  const buildMs = performance.now() - started;
  started = performance.now();
  const index = KnowledgeIndex.load(json);
  const loadMs = performance.now() - started;

  const predictions: Prediction[] = [];
  const latencies: number[] = [];
  for (const q of questions) {
    const t0 = performance.now();
    const decision = index.decide({ text: q.question }, thresholds);
    latencies.push(performance.now() - t0);
    predictions.push(toPrediction(q.id, decision));
  }
  return {
    metrics: scorePredictions(questions, predictions, latencies),
    slices: scoreGroups(questions, predictions, (q) => q.slice),
    predictions,
    articles: articles.length,
    buildMs,
    loadMs,
    artifactBytes: Buffer.byteLength(json),
  };
}

const pct = (x: number | null): string => (x === null ? 'n/a' : `${(x * 100).toFixed(1)}%`);

/**
 * A table of group metrics, one line per group: questions, in-scope accuracy (answerable ones),
 * OOS recall (unanswerable ones) and top-1; `-` where a rate does not apply.
 */
export function formatGroupTable(
  groups: Record<string, GroupMetrics>,
  heading = 'slice',
): string[] {
  const cell = (x: number | null): string =>
    (x === null ? '-' : `${(x * 100).toFixed(1)}%`).padStart(10);
  const width = Math.max(heading.length, ...Object.keys(groups).map((g) => g.length)) + 2;
  const columns = ['in-scope', 'OOS-rec', 'top-1'].map((c) => c.padStart(10)).join('');
  const lines = [`${heading.padEnd(width)}questions${columns}`];
  for (const [name, g] of Object.entries(groups)) {
    lines.push(
      `${name.padEnd(width)}${String(g.questions).padStart(9)}${cell(g.inScopeAccuracy)}${cell(g.outOfScopeRecall)}${cell(g.top1)}`,
    );
  }
  return lines;
}

export async function runEval(
  args: string[],
  out: (line: string) => void = (line) => console.log(line),
): Promise<number> {
  const { values, positionals } = readArgs(args, {
    articles: { type: 'string' },
    questions: { type: 'string' },
    predictions: { type: 'string' },
    json: { type: 'boolean', default: false },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
  if (!values.articles || !values.questions) {
    throw new UsageError('kb eval needs --articles DIR and --questions FILE.jsonl');
  }
  const questions = await readQuestions(values.questions);
  const result = await evaluateCollection(values.articles, questions);
  if (values.predictions) {
    await writeFile(
      values.predictions,
      result.predictions.map((p) => JSON.stringify(p)).join('\n') + '\n',
    );
  }
  const m = result.metrics;
  if (values.json) {
    out(
      JSON.stringify({
        ...m,
        slices: result.slices,
        thresholds: DEFAULT_THRESHOLDS,
        loadMs: result.loadMs,
      }),
    );
    return 0;
  }
  out(`questions          ${m.questions} (${m.inScope} answerable, ${m.outOfScope} unanswerable)`);
  out(`in-scope accuracy  ${pct(m.inScopeAccuracy)}   (top-1 ranking ${pct(m.top1)})`);
  out(`out-of-scope recall ${pct(m.outOfScopeRecall)}`);
  out(`MRR@5              ${m.mrr5.toFixed(3)}`);
  out(`clarify rate       ${pct(m.clarifyRate)}   escalate rate ${pct(m.escalateRate)}`);
  out(
    `latency            p50 ${m.latencyMs.p50.toFixed(2)} ms, p99 ${m.latencyMs.p99.toFixed(2)} ms`,
  );
  out(`index              ${result.articles} articles, load ${result.loadMs.toFixed(0)} ms`);
  const t = DEFAULT_THRESHOLDS;
  out(`thresholds         answer ${t.answer}, clarify ${t.clarify}, margin ${t.clarifyMargin}`);
  if (Object.keys(result.slices).length > 0) {
    out('');
    formatGroupTable(result.slices).forEach((line) => out(line));
  }
  return 0;
}
