/**
 * Stored artifact → the bytes KnowledgeIndex.load reads: the artifact travels and may be stored
 * gzip-compressed (the S3 object the indexer writes, `kb build --out *.gz`); anything else is
 * passed as it is (the binary container `kb build` writes, or JSON text). The gzip magic number
 * decides, not the file name or the Content-Encoding header.
 *
 * Decompression is bounded (`maxBytes`, default MAX_ARTIFACT_BYTES): a gzip bomb stops there
 * instead of filling the function's memory. Corrupt, truncated or oversized gzip input is a
 * KnowledgeError saying which.
 */
import { promisify } from 'node:util';
import { gunzip, gunzipSync } from 'node:zlib';
import { KnowledgeError } from '#core/errors.ts';

const gunzipAsync = promisify(gunzip);

/**
 * Largest artifact decompressed (256 MiB): a 10,000-article index is ~60 MiB, and an answer
 * function could not hold one much larger than this anyway.
 */
export const MAX_ARTIFACT_BYTES = 256 * 1024 * 1024;

export interface ArtifactBytesOptions {
  /** Most bytes a gzip artifact may decompress to (default MAX_ARTIFACT_BYTES). */
  maxBytes?: number;
}

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** The artifact's bytes (decompressing off the main thread when gzip). */
export async function artifactBytes(
  bytes: Uint8Array,
  options: ArtifactBytesOptions = {},
): Promise<Uint8Array> {
  if (!isGzip(bytes)) return bytes;
  const maxOutputLength = options.maxBytes ?? MAX_ARTIFACT_BYTES;
  try {
    return await gunzipAsync(bytes, { maxOutputLength });
  } catch (error) {
    throw gunzipFailed(error, maxOutputLength);
  }
}

/** The same, synchronously (start-up paths). */
export function artifactBytesSync(
  bytes: Uint8Array,
  options: ArtifactBytesOptions = {},
): Uint8Array {
  if (!isGzip(bytes)) return bytes;
  const maxOutputLength = options.maxBytes ?? MAX_ARTIFACT_BYTES;
  try {
    return gunzipSync(bytes, { maxOutputLength });
  } catch (error) {
    throw gunzipFailed(error, maxOutputLength);
  }
}

function gunzipFailed(error: unknown, maxBytes: number): KnowledgeError {
  const code = (error as { code?: unknown })?.code;
  if (code === 'ERR_BUFFER_TOO_LARGE') {
    return new KnowledgeError(
      `index artifact decompresses to more than ${maxBytes} bytes`,
      { maxBytes },
      { cause: error },
    );
  }
  return new KnowledgeError(
    `index artifact is not valid gzip: ${(error as Error)?.message ?? String(error)}`,
    { code },
    { cause: error },
  );
}
