/**
 * The index artifact as `kb build` writes it and the answer functions load it: a small binary
 * container, so loading parses only a small JSON header and never the bulk of the data.
 *
 * Layout: the 8-byte magic `MUJIBKB1`, the header's byte length (uint32, little-endian), the
 * header (UTF-8 JSON: the IndexArtifact with its bulk replaced by references), then the body.
 * In the header, packed integers (packed-ints.ts) become `{"$bin": [start, length]}`, byte
 * ranges of the body stored as they are; each language's display records become
 * `{"$records": {"ids": […], "parts": {"$bin": …}, "lengths": {"$bin": …}, "blob": {"$bin": …}}}`:
 * each record as UTF-8 JSON texts laid end to end, its head (the record without its sections)
 * then one text per section (`parts`: the section count of each record), decoded text by text
 * when an answer shows one (article-list.ts). Containers written before `parts` (one text per
 * record) still load. Loading keeps the body bytes as they are (no copy, nothing decoded ahead);
 * the container gzip-compresses well for transfer (~4×).
 *
 * @example
 *   const parts = encodeArtifact(buildIndexArtifact(articles));   // write them out in order
 *   const artifact = decodeArtifact(Buffer.concat(parts));
 */
import type { IndexArtifact } from './index-artifact.ts';
import { PackedArticleList } from './article-list.ts';
import type { ArticleList } from './article-list.ts';
import type { ArticleRecord } from './index-artifact.ts';
import { PackedInts, packInts, unpackInts } from './packed-ints.ts';

const MAGIC = Buffer.from('MUJIBKB1', 'latin1');
const PREFIX = MAGIC.length + 4;

/** Whether `bytes` start like a container (else: JSON text). */
export function isArtifactContainer(bytes: Uint8Array): boolean {
  if (bytes.length < PREFIX) return false;
  for (let i = 0; i < MAGIC.length; i++) if (bytes[i] !== MAGIC[i]) return false;
  return true;
}

/**
 * Artifact → container, as a list of byte chunks to write in order (no single copy of the
 * whole). Records are encoded language by language, one at a time.
 */
export function encodeArtifact(artifact: IndexArtifact): Uint8Array[] {
  const body: Uint8Array[] = [];
  let bodyLength = 0;
  const section = (bytes: Uint8Array): { $bin: [number, number] } => {
    const ref: { $bin: [number, number] } = { $bin: [bodyLength, bytes.length] };
    body.push(bytes);
    bodyLength += bytes.length;
    return ref;
  };
  const records = (list: ArticleRecord[] | ArticleList): object => {
    const n = list.length;
    const ids: string[] = [];
    const parts: number[] = [];
    const lengths: number[] = [];
    const chunks: Buffer[] = [];
    const add = (value: object): void => {
      const bytes = Buffer.from(JSON.stringify(value), 'utf8');
      lengths.push(bytes.length);
      chunks.push(bytes);
    };
    for (let i = 0; i < n; i++) {
      const { sections, ...head } = Array.isArray(list) ? (list[i] as ArticleRecord) : list.get(i);
      ids.push(head.id);
      parts.push(sections.length);
      add(head);
      for (const s of sections) add(s);
    }
    return {
      $records: {
        ids,
        parts: section(packInts(parts).bytes),
        lengths: section(packInts(lengths).bytes),
        blob: section(Buffer.concat(chunks)),
      },
    };
  };
  const header = JSON.stringify(artifact, function (this: Record<string, unknown>, key, value) {
    const raw = this[key];
    if (raw instanceof PackedInts) return section(raw.bytes);
    if (key === 'articles' && typeof raw === 'object' && raw !== null && 'length' in raw) {
      return records(raw as ArticleRecord[] | ArticleList);
    }
    return value as unknown;
  });
  const headerBytes = Buffer.from(header, 'utf8');
  const prefix = Buffer.alloc(PREFIX);
  MAGIC.copy(prefix, 0);
  prefix.writeUInt32LE(headerBytes.length, MAGIC.length);
  return [prefix, headerBytes, ...body];
}

/**
 * Container → artifact whose packed integers and records are views of `bytes` (keep `bytes`
 * unchanged while the artifact is in use). Throws RangeError/TypeError on a malformed container.
 */
export function decodeArtifact(bytes: Uint8Array): IndexArtifact {
  if (!isArtifactContainer(bytes)) throw new TypeError('not an index artifact container');
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = buf.readUInt32LE(MAGIC.length);
  const bodyStart = PREFIX + headerLength;
  if (bodyStart > buf.length) throw new RangeError('index artifact container is truncated');
  const header = JSON.parse(buf.toString('utf8', PREFIX, bodyStart)) as unknown;
  const view = (ref: unknown): Uint8Array => {
    const range = (ref as { $bin?: unknown })?.$bin;
    if (!Array.isArray(range) || range.length !== 2) throw new TypeError('bad section reference');
    const [start, length] = range as [number, number];
    if (
      !Number.isInteger(start) ||
      !Number.isInteger(length) ||
      start < 0 ||
      length < 0 ||
      bodyStart + start + length > buf.length
    ) {
      throw new RangeError('section reference outside the container');
    }
    return buf.subarray(bodyStart + start, bodyStart + start + length);
  };
  const revive = (value: unknown): unknown => {
    if (typeof value !== 'object' || value === null) return value;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const v = value[i] as unknown;
        if (typeof v === 'object' && v !== null) value[i] = revive(v);
      }
      return value;
    }
    const object = value as Record<string, unknown>;
    const keys = Object.keys(object);
    if (keys.length === 1 && keys[0] === '$bin') return new PackedInts(view(object));
    if (keys.length === 1 && keys[0] === '$records') {
      const r = object.$records as {
        ids: string[];
        parts?: unknown;
        lengths: unknown;
        blob: unknown;
      };
      const ids = r?.ids;
      if (!Array.isArray(ids)) throw new TypeError('article records lack their ids');
      if (r.parts === undefined) {
        return new PackedArticleList(ids, unpackInts(view(r.lengths), ids.length), view(r.blob));
      }
      const parts = unpackInts(view(r.parts), ids.length);
      let texts = ids.length;
      for (let i = 0; i < parts.length; i++) texts += parts[i] as number;
      return new PackedArticleList(ids, unpackInts(view(r.lengths), texts), view(r.blob), parts);
    }
    for (const key of keys) object[key] = revive(object[key]);
    return object;
  };
  return revive(header) as IndexArtifact;
}
