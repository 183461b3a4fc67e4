/**
 * Test helper: the knowledge index built (once per test process) from a folder of articles —
 * the real sample help centre by default.
 */
import { loadCollection } from '#core/knowledge/load-collection.ts';
import { buildIndexArtifact } from '#core/retrieval/build-index.ts';
import type { IndexArtifact } from '#core/retrieval/index-artifact.ts';
import { KnowledgeIndex } from '#core/retrieval/knowledge-index.ts';

const artifacts = new Map<string, Promise<IndexArtifact>>();

export function artifactFor(dir = 'knowledge'): Promise<IndexArtifact> {
  let artifact = artifacts.get(dir);
  if (!artifact) {
    artifact = loadCollection(dir).then(({ articles }) => buildIndexArtifact(articles));
    artifacts.set(dir, artifact);
  }
  return artifact;
}

export async function indexFor(dir = 'knowledge'): Promise<KnowledgeIndex> {
  return KnowledgeIndex.load(await artifactFor(dir));
}
