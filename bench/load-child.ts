/**
 * Child process of the index benchmark: one fresh Node process per measurement. Prints one
 * JSON line on stdout.
 * - `load-child.ts index <artifact.json[.gz]>`: a cold start of our index: import the code,
 *   read the artifact, KnowledgeIndex.load, answer one question (the first query pays for lazy
 *   work), each step timed, and the RSS after.
 * - `load-child.ts flexsearch <documents.json>`: the same fresh-process → first answer with
 *   FlexSearch on the same documents (it has no prebuilt artifact: it indexes them at start).
 * - `load-child.ts build <articles> [out]`: builds the synthetic collection's artifact; reports
 *   build time and the process's peak RSS; with `out`, writes the artifact there and the same
 *   documents as plain texts (one per section and per question) to `out.docs.json`.
 */
import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';

const [mode, arg, out] = process.argv.slice(2);
const QUESTION = 'how do I reset my password';

async function index(file: string): Promise<object> {
  const t0 = performance.now();
  const { KnowledgeIndex } = await import('../functions/core/retrieval/knowledge-index.ts');
  const { DEFAULT_THRESHOLDS } = await import('../functions/core/retrieval/default-thresholds.ts');
  const t1 = performance.now();
  const stored = await readFile(file);
  const bytes = file.endsWith('.gz') ? gunzipSync(stored) : stored;
  const t2 = performance.now();
  const idx = KnowledgeIndex.load(bytes);
  const t3 = performance.now();
  idx.decide({ text: QUESTION }, DEFAULT_THRESHOLDS);
  const t4 = performance.now();
  return {
    importMs: t1 - t0,
    readMs: t2 - t1,
    loadMs: t3 - t2,
    firstQueryMs: t4 - t3,
    totalMs: t4 - t0,
    rssMiB: process.memoryUsage().rss / 1024 / 1024,
  };
}

async function flexsearch(file: string): Promise<object> {
  const t0 = performance.now();
  const { Index } = (await import('flexsearch')).default as unknown as {
    Index: new (o: object) => { add(id: number, text: string): void; search(q: string): number[] };
  };
  const t1 = performance.now();
  const docs = JSON.parse(await readFile(file, 'utf8')) as string[];
  const t2 = performance.now();
  const idx = new Index({});
  docs.forEach((text, id) => idx.add(id, text));
  const t3 = performance.now();
  idx.search(QUESTION);
  const t4 = performance.now();
  return {
    importMs: t1 - t0,
    readMs: t2 - t1,
    loadMs: t3 - t2,
    firstQueryMs: t4 - t3,
    totalMs: t4 - t0,
    rssMiB: process.memoryUsage().rss / 1024 / 1024,
  };
}

async function build(count: number, out?: string): Promise<object> {
  const { generateArticles } = await import('./synthetic-articles.ts');
  const { parseArticle } = await import('../functions/core/knowledge/parse-article.ts');
  const { folderLang } = await import('../functions/core/knowledge/load-collection.ts');
  const { buildIndexArtifact } = await import('../functions/core/retrieval/build-index.ts');
  const { encodeArtifact } = await import('../functions/core/retrieval/artifact-container.ts');
  const articles = generateArticles(count).map((f) => {
    const parsed = parseArticle(f.source, f.file, { defaultLang: folderLang(f.file) });
    if (!parsed.article) throw new Error(`synthetic article failed to parse: ${f.file}`);
    return parsed.article;
  });
  const t0 = performance.now();
  const artifact = buildIndexArtifact(articles, { now: new Date('2026-10-14T00:00:00Z') });
  const buildMs = performance.now() - t0;
  const parts = encodeArtifact(artifact);
  const bytes = parts.reduce((n, p) => n + p.length, 0);
  const { writeFile } = await import('node:fs/promises');
  if (out) await writeFile(out, parts);
  // Peak of building, encoding and writing (what `kb build` does), not of the extra file below.
  const peakRssMiB = process.resourceUsage().maxRSS / 1024;
  if (out) {
    const docs = articles.flatMap((a) => [
      ...a.sections.map((s) => `${a.title}\n${s.heading}\n${s.text}`),
      ...a.questions,
      a.title,
    ]);
    await writeFile(`${out}.docs.json`, JSON.stringify(docs));
  }
  return {
    articles: count,
    buildMs,
    msPerArticle: buildMs / count,
    bytes,
    peakRssMiB,
  };
}

const result =
  mode === 'index' && arg
    ? await index(arg)
    : mode === 'flexsearch' && arg
      ? await flexsearch(arg)
      : mode === 'build' && arg
        ? await build(Number(arg), out)
        : undefined;
if (!result) throw new Error('usage: load-child.ts index|flexsearch <file> | build <articles>');
console.log(JSON.stringify(result));
