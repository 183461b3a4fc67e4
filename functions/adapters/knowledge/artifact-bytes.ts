/**
 * Stored artifact → the bytes KnowledgeIndex.load reads: the artifact travels and may be stored
 * gzip-compressed (the S3 object the indexer writes, `kb build --out *.gz`); anything else is
 * passed as it is (the binary container `kb build` writes, or JSON text). The gzip magic number
 * decides, not the file name or the Content-Encoding header.
 */
import { promisify } from 'node:util';
import { gunzip, gunzipSync } from 'node:zlib';

const gunzipAsync = promisify(gunzip);

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** The artifact's bytes (decompressing off the main thread when gzip). */
export async function artifactBytes(bytes: Uint8Array): Promise<Uint8Array> {
  return isGzip(bytes) ? await gunzipAsync(bytes) : bytes;
}

/** The same, synchronously (start-up paths). */
export function artifactBytesSync(bytes: Uint8Array): Uint8Array {
  return isGzip(bytes) ? gunzipSync(bytes) : bytes;
}
