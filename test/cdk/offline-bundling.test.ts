/**
 * Synth with bundling needs no package registry: a MujibFunction is bundled by the real CDK
 * bundling path (esbuild, the commandHooks, `kb build` of the knowledge index) with npm's
 * registry pointed at an address nothing listens on, and the asset carries lunr-languages
 * copied from the project's own node_modules — only the three plugins the functions load, no
 * lock file, no npm install — and those copies load in Node's sloppy mode as the bundle loads
 * them (lunr.ar breaks under esbuild's strict mode). The whole stack's offline synth time is
 * measured by bench/synth-offline.ts.
 */
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import lunr from 'lunr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BUNDLED_INDEX_FILE,
  LAMBDA_MODULE_FILES,
  MujibFunction,
} from '../../cdk/constructs/mujib-function.ts';
import { REPO_ROOT } from '../../cdk/stack.ts';

const UNREACHABLE_REGISTRY = 'http://127.0.0.1:9';
let outdir: string;
let asset: string;
const saved = { ...process.env };

beforeAll(async () => {
  outdir = await mkdtemp(join(tmpdir(), 'mujib-offline-synth-'));
  // Every npm the bundling could start inherits this environment.
  process.env.npm_config_registry = UNREACHABLE_REGISTRY;
  process.env.NPM_CONFIG_REGISTRY = UNREACHABLE_REGISTRY;
  process.env.npm_config_offline = 'false';
  const app = new App({ outdir });
  const stack = new Stack(app, 'OfflineBundling');
  new MujibFunction(stack, 'Chat', {
    entry: join(REPO_ROOT, 'functions', 'handlers', 'chat-api.ts'),
    description: 'offline bundling test',
    environment: {},
    bundleIndex: true,
    logRetention: RetentionDays.ONE_DAY,
  });
  app.synth();
  const assets = readdirSync(outdir).filter((d) => d.startsWith('asset.'));
  expect(assets).toHaveLength(1);
  asset = join(outdir, assets[0]!);
}, 180_000);

afterAll(async () => {
  for (const key of ['npm_config_registry', 'NPM_CONFIG_REGISTRY', 'npm_config_offline']) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
  await rm(outdir, { recursive: true, force: true });
});

describe('bundling without a registry', () => {
  it('the asset holds the bundle, the index and only the lunr-languages files the functions load', () => {
    expect(readdirSync(asset).sort()).toEqual(
      ['index.mjs', 'index.mjs.map', BUNDLED_INDEX_FILE, 'node_modules'].sort(),
    );
    expect(readdirSync(join(asset, 'node_modules'))).toEqual(['lunr-languages']);
    expect(readdirSync(join(asset, 'node_modules', 'lunr-languages')).sort()).toEqual(
      [...LAMBDA_MODULE_FILES['lunr-languages']].sort(),
    );
    // No trace of a package install.
    expect(existsSync(join(asset, 'package-lock.json'))).toBe(false);
    expect(existsSync(join(asset, 'package.json'))).toBe(false);
  });

  it('the copied plugins load (sloppy mode, as the bundle requires them) and stem Arabic', () => {
    // Resolved from the bundle's location, as its createRequire banner resolves them in Lambda.
    const requireFromBundle = createRequire(join(asset, 'index.mjs'));
    type Plugin = (l: typeof lunr) => void;
    const resolved = requireFromBundle.resolve('lunr-languages/lunr.ar.js');
    expect(resolved.startsWith(asset)).toBe(true);
    for (const plugin of ['lunr.stemmer.support.js', 'lunr.ar.js', 'lunr.multi.js']) {
      (requireFromBundle(`lunr-languages/${plugin}`) as Plugin)(lunr);
    }
    const ar = (lunr as unknown as { ar: { stemmer: (t: lunr.Token) => lunr.Token } }).ar;
    expect(String(ar.stemmer(new lunr.Token('المكتبات', {})))).not.toBe('المكتبات');
  });
});
