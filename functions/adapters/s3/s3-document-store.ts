/**
 * A bucket and key prefix as a DocumentStore (AWS): the live collection is the knowledge bucket
 * under `knowledge/` (a write there is an S3 event → SQS → indexer rebuild), the studio's drafts,
 * history, audit and publish report are the artifact bucket under `studio/`. A PutObject replaces
 * the whole object at once, so a reader never sees half a document; encryption is the bucket's
 * default (SSE-S3) and every version is kept by bucket versioning.
 */
import {
  DeleteObjectCommand,
  GetObjectCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import {
  checkDocumentKey,
  InvalidDocumentKeyError,
  type DocumentListing,
  type DocumentStore,
  type StoredDocument,
} from '#core/studio/document-store.ts';
import { httpStatus, listObjects } from './s3-objects.ts';

export interface S3DocumentStoreOptions {
  s3: S3Client;
  bucket: string;
  /** Key prefix of the store, e.g. `knowledge/` or `studio/` (a missing trailing slash is added). */
  prefix: string;
}

export class S3DocumentStore implements DocumentStore {
  readonly bucket: string;
  /** The normalized prefix (`studio/`), '' for the whole bucket. */
  readonly prefix: string;
  private readonly s3: S3Client;

  constructor(options: S3DocumentStoreOptions) {
    this.s3 = options.s3;
    this.bucket = options.bucket;
    const p = options.prefix.replace(/^\/+/, '');
    this.prefix = p === '' || p.endsWith('/') ? p : `${p}/`;
  }

  async get(key: string): Promise<StoredDocument | undefined> {
    const objectKey = this.objectKey(key);
    try {
      const object = await this.s3.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: objectKey }),
      );
      const text = (await object.Body?.transformToString('utf-8')) ?? '';
      return {
        key,
        text,
        modifiedAt: (object.LastModified ?? new Date(0)).toISOString(),
        ...(object.ETag ? { version: object.ETag } : {}),
      };
    } catch (error) {
      if (httpStatus(error) === 404 || (error as Error | undefined)?.name === 'NoSuchKey') {
        return undefined;
      }
      throw error;
    }
  }

  async put(key: string, text: string): Promise<void> {
    await this.s3.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: this.objectKey(key),
        // Bytes, not the string: an empty string reads to the SDK as a stream of unknown length.
        Body: Buffer.from(text, 'utf8'),
        ContentType: key.toLowerCase().endsWith('.md')
          ? 'text/markdown; charset=utf-8'
          : 'application/json; charset=utf-8',
      }),
    );
  }

  async delete(key: string): Promise<void> {
    // S3 answers a delete of a missing key with 204 too (a delete marker, with versioning).
    await this.s3.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
  }

  async list(prefix: string): Promise<DocumentListing[]> {
    if (prefix !== '') checkDocumentKey(prefix.endsWith('/') ? prefix.slice(0, -1) : prefix);
    const objects = await listObjects(this.s3, this.bucket, this.prefix + prefix);
    const listing: DocumentListing[] = [];
    for (const object of objects) {
      const key = (object.Key as string).slice(this.prefix.length);
      // Objects no key can name (console "folders", `a//b` uploaded by hand) are left out.
      if (!isDocumentKey(key)) continue;
      listing.push({
        key,
        modifiedAt: (object.LastModified ?? new Date(0)).toISOString(),
        ...(object.ETag ? { version: object.ETag } : {}),
      });
    }
    // S3 sorts by UTF-8 bytes; the port promises JavaScript's string order.
    return listing.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  private objectKey(key: string): string {
    return this.prefix + checkDocumentKey(key);
  }
}

function isDocumentKey(key: string): boolean {
  try {
    checkDocumentKey(key);
    return true;
  } catch (error) {
    if (error instanceof InvalidDocumentKeyError) return false;
    throw error;
  }
}
