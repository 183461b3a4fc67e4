/**
 * Vitest global setup: builds what many test files share once per run instead of once in each —
 * the sample help centre's index (knowledge/, ~2.5 s of CPU per file), handed to the test
 * processes (and the processes they start) through MUJIB_TEST_KNOWLEDGE_ARTIFACT, and the web
 * files (web/dist) the served-stack tests load, announced through MUJIB_TEST_WEB_BUILT.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadCollection } from '#core/knowledge/load-collection.ts';
import { buildIndexArtifact } from '#core/retrieval/build-index.ts';
import { buildWeb } from '../../web/build.ts';

import { KNOWLEDGE_ARTIFACT_ENV, WEB_BUILT_ENV } from './shared-fixture-env.ts';

export default async function setup(): Promise<() => Promise<void>> {
  const dir = await mkdtemp(path.join(tmpdir(), 'mujib-test-index-'));
  const file = path.join(dir, 'knowledge.json');
  const web = buildWeb({ minify: false });
  const { articles } = await loadCollection('knowledge');
  await writeFile(file, JSON.stringify(buildIndexArtifact(articles)));
  await web;
  process.env[KNOWLEDGE_ARTIFACT_ENV] = file;
  process.env[WEB_BUILT_ENV] = '1';
  return async () => {
    delete process.env[KNOWLEDGE_ARTIFACT_ENV];
    delete process.env[WEB_BUILT_ENV];
    await rm(dir, { recursive: true, force: true });
  };
}
