/**
 * Knowledge sources backed by memory or a local artifact file (what `kb build` writes, gzip-
 * compressed or not; JSON artifacts load too). The file source checks the file's modification
 * time at most every `checkEveryMs`; a changed file is read and loaded in the background and swapped in when
 * ready, so a `kb build` while the server runs publishes new articles without a restart and
 * no request ever waits for a reload (requests keep the index they started with). A changed file
 * that does not load (half-written, corrupt, a gzip bomb) keeps the current index serving and is
 * logged (`knowledge.invalid-artifact`, once per version of the file); the next check tries again.
 */
import { readFileSync, statSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { KnowledgeSource, Logger } from '#core/ports.ts';
import { KnowledgeIndex } from '#core/retrieval/knowledge-index.ts';
import { artifactBytes, artifactBytesSync } from './artifact-bytes.ts';

export class StaticKnowledgeSource implements KnowledgeSource<KnowledgeIndex> {
  constructor(private readonly index: KnowledgeIndex) {}
  current(): Promise<KnowledgeIndex> {
    return Promise.resolve(this.index);
  }
}

export interface FileKnowledgeSourceOptions {
  /** Minimum time between two checks of the file (default 5 000 ms). */
  checkEveryMs?: number;
  /** Milliseconds clock (injected by tests). */
  now?: () => number;
  /** Called after a new index was swapped in. */
  onReload?: (index: KnowledgeIndex) => void;
  /** Where a reload that failed is reported. */
  logger?: Logger;
}

export class FileKnowledgeSource implements KnowledgeSource<KnowledgeIndex> {
  private index: KnowledgeIndex;
  private mtimeMs: number;
  private checkedAt = 0;
  private reloading?: Promise<void>;
  /** The file version (mtime) whose failure was logged last: logged once, retried every check. */
  private failedMtimeMs?: number;

  /** Loads the file now (start-up); throws when it is missing or not a valid artifact. */
  constructor(
    /** The artifact file (the studio's local rebuild writes it). */
    readonly path: string,
    private readonly options: FileKnowledgeSourceOptions = {},
  ) {
    this.mtimeMs = statSync(path).mtimeMs;
    this.index = KnowledgeIndex.load(artifactBytesSync(readFileSync(path)));
    this.checkedAt = this.now();
  }

  /** The index loaded last; starts a background check when one is due, never waits for it. */
  current(): Promise<KnowledgeIndex> {
    const now = this.now();
    if (!this.reloading && now - this.checkedAt >= (this.options.checkEveryMs ?? 5_000)) {
      this.checkedAt = now;
      this.reloading = this.reloadIfChanged().finally(() => {
        this.reloading = undefined;
      });
    }
    return Promise.resolve(this.index);
  }

  /** Resolves when no background check is running (tests, graceful shutdown). */
  async settled(): Promise<void> {
    await this.reloading;
  }

  /**
   * Loads the file now, changed or not, and serves it when this resolves (the studio's publish:
   * the bot answers the new way as soon as publish returns). Throws when the file does not load;
   * the current index keeps serving then.
   */
  async reloadNow(): Promise<void> {
    await this.reloading;
    const mtimeMs = (await stat(this.path)).mtimeMs;
    const next = KnowledgeIndex.load(await artifactBytes(await readFile(this.path)));
    this.index = next;
    this.mtimeMs = mtimeMs;
    this.failedMtimeMs = undefined;
    this.checkedAt = this.now();
    this.options.onReload?.(next);
  }

  private async reloadIfChanged(): Promise<void> {
    let mtimeMs: number | undefined;
    try {
      mtimeMs = (await stat(this.path)).mtimeMs;
      if (mtimeMs === this.mtimeMs) return;
      const next = KnowledgeIndex.load(await artifactBytes(await readFile(this.path)));
      // Swap: the old index is garbage once the requests holding it finish.
      this.index = next;
      this.mtimeMs = mtimeMs;
      this.failedMtimeMs = undefined;
      this.options.onReload?.(next);
    } catch (error) {
      // A half-written, corrupt or missing file keeps the current index; the next check tries
      // again. Reported once per version of the file, not at every check.
      const version = mtimeMs ?? Number.NaN;
      if (Object.is(version, this.failedMtimeMs)) return;
      this.failedMtimeMs = version;
      this.options.logger?.error('knowledge.invalid-artifact', {
        path: this.path,
        error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
        serving: this.index.meta.hash,
      });
    }
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }
}
