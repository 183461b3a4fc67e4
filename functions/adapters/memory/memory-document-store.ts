/**
 * A DocumentStore in process memory (unit tests, `memory` mode): the same contract as the disk
 * and S3 adapters — checked keys, whole-document writes, sorted listings by prefix.
 */
import {
  checkDocumentKey,
  type DocumentListing,
  type DocumentStore,
  type StoredDocument,
} from '#core/studio/document-store.ts';

export interface MemoryDocumentStoreOptions {
  /** Documents to start with (key → text). */
  documents?: Record<string, string>;
  /** Clock for `modifiedAt` (default: the system clock). */
  now?: () => Date;
}

export class MemoryDocumentStore implements DocumentStore {
  private readonly documents = new Map<string, StoredDocument>();
  private readonly now: () => Date;

  constructor(options: MemoryDocumentStoreOptions = {}) {
    this.now = options.now ?? (() => new Date());
    for (const [key, text] of Object.entries(options.documents ?? {})) this.write(key, text);
  }

  async get(key: string): Promise<StoredDocument | undefined> {
    checkDocumentKey(key);
    const document = this.documents.get(key);
    return document ? { ...document } : undefined;
  }

  async put(key: string, text: string): Promise<void> {
    this.write(key, text);
  }

  async delete(key: string): Promise<void> {
    checkDocumentKey(key);
    this.documents.delete(key);
  }

  async list(prefix: string): Promise<DocumentListing[]> {
    return [...this.documents.values()]
      .filter((d) => d.key.startsWith(prefix))
      .map(({ key, modifiedAt }) => ({ key, modifiedAt }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  private write(key: string, text: string): void {
    checkDocumentKey(key);
    this.documents.set(key, { key, text, modifiedAt: this.now().toISOString() });
  }
}
