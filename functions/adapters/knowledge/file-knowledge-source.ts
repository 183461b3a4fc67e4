/**
 * Knowledge sources backed by memory or a local artifact file. The file source re-reads the
 * artifact when its modification time changes (checked at most every `checkEveryMs`), so a
 * `kb build` while the server runs publishes new articles without a restart.
 */
import { readFileSync, statSync } from 'node:fs';
import type { KnowledgeSource } from '#core/ports.ts';
import { KnowledgeIndex } from '#core/retrieval/knowledge-index.ts';

export class StaticKnowledgeSource implements KnowledgeSource<KnowledgeIndex> {
  constructor(private readonly index: KnowledgeIndex) {}
  current(): Promise<KnowledgeIndex> {
    return Promise.resolve(this.index);
  }
}

export class FileKnowledgeSource implements KnowledgeSource<KnowledgeIndex> {
  private index: KnowledgeIndex;
  private mtimeMs: number;
  private checkedAt = 0;

  constructor(
    private readonly path: string,
    private readonly options: { checkEveryMs?: number; now?: () => number; onReload?: (index: KnowledgeIndex) => void } = {},
  ) {
    this.mtimeMs = statSync(path).mtimeMs;
    this.index = KnowledgeIndex.load(readFileSync(path, 'utf8'));
    this.checkedAt = this.now();
  }

  async current(): Promise<KnowledgeIndex> {
    const now = this.now();
    if (now - this.checkedAt >= (this.options.checkEveryMs ?? 5_000)) {
      this.checkedAt = now;
      this.reloadIfChanged();
    }
    return this.index;
  }

  private reloadIfChanged(): void {
    try {
      const mtimeMs = statSync(this.path).mtimeMs;
      if (mtimeMs === this.mtimeMs) return;
      const next = KnowledgeIndex.load(readFileSync(this.path, 'utf8'));
      this.index = next;
      this.mtimeMs = mtimeMs;
      this.options.onReload?.(next);
    } catch {
      // A half-written or missing file keeps the current index; the next check tries again.
    }
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }
}
