/**
 * Child process of the index benchmark: a cold start. Imports the index code, reads the artifact
 * JSON and calls KnowledgeIndex.load, timing each step inside this fresh process, then answers
 * one question (the first query pays for lazy work). Prints one JSON line on stdout.
 */
import { readFile } from 'node:fs/promises';

const file = process.argv[2];
if (!file) throw new Error('usage: load-child.ts <artifact.json>');

const t0 = performance.now();
const { KnowledgeIndex } = await import('../functions/core/retrieval/knowledge-index.ts');
const { DEFAULT_THRESHOLDS } = await import('../functions/core/retrieval/default-thresholds.ts');
const t1 = performance.now();
const json = await readFile(file, 'utf8');
const t2 = performance.now();
const index = KnowledgeIndex.load(json);
const t3 = performance.now();
index.decide({ text: 'how do I reset my password' }, DEFAULT_THRESHOLDS);
const t4 = performance.now();

console.log(
  JSON.stringify({
    importMs: t1 - t0,
    readMs: t2 - t1,
    loadMs: t3 - t2,
    firstQueryMs: t4 - t3,
    rssMiB: process.memoryUsage().rss / 1024 / 1024,
  }),
);
