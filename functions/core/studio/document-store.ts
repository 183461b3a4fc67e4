/**
 * A flat store of text documents by key — the one storage port of the content studio. The live
 * collection (`en/<id>.md`, `ar/<id>.md`) is one store; the studio's drafts, version history,
 * audit and publish report are another. Locally each is a folder on disk
 * (adapters/disk/disk-document-store.ts); in AWS a bucket and prefix
 * (adapters/s3/s3-document-store.ts). Keys are relative, `/`-separated paths without `..`.
 */
export interface StoredDocument {
  key: string;
  text: string;
  /** ISO time of the last write. */
  modifiedAt: string;
  /**
   * Opaque token of this version of the text (S3: the ETag; disk: mtime in ns and size): the same
   * in `get` and `list`, different after a write that changed the text — unlike `modifiedAt`,
   * which S3 keeps to the second, so two writes in one second look alike. Cache by this.
   */
  version?: string;
}

export interface DocumentListing {
  key: string;
  modifiedAt: string;
  /** As StoredDocument.version. */
  version?: string;
}

export interface DocumentStore {
  /** The document, or undefined when there is none. */
  get(key: string): Promise<StoredDocument | undefined>;
  /** Writes (creates or replaces) the document; a reader never sees half of it. */
  put(key: string, text: string): Promise<void>;
  /** Removes the document; a missing key is not an error. */
  delete(key: string): Promise<void>;
  /** Every document whose key starts with `prefix` (all pages), sorted by key. */
  list(prefix: string): Promise<DocumentListing[]>;
}

/** A key that is not a safe relative path (empty, absolute, `..`, backslash, control characters). */
export class InvalidDocumentKeyError extends Error {
  constructor(readonly key: string) {
    super(`not a valid document key: ${JSON.stringify(key.slice(0, 200))}`);
    this.name = 'InvalidDocumentKeyError';
  }
}

/**
 * Throws InvalidDocumentKeyError unless `key` is a relative `/`-separated path of safe segments.
 * @example checkDocumentKey('drafts/en/reset-password.md');
 */
export function checkDocumentKey(key: string): string {
  const ok =
    key.length > 0 &&
    key.length <= 900 &&
    !key.startsWith('/') &&
    key.split('/').every((part) => part !== '' && part !== '.' && part !== '..') &&
    // eslint-disable-next-line no-control-regex
    !/[\\\u0000-\u001f\u007f]/.test(key);
  if (!ok) throw new InvalidDocumentKeyError(key);
  return key;
}
