/**
 * The IndexRebuild port — what the studio calls after it changed the live collection — and its
 * two implementations: `CollectionRebuild` (local mode: builds the index from the live store now,
 * so the bot answers the new way when publish returns) and `queuedIndexRebuild` (AWS: the S3
 * event path rebuilds, debounced through SQS).
 *
 * CollectionRebuild steps: read the live files → selectPublishable (a broken article is left out
 * and its last good version — its latest studio history version — serves instead) → build the
 * artifact → hand it to `writeArtifact` (the composition writes a temporary file and renames it)
 * → `reload` the serving KnowledgeSource → write `report/rejected.json`. Calls that arrive while
 * a build runs share one further build, which starts when the running one ends (so it sees their
 * changes): a burst of publishes costs at most two builds.
 */
import { selectPublishable } from '../knowledge/select-publishable.ts';
import type { Clock } from '../ports.ts';
import { encodeArtifact } from '../retrieval/artifact-container.ts';
import { buildIndexArtifact } from '../retrieval/build-index.ts';
import type { ArticleHistory } from './article-history.ts';
import type { DocumentStore } from './document-store.ts';
import type { LiveCollection } from './live-collection.ts';
import { REPORT_KEY } from './studio-keys.ts';
import type { RebuildResult } from './studio-types.ts';

export interface IndexRebuild {
  /** Brings the live index up to date with the live collection (or queues that). */
  rebuild(): Promise<RebuildResult>;
}

/** AWS: the knowledge bucket's events rebuild the index; the studio only reports that. */
export const queuedIndexRebuild: IndexRebuild = {
  rebuild: async () => ({ status: 'queued', rejected: [] }),
};

export interface CollectionRebuildDeps {
  live: LiveCollection;
  history: ArticleHistory;
  /** The studio store (the report goes to `report/rejected.json`). */
  studio: DocumentStore;
  clock: Clock;
  /** Writes the artifact's parts (in order) where the KnowledgeSource reads it, atomically. */
  writeArtifact(parts: Uint8Array[]): Promise<void>;
  /** Makes the KnowledgeSource serve the artifact just written. */
  reload(): Promise<void>;
  /** Content hash of the index serving now (undefined: none). */
  servingHash(): Promise<string | undefined>;
  /** Told how many articles each built index holds. */
  onBuilt?: (articles: number) => void;
}

export class CollectionRebuild implements IndexRebuild {
  private running?: Promise<RebuildResult>;
  private next?: Promise<RebuildResult>;

  constructor(private readonly deps: CollectionRebuildDeps) {}

  rebuild(): Promise<RebuildResult> {
    if (!this.running) {
      this.running = this.run().finally(() => {
        this.running = undefined;
      });
      return this.running;
    }
    this.next ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.next = undefined;
        return this.rebuild();
      });
    return this.next;
  }

  private async run(): Promise<RebuildResult> {
    const { live, history, studio, clock } = this.deps;
    const files = await live.files();
    const selection = await selectPublishable(files, (file) => history.lastGood(file));
    const rejected = selection.rejected;
    let status: RebuildResult['status'];
    if (selection.articles.length === 0) {
      // Nothing left to serve: keep the index that serves now.
      status = 'rejected';
    } else {
      const artifact = buildIndexArtifact(selection.articles, { now: clock.now() });
      this.deps.onBuilt?.(selection.articles.length);
      if (artifact.hash === (await this.deps.servingHash())) status = 'unchanged';
      else {
        await this.deps.writeArtifact(encodeArtifact(artifact));
        await this.deps.reload();
        status = 'published';
      }
    }
    await studio.put(REPORT_KEY, JSON.stringify({ at: clock.now().toISOString(), rejected }));
    return { status, rejected };
  }
}

/** The last rebuild's rejections (`report/rejected.json`), or none. */
export async function readRejectedReport(
  studio: DocumentStore,
): Promise<RebuildResult['rejected']> {
  const stored = await studio.get(REPORT_KEY);
  if (!stored) return [];
  try {
    const parsed = JSON.parse(stored.text) as { rejected?: RebuildResult['rejected'] };
    return Array.isArray(parsed.rejected) ? parsed.rejected : [];
  } catch {
    return [];
  }
}
