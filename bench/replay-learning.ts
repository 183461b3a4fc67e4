/**
 * `npm run bench:replay`: the learning-loop replay benchmark (issue 12, "Measured by"). Our
 * customer set (bench/help-centre/questions.jsonl) is split by the hash of each question, per
 * language and slice, into a learning stream and a held-out stream. Day 1: the learning stream's
 * customers talk to the real conversation service (memory stores) and pick from "did you mean",
 * staff answer their tickets and mark the answering article, wrong answers get a thumbs down.
 * A writer accepts every phrasing suggestion the loop makes; the phrasings go into an in-memory
 * copy of knowledge/ and a new index is published. Containment, wrong answers and off-topic
 * escalations are then measured before and after on both streams (bench/replay/run-replay.ts).
 * Prints Markdown tables and writes bench/results/replay-learning.json; deterministic (fixed
 * clock, ids and split; no timings).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCollection } from '#core/knowledge/load-collection.ts';
import { DEFAULT_THRESHOLDS } from '#core/retrieval/default-thresholds.ts';
import { readCustomerSet, splitStreams } from './replay/customer-set.ts';
import { crossCheckMarkdown, replayJson, replayMarkdown } from './replay/replay-report.ts';
import { runReplay } from './replay/run-replay.ts';

const here = dirname(fileURLToPath(import.meta.url));
const SET = join(here, 'help-centre', 'questions.jsonl');
const KNOWLEDGE = join(here, '..', 'knowledge');
const OUT = join(here, 'results', 'replay-learning.json');

const questions = await readCustomerSet(SET);
const streams = splitStreams(questions);
const { articles, problems } = await loadCollection(KNOWLEDGE);
if (problems.some((p) => p.severity === 'error')) {
  throw new Error(`knowledge/ does not parse: ${problems.length} problem(s); run kb lint`);
}
const result = await runReplay({ streams, articles });
// The same with the halves' roles swapped: twice the held-out questions for the verdict.
const swapped = await runReplay({
  streams: { learning: streams.heldOut, heldOut: streams.learning },
  articles,
});
const answerable = new Set(questions.filter((q) => q.answers.length > 0).map((q) => q.id));
const inScope = (id: string) => answerable.has(id);

console.log(
  `replay: ${questions.length} customer questions, ${articles.length} articles; ` +
    `learning ${streams.learning.length} / held-out ${streams.heldOut.length}\n`,
);
for (const line of replayMarkdown(result, inScope)) console.log(line);
console.log('');
const folds = [
  { name: 'learn on A, hold out B (the split above)', result },
  { name: 'learn on B, hold out A (swapped)', result: swapped },
];
for (const line of crossCheckMarkdown(folds)) console.log(line);

const report = replayJson(
  result,
  {
    set: 'bench/help-centre/questions.jsonl',
    articles: articles.length,
    split: {
      rule: 'per lang and slice, the ceil(n/2) questions with the smallest sha256(question) learn',
      learning: streams.learning.length,
      heldOut: streams.heldOut.length,
    },
    thresholds: DEFAULT_THRESHOLDS,
  },
  inScope,
);
const swappedReport = replayJson(swapped, {}, inScope);
const output = {
  ...report,
  swapped: {
    note: 'the same replay with the streams swapped (learn on the held-out half)',
    loop: swappedReport.loop,
    heldOut: swappedReport.heldOut,
    learning: swappedReport.learning,
    loggedErrors: swappedReport.loggedErrors,
  },
};
await mkdir(dirname(OUT), { recursive: true });
await writeFile(OUT, JSON.stringify(output, null, 2) + '\n');
console.log(`\nwrote ${OUT}`);
const faults = [result, swapped].some((r) => r.loggedErrors > 0 || r.heldOutLeaks > 0);
if (faults) process.exitCode = 1;
