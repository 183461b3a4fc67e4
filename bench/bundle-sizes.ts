/**
 * Bundle sizes of the Lambda functions, built with esbuild exactly as the CDK stack does
 * (bench/lambda-bundle.ts: ESM, node22, minified, the AWS SDK as SDK_BUNDLING says, lunr-languages
 * external, createRequire banner), reported with and without the bundled knowledge index, plus
 * the largest inputs of each bundle.
 * Run: `npx tsx bench/bundle-sizes.ts` → bench/results/bundle-sizes.json
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Metafile } from 'esbuild';
import {
  LAMBDA_NODE_MODULES,
  SDK_BUNDLING,
  sdkExternalModules,
} from '../cdk/constructs/mujib-function.ts';
import { loadCollection } from '../functions/core/knowledge/load-collection.ts';
import { buildIndexArtifact } from '../functions/core/retrieval/build-index.ts';
import { bundleLambda } from './lambda-bundle.ts';

const ROOT = join(import.meta.dirname, '..');
/** Function → does it carry the bundled index (the answer functions do). */
const FUNCTIONS: Record<string, boolean> = {
  'chat-api': true,
  'staff-api': false,
  'sms-twilio': true,
  'sms-eum': true,
  alexa: true,
  indexer: false,
  'flush-turns': false,
  'origin-verify': false,
};
const LIMIT = 1024 * 1024;

interface Row {
  fn: string;
  bundleBytes: number;
  bundleGzipBytes: number;
  withIndexBytes: number;
  withIndexGzipBytes: number;
  underOneMiBWithoutIndex: boolean;
  topInputs: { input: string; bytes: number }[];
}

async function bundle(fn: string): Promise<{ code: Uint8Array; metafile: Metafile }> {
  return bundleLambda(`functions/handlers/${fn}.ts`, SDK_BUNDLING);
}

/** Output bytes per package (node_modules/<pkg>) or per source folder. */
function topInputs(metafile: Metafile): { input: string; bytes: number }[] {
  const totals = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
      const key = m ? m[1]! : input.split('/').slice(0, 3).join('/');
      totals.set(key, (totals.get(key) ?? 0) + bytesInOutput);
    }
  }
  return [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8)
    .map(([input, bytes]) => ({ input, bytes }));
}

async function main(): Promise<void> {
  const collection = await loadCollection(join(ROOT, 'knowledge'));
  const artifact = Buffer.from(JSON.stringify(buildIndexArtifact(collection.articles)));
  const artifactGzip = gzipSync(artifact).length;

  const rows: Row[] = [];
  for (const [fn, withIndex] of Object.entries(FUNCTIONS)) {
    const { code, metafile } = await bundle(fn);
    const gz = gzipSync(code).length;
    rows.push({
      fn,
      bundleBytes: code.length,
      bundleGzipBytes: gz,
      withIndexBytes: code.length + (withIndex ? artifact.length : 0),
      withIndexGzipBytes: gz + (withIndex ? artifactGzip : 0),
      underOneMiBWithoutIndex: code.length < LIMIT,
      topInputs: topInputs(metafile),
    });
  }

  const kib = (n: number) => `${(n / 1024).toFixed(0)} KiB`;
  console.log(
    `index artifact: ${kib(artifact.length)} raw, ${kib(artifactGzip)} gzip (${collection.articles.length} articles)`,
  );
  console.log('function      bundle    gzip   +index   +index gz   <1 MiB');
  for (const r of rows) {
    console.log(
      `${r.fn.padEnd(12)} ${kib(r.bundleBytes).padStart(8)} ${kib(r.bundleGzipBytes).padStart(7)} ${kib(r.withIndexBytes).padStart(8)} ${kib(r.withIndexGzipBytes).padStart(10)}   ${r.underOneMiBWithoutIndex ? 'yes' : 'NO'}`,
    );
  }
  const largest = rows.reduce((a, b) => (b.bundleBytes > a.bundleBytes ? b : a));
  console.log(
    `largest inputs of ${largest.fn}: ` +
      largest.topInputs.map((t) => `${t.input} ${kib(t.bytes)}`).join(', '),
  );

  await mkdir(join(ROOT, 'bench', 'results'), { recursive: true });
  await writeFile(
    join(ROOT, 'bench', 'results', 'bundle-sizes.json'),
    JSON.stringify(
      {
        measuredAt: new Date().toISOString(),
        esbuild: {
          format: 'esm',
          target: 'node22',
          minify: true,
          sdk: SDK_BUNDLING,
          external: [...sdkExternalModules(SDK_BUNDLING), ...LAMBDA_NODE_MODULES],
        },
        index: {
          bytes: artifact.length,
          gzipBytes: artifactGzip,
          articles: collection.articles.length,
        },
        functions: rows,
      },
      null,
      2,
    ) + '\n',
  );
}

await main();
