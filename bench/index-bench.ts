/**
 * Index benchmark (`npm run bench`): for synthetic collections of 1,000 and 10,000 articles,
 * measures parse time, index build time, artifact size (raw and gzip), cold load time in a fresh
 * process, and question latency (p50/p99 over 500 questions). Medians over several runs, bounded
 * by a time budget per size. Prints a Markdown table and writes bench/results/index-bench.json.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Article } from '../functions/core/knowledge/article.ts';
import { parseArticle } from '../functions/core/knowledge/parse-article.ts';
import { folderLang } from '../functions/core/knowledge/load-collection.ts';
import { buildIndexArtifact } from '../functions/core/retrieval/build-index.ts';
import { DEFAULT_THRESHOLDS } from '../functions/core/retrieval/default-thresholds.ts';
import { KnowledgeIndex } from '../functions/core/retrieval/knowledge-index.ts';
import { median, percentile } from './stats.ts';
import { generateArticles, generateQuestions } from './synthetic-articles.ts';

interface SizePlan {
  articles: number;
  runs: number;
  /** Stop repeating builds (and, separately, cold loads) after this long; at least one run each. */
  budgetMs: number;
  /** Stop timing questions after this long (at least 50 questions), so the run stays bounded. */
  questionBudgetMs: number;
}

const PLANS: SizePlan[] = [
  { articles: 1_000, runs: 5, budgetMs: 30_000, questionBudgetMs: 20_000 },
  { articles: 10_000, runs: 3, budgetMs: 100_000, questionBudgetMs: 40_000 },
];
const QUESTIONS = 500;

interface SizeResult {
  articles: number;
  sections: number;
  questions: number;
  runs: { build: number; load: number; questions: number };
  parseMs: number;
  buildMs: number;
  rawBytes: number;
  gzipBytes: number;
  coldStart: {
    importMs: number;
    readMs: number;
    loadMs: number;
    firstQueryMs: number;
    rssMiB: number;
  };
  questionP50Ms: number;
  questionP99Ms: number;
  decisions: Record<string, number>;
}

async function benchSize(plan: SizePlan, dir: string): Promise<SizeResult> {
  // Each phase (builds, cold loads) gets the budget, so a slow build does not starve the loads.
  // Another run starts only if it should finish within the budget, judging by the last one.
  let started = performance.now();
  const within = (lastMs: number): boolean => performance.now() - started + lastMs <= plan.budgetMs;
  log(`${plan.articles} articles: generating and parsing`);
  // (question timing below logs its count; a slow index is measured on fewer questions)
  const files = generateArticles(plan.articles);
  const t0 = performance.now();
  const articles: Article[] = [];
  for (const f of files) {
    const parsed = parseArticle(f.source, f.file, { defaultLang: folderLang(f.file) });
    if (!parsed.article) throw new Error(`synthetic article failed to parse: ${f.file}`);
    articles.push(parsed.article);
  }
  const parseMs = performance.now() - t0;

  const buildTimes: number[] = [];
  let json = '';
  for (let run = 0; run < plan.runs && (run === 0 || within(buildTimes.at(-1) ?? 0)); run += 1) {
    const b0 = performance.now();
    const artifact = buildIndexArtifact(articles, { now: new Date('2026-10-14T00:00:00Z') });
    buildTimes.push(performance.now() - b0);
    json = JSON.stringify(artifact);
    log(`  build run ${run + 1}: ${fmt(buildTimes.at(-1) ?? 0)} ms`);
  }
  const file = join(dir, `index-${plan.articles}.json`);
  await writeFile(file, json);

  const cold: SizeResult['coldStart'][] = [];
  started = performance.now();
  let lastCold = 0;
  for (let run = 0; run < plan.runs && (run === 0 || within(lastCold)); run += 1) {
    const c0 = performance.now();
    cold.push(coldStart(file));
    lastCold = performance.now() - c0;
    log(`  cold load run ${run + 1}: ${fmt(cold.at(-1)?.loadMs ?? 0)} ms`);
  }

  const index = KnowledgeIndex.load(json);
  const questions = generateQuestions(QUESTIONS);
  for (const q of questions.slice(0, 10)) index.decide(q, DEFAULT_THRESHOLDS); // warm-up
  const latencies: number[] = [];
  const decisions: Record<string, number> = {};
  const asked = performance.now();
  for (const q of questions) {
    if (latencies.length >= 50 && performance.now() - asked > plan.questionBudgetMs) break;
    const q0 = performance.now();
    const decision = index.decide(q, DEFAULT_THRESHOLDS);
    latencies.push(performance.now() - q0);
    decisions[decision.kind] = (decisions[decision.kind] ?? 0) + 1;
  }

  const pick = (key: keyof SizeResult['coldStart']): number => median(cold.map((c) => c[key]));
  return {
    articles: articles.length,
    sections: articles.reduce((n, a) => n + a.sections.length, 0),
    questions: articles.reduce((n, a) => n + a.questions.length, 0),
    runs: { build: buildTimes.length, load: cold.length, questions: latencies.length },
    parseMs,
    buildMs: median(buildTimes),
    rawBytes: Buffer.byteLength(json),
    gzipBytes: gzipSync(json).length,
    coldStart: {
      importMs: pick('importMs'),
      readMs: pick('readMs'),
      loadMs: pick('loadMs'),
      firstQueryMs: pick('firstQueryMs'),
      rssMiB: pick('rssMiB'),
    },
    questionP50Ms: percentile(latencies, 50),
    questionP99Ms: percentile(latencies, 99),
    decisions,
  };
}

/** Loads the artifact in a fresh Node process; the child times itself. */
function coldStart(file: string): SizeResult['coldStart'] {
  const child = spawnSync(process.execPath, ['--import', 'tsx', 'bench/load-child.ts', file], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (child.status !== 0) throw new Error(`load child failed: ${child.stderr}`);
  const lastLine = child.stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(lastLine) as SizeResult['coldStart'];
}

function table(results: SizeResult[]): string {
  const rows: [string, (r: SizeResult) => string][] = [
    ['sections / questions', (r) => `${r.sections} / ${r.questions}`],
    [
      'runs (build / cold load / questions)',
      (r) => `${r.runs.build} / ${r.runs.load} / ${r.runs.questions}`,
    ],
    ['parse Markdown (once)', (r) => `${fmt(r.parseMs)} ms`],
    ['index build (median)', (r) => `${fmt(r.buildMs)} ms`],
    ['artifact raw', (r) => mib(r.rawBytes)],
    ['artifact gzip', (r) => mib(r.gzipBytes)],
    ['cold: import code', (r) => `${fmt(r.coldStart.importMs)} ms`],
    ['cold: read JSON', (r) => `${fmt(r.coldStart.readMs)} ms`],
    ['cold: KnowledgeIndex.load', (r) => `${fmt(r.coldStart.loadMs)} ms`],
    ['cold: first question', (r) => `${fmt(r.coldStart.firstQueryMs)} ms`],
    ['cold: RSS after load', (r) => `${fmt(r.coldStart.rssMiB)} MiB`],
    ['question p50', (r) => `${r.questionP50Ms.toFixed(2)} ms`],
    ['question p99', (r) => `${r.questionP99Ms.toFixed(2)} ms`],
    [
      'decisions',
      (r) =>
        Object.entries(r.decisions)
          .map(([k, n]) => `${k} ${n}`)
          .join(', '),
    ],
  ];
  const head = `| metric | ${results.map((r) => `${r.articles} articles`).join(' | ')} |`;
  const rule = `|---|${results.map(() => '---:').join('|')}|`;
  return [
    head,
    rule,
    ...rows.map(([name, f]) => `| ${name} | ${results.map(f).join(' | ')} |`),
  ].join('\n');
}

const fmt = (ms: number): string => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));
const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(2)} MiB`;
const log = (line: string): void => void process.stderr.write(`${line}\n`);

async function main(): Promise<void> {
  const started = performance.now();
  const dir = await mkdtemp(join(tmpdir(), 'kb-bench-'));
  try {
    const results: SizeResult[] = [];
    for (const plan of PLANS) results.push(await benchSize(plan, dir));
    const report = table(results);
    console.log(report);
    const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`;
    console.log(
      `\nup to ${QUESTIONS} questions per size; ${machine}; total ${fmt((performance.now() - started) / 1000)} s`,
    );
    await mkdir('bench/results', { recursive: true });
    const out = { date: new Date().toISOString(), machine, questions: QUESTIONS, results };
    await writeFile('bench/results/index-bench.json', `${JSON.stringify(out, null, 2)}\n`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
