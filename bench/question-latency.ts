/**
 * Question latency benchmark (`npm run bench:questions`): p50/p99 of `KnowledgeIndex.decide` on
 * the sample help centre (our customer set, bench/help-centre) and on a 1,000-article synthetic
 * collection, for ordinary questions and for adversarial ones (a 2,000-character word,
 * 10,000 characters, many unknown words, Object.prototype names, Lunr syntax, Arabizi and
 * code-switching at length). Each set is timed in several rounds after a warm-up; the table
 * shows the median over rounds of each round's p50 and p99. Writes bench/results/question-latency.json.
 */
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Article } from '../functions/core/knowledge/article.ts';
import { folderLang, loadCollection } from '../functions/core/knowledge/load-collection.ts';
import { parseArticle } from '../functions/core/knowledge/parse-article.ts';
import { buildIndexArtifact } from '../functions/core/retrieval/build-index.ts';
import { DEFAULT_THRESHOLDS } from '../functions/core/retrieval/default-thresholds.ts';
import { KnowledgeIndex } from '../functions/core/retrieval/knowledge-index.ts';
import { median, percentile } from './stats.ts';
import { generateArticles, generateQuestions } from './synthetic-articles.ts';

const here = dirname(fileURLToPath(import.meta.url));
const ROUNDS = 5;

const ADVERSARIAL: Record<string, string> = {
  'word of 2,000 chars': '1'.repeat(2000),
  'letters word of 2,000 chars': 'abcdefghij'.repeat(200),
  'Arabic word of 2,000 chars': 'ب'.repeat(2000),
  '10,000 characters': 'how do i get a refund for my order '.repeat(290),
  '400 unknown words': Array.from({ length: 400 }, (_, i) => `zq${i.toString(36)}xw`).join(' '),
  'Object.prototype names': Object.getOwnPropertyNames(Object.prototype).join(' '),
  'Lunr query syntax': 'title:refund^10 +order -cancel~2 * body:x',
  'Arabizi at length': 'wein talabi 3ayez a7thef 7sabi '.repeat(80),
  'code-switched at length': 'ابي refund وين my order '.repeat(120),
};

interface Timing {
  p50: number;
  p99: number;
  questions: number;
}

function time(index: KnowledgeIndex, questions: string[]): Timing {
  for (const q of questions.slice(0, 20)) index.decide({ text: q }, DEFAULT_THRESHOLDS);
  const p50s: number[] = [];
  const p99s: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const latencies: number[] = [];
    for (const text of questions) {
      const t0 = performance.now();
      index.decide({ text }, DEFAULT_THRESHOLDS);
      latencies.push(performance.now() - t0);
    }
    p50s.push(percentile(latencies, 50));
    p99s.push(percentile(latencies, 99));
  }
  return { p50: median(p50s), p99: median(p99s), questions: questions.length };
}

async function main(): Promise<void> {
  const results: Record<string, Record<string, Timing>> = {};
  const { articles } = await loadCollection(join(here, '..', 'knowledge'));
  const sample = KnowledgeIndex.load(JSON.stringify(buildIndexArtifact(articles)));
  const customer = readFileSync(join(here, 'help-centre', 'questions.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { question: string }).question);

  const synthetic: Article[] = generateArticles(1_000).map((f) => {
    const parsed = parseArticle(f.source, f.file, { defaultLang: folderLang(f.file) });
    if (!parsed.article) throw new Error(`synthetic article failed to parse: ${f.file}`);
    return parsed.article;
  });
  const big = KnowledgeIndex.load(JSON.stringify(buildIndexArtifact(synthetic)));
  const syntheticQuestions = generateQuestions(500).map((q) => q.text);

  for (const [name, index, ordinary] of [
    ['sample help centre', sample, customer],
    ['synthetic 1,000 articles', big, syntheticQuestions],
  ] as const) {
    const row: Record<string, Timing> = { ordinary: time(index, [...ordinary]) };
    for (const [kind, text] of Object.entries(ADVERSARIAL)) {
      row[kind] = time(
        index,
        Array.from({ length: 40 }, () => text),
      );
    }
    row['all adversarial'] = time(index, Object.values(ADVERSARIAL));
    results[name] = row;
  }

  const kinds = Object.keys(results['sample help centre'] ?? {});
  console.log('| questions | help centre p50 / p99 ms | 1,000 articles p50 / p99 ms |');
  console.log('|---|---|---|');
  for (const kind of kinds) {
    const cell = (set: string): string => {
      const t = results[set]?.[kind];
      return t ? `${t.p50.toFixed(2)} / ${t.p99.toFixed(2)}` : '-';
    };
    console.log(
      `| ${kind} | ${cell('sample help centre')} | ${cell('synthetic 1,000 articles')} |`,
    );
  }
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`;
  console.log(`\nmedian of ${ROUNDS} rounds; ${machine}`);
  const out = join(here, 'results', 'question-latency.json');
  await mkdir(dirname(out), { recursive: true });
  await writeFile(
    out,
    JSON.stringify({ date: new Date().toISOString(), machine, rounds: ROUNDS, results }, null, 2) +
      '\n',
  );
  console.log(`wrote ${out}`);
}

await main();
