/**
 * Bundles a Lambda handler with esbuild exactly as the CDK stack does (cdk/constructs/
 * mujib-function.ts: ESM for node22, minified, external source map, the createRequire banner,
 * lunr-languages left out of the bundle and installed beside it), in either SDK mode:
 * `bundled` (the AWS SDK inside the bundle) or `runtime` (the AWS SDK external, taken from the
 * Lambda runtime — here from node_modules). Used by bench/cold-start.ts, bench/bundle-sizes.ts
 * and the bundle-content test (test/integration/lambda/bundles.test.ts).
 */
import { mkdir, symlink } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { build, type Metafile } from 'esbuild';
import {
  ESM_REQUIRE_BANNER,
  LAMBDA_NODE_MODULES,
  sdkExternalModules,
  type SdkBundling,
} from '../cdk/constructs/mujib-function.ts';

export const REPO_ROOT = join(import.meta.dirname, '..');

export interface LambdaBundle {
  /** The bundle file (`index.mjs`), when written. */
  file?: string;
  code: Uint8Array;
  metafile: Metafile;
}

/**
 * @param entry handler module, relative to the repository root
 * @param outdir where to write `index.mjs` (+ map) with a `node_modules` link to the repo's,
 *   so the modules CDK installs beside the bundle (and, in `runtime` mode, the SDK) resolve;
 *   omit to bundle in memory only
 */
export async function bundleLambda(
  entry: string,
  sdk: SdkBundling,
  outdir?: string,
  options: { minify?: boolean; sourceMap?: boolean } = {},
): Promise<LambdaBundle> {
  const result = await build({
    entryPoints: [isAbsolute(entry) ? entry : join(REPO_ROOT, entry)],
    bundle: true,
    write: false,
    outfile: join(outdir ?? join(REPO_ROOT, 'dist', 'lambda'), 'index.mjs'),
    platform: 'node',
    format: 'esm',
    target: 'node22',
    mainFields: ['module', 'main'],
    minify: options.minify ?? true,
    sourcemap: options.sourceMap ?? true,
    sourcesContent: false,
    banner: { js: ESM_REQUIRE_BANNER },
    external: [...sdkExternalModules(sdk), ...LAMBDA_NODE_MODULES],
    metafile: true,
    logLevel: 'silent',
  });
  const js = result.outputFiles.find((f) => f.path.endsWith('.mjs'))!;
  if (!outdir) return { code: js.contents, metafile: result.metafile };
  await mkdir(outdir, { recursive: true });
  const { writeFile } = await import('node:fs/promises');
  for (const file of result.outputFiles) await writeFile(file.path, file.contents);
  await symlink(join(REPO_ROOT, 'node_modules'), join(outdir, 'node_modules')).catch(
    (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    },
  );
  return { file: js.path, code: js.contents, metafile: result.metafile };
}

/** Packages (node_modules/<name>) and source files whose code is in the bundle. */
export function bundledInputs(metafile: Metafile): string[] {
  return Object.keys(metafile.inputs);
}

/** Modules the bundle imports at run time (external: from node_modules or the runtime). */
export function externalImports(metafile: Metafile): string[] {
  const out = new Set<string>();
  for (const output of Object.values(metafile.outputs)) {
    for (const i of output.imports) if (i.external) out.add(i.path);
  }
  return [...out];
}
