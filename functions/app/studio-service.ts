/**
 * Composition of the content studio for the local server (and the tests that stand in for it):
 * its two DocumentStores — the live collection (`config.knowledgeDir`) and the studio's own
 * (`<dataDir>/studio/`), or both in memory for `memory` mode — and an IndexRebuild that builds
 * the index from the live folder, writes the artifact the FileKnowledgeSource reads (temporary
 * file + rename) and reloads it, so the bot answers the new way when publish returns. A Lambda
 * composes the studio from the same core parts with S3 stores and `queuedIndexRebuild`.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { LearningService } from '#core/learning/learning-service.ts';
import type { Clock, Ids, KnowledgeSource } from '#core/ports.ts';
import type { KnowledgeIndex } from '#core/retrieval/knowledge-index.ts';
import type { DocumentStore } from '#core/studio/document-store.ts';
import {
  CollectionRebuild,
  queuedIndexRebuild,
  type IndexRebuild,
} from '#core/studio/index-rebuild.ts';
import { studioParts, type StudioParts } from '#core/studio/studio-parts.ts';
import { StudioService } from '#core/studio/studio-service.ts';
import type { RebuildResult } from '#core/studio/studio-types.ts';
import { DiskDocumentStore } from '#adapters/disk/disk-document-store.ts';
import { FileKnowledgeSource } from '#adapters/knowledge/file-knowledge-source.ts';
import { MemoryDocumentStore } from '#adapters/memory/memory-document-store.ts';
import { markdownToHtml } from '../../web/shared/markdown-html.ts';
import type { Config } from './config.ts';

/** What a composition may replace (tests: temporary folders, memory stores). */
export interface StudioOverrides {
  /** The live collection (default: `config.knowledgeDir` on disk; in memory mode, empty). */
  live?: DocumentStore;
  /** Drafts, history, audit and report (default: `<dataDir>/studio/` on disk; in memory mode, memory). */
  studio?: DocumentStore;
  /** Default: rebuild into the FileKnowledgeSource's file, else `queued` (nothing to rebuild here). */
  rebuild?: IndexRebuild;
}

/**
 * The studio's storage parts: the configured stores (disk locally, memory in memory mode).
 * @example const parts = studioStores(config, { memory: false, clock, ids });
 */
export function studioStores(
  config: Config,
  options: { memory: boolean; clock: Clock; ids: Ids; overrides?: StudioOverrides },
): StudioParts {
  const { memory, clock, ids, overrides = {} } = options;
  const live =
    overrides.live ??
    (memory ? new MemoryDocumentStore() : new DiskDocumentStore({ root: config.knowledgeDir }));
  const studio =
    overrides.studio ??
    (memory
      ? new MemoryDocumentStore()
      : new DiskDocumentStore({ root: path.join(config.dataDir, 'studio') }));
  return studioParts({ live, studio, clock, ids });
}

/** The StudioService over `parts`, answering "live" from `knowledge`. */
export function studioService(
  config: Config,
  parts: StudioParts,
  options: {
    knowledge: KnowledgeSource<KnowledgeIndex>;
    learning: LearningService;
    rebuild?: IndexRebuild;
  },
): StudioService {
  const { knowledge, learning } = options;
  return new StudioService({
    ...parts,
    rebuild: options.rebuild ?? localIndexRebuild(parts, knowledge),
    knowledge,
    thresholds: config.thresholds,
    acceptedPhrasings: () => learning.acceptedPhrasingList(),
    helpUrl: config.helpUrl,
    markdownHtml: markdownToHtml,
    staleAfterDays: config.staleAfterDays,
  });
}

/**
 * Rebuilds into the artifact file a FileKnowledgeSource serves, and reloads it; any other
 * source is not rebuilt here (`queued`).
 */
export function localIndexRebuild(
  parts: StudioParts,
  knowledge: KnowledgeSource<KnowledgeIndex>,
): IndexRebuild {
  if (!(knowledge instanceof FileKnowledgeSource)) return queuedIndexRebuild;
  return new CollectionRebuild({
    live: parts.collection,
    history: parts.history,
    studio: parts.studio,
    clock: parts.clock,
    writeArtifact: (bytes) => writeAtomically(knowledge.path, bytes),
    reload: () => knowledge.reloadNow(),
    servingHash: async () => (await knowledge.current()).meta.hash,
  });
}

/**
 * Builds the index from the live folder into `config.indexPath` at start-up, the way publishing
 * does (a broken article is left out, its last good version serving), and writes the report.
 */
export async function buildLiveIndex(
  config: Config,
  options: { clock: Clock; ids: Ids },
): Promise<RebuildResult & { articles: number }> {
  const parts = studioStores(config, { memory: false, ...options });
  let articles = 0;
  const result = await new CollectionRebuild({
    live: parts.collection,
    history: parts.history,
    studio: parts.studio,
    clock: parts.clock,
    writeArtifact: (bytes) => writeAtomically(config.indexPath, bytes),
    reload: async () => undefined,
    servingHash: async () => undefined,
    onBuilt: (count) => {
      articles = count;
    },
  }).rebuild();
  return { ...result, articles };
}

/** Writes `parts` to a temporary file beside `file`, flushes it and renames it over `file`. */
async function writeAtomically(file: string, parts: Uint8Array[]): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${randomBytes(8).toString('hex')}.tmp`;
  try {
    const handle = await open(temporary, 'w', 0o644);
    try {
      await handle.writeFile(Buffer.concat(parts));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
