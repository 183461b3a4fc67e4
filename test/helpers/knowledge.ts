/**
 * Test helper: the knowledge index built (once per test process) from a folder of articles —
 * the real sample help centre by default, which the global setup (test/setup/shared-fixtures.ts)
 * has already built once for the whole run.
 */
import { readFile } from 'node:fs/promises';
import { loadCollection } from '#core/knowledge/load-collection.ts';
import { buildIndexArtifact } from '#core/retrieval/build-index.ts';
import type { IndexArtifact } from '#core/retrieval/index-artifact.ts';
import { KnowledgeIndex } from '#core/retrieval/knowledge-index.ts';
import { KNOWLEDGE_ARTIFACT_ENV } from '../setup/shared-fixture-env.ts';

const artifacts = new Map<string, Promise<IndexArtifact>>();

function build(dir: string): Promise<IndexArtifact> {
  const prebuilt = process.env[KNOWLEDGE_ARTIFACT_ENV];
  if (dir === 'knowledge' && prebuilt) {
    return readFile(prebuilt, 'utf8').then((text) => JSON.parse(text) as IndexArtifact);
  }
  return loadCollection(dir).then(({ articles }) => buildIndexArtifact(articles));
}

export function artifactFor(dir = 'knowledge'): Promise<IndexArtifact> {
  let artifact = artifacts.get(dir);
  if (!artifact) {
    artifact = build(dir);
    artifacts.set(dir, artifact);
  }
  return artifact;
}

export async function indexFor(dir = 'knowledge'): Promise<KnowledgeIndex> {
  return KnowledgeIndex.load(await artifactFor(dir));
}
