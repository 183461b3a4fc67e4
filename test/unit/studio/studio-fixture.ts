/**
 * Test fixture: a content studio over in-memory DocumentStores seeded with a small collection
 * (test/fixtures/kb/valid: three articles in English and Arabic), answering "live" from a real
 * FileKnowledgeSource on an artifact in a temporary folder and publishing through the real local
 * rebuild (which writes that artifact and reloads it).
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadCollection } from '#core/knowledge/load-collection.ts';
import type { Clock, Ids } from '#core/ports.ts';
import { encodeArtifact } from '#core/retrieval/artifact-container.ts';
import { buildIndexArtifact } from '#core/retrieval/build-index.ts';
import { DEFAULT_THRESHOLDS } from '#core/retrieval/default-thresholds.ts';
import type { AcceptedPhrasing } from '#core/studio/test-all.ts';
import { studioParts, type StudioParts } from '#core/studio/studio-parts.ts';
import { StudioService } from '#core/studio/studio-service.ts';
import { FileKnowledgeSource } from '#adapters/knowledge/file-knowledge-source.ts';
import { MemoryDocumentStore } from '#adapters/memory/memory-document-store.ts';
import { localIndexRebuild } from '#app/studio-service.ts';
import { markdownToHtml } from '../../../web/shared/markdown-html.ts';

export const FIXTURE_DIR = 'test/fixtures/kb/valid';

export interface StudioFixture {
  studio: StudioService;
  parts: StudioParts;
  live: MemoryDocumentStore;
  store: MemoryDocumentStore;
  knowledge: FileKnowledgeSource;
  accepted: AcceptedPhrasing[];
  /** The fixture's source of `file` (e.g. `en/refunds.md`). */
  source(file: string): string;
  /** Moves the clock on. */
  advance(ms: number): void;
  close(): Promise<void>;
}

/** The fixture collection's files (`en/x.md` → text). */
export async function fixtureDocuments(dir = FIXTURE_DIR): Promise<Record<string, string>> {
  const documents: Record<string, string> = {};
  for (const lang of ['en', 'ar']) {
    for (const name of await readdir(path.join(dir, lang))) {
      documents[`${lang}/${name}`] = await readFile(path.join(dir, lang, name), 'utf8');
    }
  }
  return documents;
}

export async function createStudioFixture(
  options: { now?: Date; staleAfterDays?: number } = {},
): Promise<StudioFixture> {
  const folder = await mkdtemp(path.join(tmpdir(), 'mujib-studio-'));
  const artifactFile = path.join(folder, 'index.bin');
  const { articles } = await loadCollection(FIXTURE_DIR);
  await writeFile(artifactFile, encodeArtifact(buildIndexArtifact(articles)));
  const knowledge = new FileKnowledgeSource(artifactFile, { checkEveryMs: 3_600_000 });

  let time = (options.now ?? new Date('2026-12-01T09:00:00.000Z')).getTime();
  const clock: Clock = { now: () => new Date(time) };
  let next = 0;
  const ids: Ids = { next: () => `00000000-0000-4000-8000-${String(++next).padStart(12, '0')}` };
  const documents = await fixtureDocuments();
  const live = new MemoryDocumentStore({ documents, now: clock.now });
  const store = new MemoryDocumentStore({ now: clock.now });
  const parts = studioParts({ live, studio: store, clock, ids });
  const accepted: AcceptedPhrasing[] = [];
  const studio = new StudioService({
    ...parts,
    rebuild: localIndexRebuild(parts, knowledge),
    knowledge,
    thresholds: DEFAULT_THRESHOLDS,
    acceptedPhrasings: async () => accepted,
    helpUrl: 'https://help.example',
    markdownHtml: markdownToHtml,
    ...(options.staleAfterDays ? { staleAfterDays: options.staleAfterDays } : {}),
  });
  return {
    studio,
    parts,
    live,
    store,
    knowledge,
    accepted,
    source: (file) => {
      const text = documents[file];
      if (text === undefined) throw new Error(`no fixture file ${file}`);
      return text;
    },
    advance: (ms) => {
      time += ms;
    },
    close: () => rm(folder, { recursive: true, force: true }),
  };
}

/** A small new English article the studio tests publish (not in the fixture collection). */
export const GIFT_WRAP_SOURCE = `---
title: Gift wrapping
lang: en
questions:
  - can you gift wrap my order
  - do you offer gift wrapping
  - add a gift message and wrapping paper
summary: Choose gift wrapping at checkout for 10 SAR.
updated: 2026-11-20
---
# Gift wrapping

## Add gift wrapping
At checkout, tick **Gift wrap this order**.
`;
