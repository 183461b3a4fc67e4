/**
 * Builds the static web app into web/dist/: widget.js and staff.js (esbuild, IIFE, es2020) plus
 * the HTML/CSS in web/public/. Files are written to a temporary name and renamed, so a server
 * reading web/dist/ while another build runs never sees a half-written file.
 * Run: `npx tsx web/build.ts` (prints sizes, including the widget's gzip size).
 */
import { copyFile, mkdir, readdir, rename, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const WEB_DIR = dirname(fileURLToPath(import.meta.url));
export const WEB_DIST = join(WEB_DIR, 'dist');

export interface BuildWebResult {
  /** Absolute paths of the files written. */
  files: string[];
  /** Size of widget.js after gzip, in bytes. */
  widgetGzipBytes: number;
}

export async function buildWeb(options: { minify?: boolean } = {}): Promise<BuildWebResult> {
  const minify = options.minify ?? true;
  await mkdir(WEB_DIST, { recursive: true });
  const result = await build({
    entryPoints: {
      widget: join(WEB_DIR, 'widget/main.ts'),
      staff: join(WEB_DIR, 'staff/main.ts'),
    },
    outdir: WEB_DIST,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    minify,
    sourcemap: false,
    legalComments: 'none',
    charset: 'utf8',
    write: false,
    logLevel: 'silent',
  });
  const files: string[] = [];
  let widgetGzipBytes = 0;
  const unique = `${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  for (const output of result.outputFiles) {
    await atomicWrite(output.path, output.contents, unique);
    files.push(output.path);
    if (basename(output.path) === 'widget.js') widgetGzipBytes = gzipSync(output.contents).length;
  }
  const publicDir = join(WEB_DIR, 'public');
  for (const name of await readdir(publicDir)) {
    const target = join(WEB_DIST, name);
    const temp = `${target}.${unique}.tmp`;
    await copyFile(join(publicDir, name), temp);
    await rename(temp, target);
    files.push(target);
  }
  return { files, widgetGzipBytes };
}

async function atomicWrite(path: string, contents: Uint8Array, unique: string): Promise<void> {
  const temp = `${path}.${unique}.tmp`;
  await writeFile(temp, contents);
  await rename(temp, path);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const started = Date.now();
  const { files, widgetGzipBytes } = await buildWeb({ minify: !process.argv.includes('--dev') });
  const { stat } = await import('node:fs/promises');
  for (const file of files) {
    console.log(`${basename(file).padEnd(14)} ${(await stat(file)).size.toString().padStart(8)} B`);
  }
  console.log(`widget.js gzip ${widgetGzipBytes} B (${(widgetGzipBytes / 1024).toFixed(1)} KB)`);
  console.log(`built in ${Date.now() - started} ms`);
}
