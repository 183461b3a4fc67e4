/**
 * `cdk synth` of the whole app WITH bundling (every function: esbuild, lunr-languages copied
 * from node_modules, the knowledge index built once) while npm's registry points at an address
 * nothing listens on: it must succeed, and this measures how long it takes (wall time, median of
 * RUNS fresh runs, each into an empty output directory) and the size of each function asset.
 * Writes bench/results/synth-offline.json.
 *
 *   npx tsx bench/synth-offline.ts [runs=3]
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

const REPO_ROOT = join(import.meta.dirname, '..');
const RUNS = Number(process.argv[2] ?? 3);
const UNREACHABLE_REGISTRY = 'http://127.0.0.1:9';

async function dirBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? await dirBytes(path) : (await stat(path)).size;
  }
  return total;
}

/** Function asset directory → construct path, from the stack's asset manifest metadata. */
async function functionAssets(outdir: string): Promise<Record<string, number>> {
  const template = JSON.parse(await readFile(join(outdir, 'Mujib-dev.template.json'), 'utf8')) as {
    Resources: Record<string, { Type: string; Metadata?: Record<string, string> }>;
  };
  const sizes: Record<string, number> = {};
  for (const resource of Object.values(template.Resources)) {
    if (resource.Type !== 'AWS::Lambda::Function') continue;
    const path = resource.Metadata?.['aws:cdk:path'] ?? '';
    const assetDir = resource.Metadata?.['aws:asset:path'];
    if (!assetDir || !/Mujib-dev\/(?!Custom|BucketNotifications)/.test(path)) continue;
    const name = path.replace(/^Mujib-dev\//, '').replace(/\/(Function\/)?Resource$/, '');
    sizes[name] = await dirBytes(join(outdir, assetDir));
  }
  return sizes;
}

const walls: number[] = [];
let assets: Record<string, number> = {};
for (let run = 0; run < RUNS; run++) {
  const outdir = await mkdtemp(join(tmpdir(), 'mujib-synth-'));
  const started = performance.now();
  const result = spawnSync('npx', ['cdk', 'synth', '-q', '-o', outdir, '-c', 'stage=dev'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: {
      ...process.env,
      npm_config_registry: UNREACHABLE_REGISTRY,
      CDK_DISABLE_VERSION_CHECK: 'true',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
  });
  const wallMs = performance.now() - started;
  if (result.status !== 0) {
    console.error(result.stdout, result.stderr);
    throw new Error(`cdk synth failed offline (exit ${result.status})`);
  }
  walls.push(wallMs);
  if (run === 0) assets = await functionAssets(outdir);
  await rm(outdir, { recursive: true, force: true });
  console.log(`run ${run + 1}/${RUNS}: ${(wallMs / 1000).toFixed(1)} s`);
}

const sorted = [...walls].sort((a, b) => a - b);
const median = sorted[Math.floor(sorted.length / 2)]!;
const report = {
  measuredAt: new Date().toISOString(),
  machine: { node: process.version, cpus: cpus().length, loadAverageAtEnd: loadavg() },
  method: `npx cdk synth -q (bundling on, every function) with npm_config_registry=${UNREACHABLE_REGISTRY}; wall time of ${RUNS} fresh runs into empty output directories`,
  registry: UNREACHABLE_REGISTRY,
  runs: RUNS,
  wallSeconds: walls.map((w) => Math.round(w / 100) / 10),
  medianWallSeconds: Math.round(median / 100) / 10,
  functionAssetKiB: Object.fromEntries(
    Object.entries(assets).map(([name, bytes]) => [name, Math.round(bytes / 1024)]),
  ),
};
await writeFile(
  join(REPO_ROOT, 'bench', 'results', 'synth-offline.json'),
  `${JSON.stringify(report, null, 2)}\n`,
);
console.log(JSON.stringify(report, null, 2));
