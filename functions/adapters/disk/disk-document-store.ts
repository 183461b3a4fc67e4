/**
 * A folder as a DocumentStore (local mode): the live collection is the `knowledge/` folder, the
 * studio's drafts, history, audit and publish report live under `<data dir>/studio/`. Keys are
 * checked (checkDocumentKey) and must resolve inside the root. A write goes to a temporary file
 * in the same folder, is flushed, then renamed over the document, so a reader (the index build,
 * another request) sees the old text or the new one, never half of it.
 */
import { randomBytes } from 'node:crypto';
import type { BigIntStats, Dirent } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import {
  checkDocumentKey,
  InvalidDocumentKeyError,
  type DocumentListing,
  type DocumentStore,
  type StoredDocument,
} from '#core/studio/document-store.ts';

/** Temporary files of an unfinished write (`.<name>.<hex>.tmp`): never listed. */
const TEMPORARY = /^\..+\.[0-9a-f]{16}\.tmp$/;

export interface DiskDocumentStoreOptions {
  /** The folder; created on the first write. */
  root: string;
  /** Files stat'ed in parallel while listing (default 16). */
  concurrency?: number;
}

export class DiskDocumentStore implements DocumentStore {
  private readonly root: string;
  private readonly concurrency: number;

  constructor(options: DiskDocumentStoreOptions) {
    this.root = path.resolve(options.root);
    this.concurrency = Math.max(1, options.concurrency ?? 16);
  }

  async get(key: string): Promise<StoredDocument | undefined> {
    const file = this.pathOf(key);
    let handle: FileHandle;
    try {
      handle = await open(file, 'r');
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
    try {
      // One open file: the text and its time belong to the same write (a rename may follow).
      const info = await handle.stat({ bigint: true });
      if (!info.isFile()) return undefined;
      const text = await handle.readFile('utf8');
      return { key, text, ...times(info) };
    } finally {
      await handle.close();
    }
  }

  async put(key: string, text: string): Promise<void> {
    const file = this.pathOf(key);
    const folder = path.dirname(file);
    await mkdir(folder, { recursive: true });
    const temporary = path.join(
      folder,
      `.${path.basename(file)}.${randomBytes(8).toString('hex')}.tmp`,
    );
    try {
      const handle = await open(temporary, 'w', 0o644);
      try {
        await handle.writeFile(text, 'utf8');
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

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  async list(prefix: string): Promise<DocumentListing[]> {
    // '' lists everything; otherwise the prefix must itself be a safe key or folder (`drafts/`).
    if (prefix !== '') checkDocumentKey(prefix.endsWith('/') ? prefix.slice(0, -1) : prefix);
    // Walk only the folder the prefix names in full (`history/en/re` → `history/en/`).
    const start = prefix.slice(0, prefix.lastIndexOf('/') + 1);
    const keys = (await this.walk(start)).filter((key) => key.startsWith(prefix));
    keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const result: (DocumentListing | undefined)[] = new Array(keys.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < keys.length) {
        const i = next++;
        const key = keys[i] as string;
        try {
          const info = await stat(this.pathOf(key), { bigint: true });
          result[i] = { key, ...times(info) };
        } catch (error) {
          if (!isMissing(error)) throw error; // deleted while listing: left out
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, keys.length) }, worker));
    return result.filter((entry): entry is DocumentListing => entry !== undefined);
  }

  /** Keys of the regular files under `folder` (a key prefix ending in `/`, or ''), recursively. */
  private async walk(folder: string): Promise<string[]> {
    let entries: Dirent[];
    try {
      entries = await readdir(path.join(this.root, folder), { withFileTypes: true });
    } catch (error) {
      if (isMissing(error)) return [];
      throw error;
    }
    const keys: string[] = [];
    for (const entry of entries) {
      // Symbolic links are not followed: a document is a regular file inside the root.
      if (entry.isDirectory()) keys.push(...(await this.walk(`${folder}${entry.name}/`)));
      else if (entry.isFile() && !TEMPORARY.test(entry.name)) keys.push(`${folder}${entry.name}`);
    }
    return keys;
  }

  /** The file of a key: a checked key that resolves strictly inside the root. */
  private pathOf(key: string): string {
    checkDocumentKey(key);
    const file = path.resolve(this.root, ...key.split('/'));
    if (!file.startsWith(this.root + path.sep)) throw new InvalidDocumentKeyError(key);
    return file;
  }
}

/** The modification time (ISO, ms) and the version token (ns mtime and size: unique per write). */
function times(info: BigIntStats): { modifiedAt: string; version: string } {
  return {
    modifiedAt: new Date(Number(info.mtimeMs)).toISOString(),
    version: `${info.mtimeNs.toString(36)}-${info.size.toString(36)}`,
  };
}

/** ENOENT, or ENOTDIR (a folder in the key is a file), or EISDIR (the key is a folder). */
function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR';
}
