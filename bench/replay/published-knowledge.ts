/**
 * The live index of the replay: what the file or S3 knowledge source serves, with `publish`
 * standing in for the indexer swapping in a freshly built artifact.
 */
import type { KnowledgeSource } from '#core/ports.ts';
import type { KnowledgeIndex } from '#core/retrieval/knowledge-index.ts';

export class PublishedKnowledge implements KnowledgeSource<KnowledgeIndex> {
  constructor(private index: KnowledgeIndex) {}

  current(): Promise<KnowledgeIndex> {
    return Promise.resolve(this.index);
  }

  publish(index: KnowledgeIndex): void {
    this.index = index;
  }
}
