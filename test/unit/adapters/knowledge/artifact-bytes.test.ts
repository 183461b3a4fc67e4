/**
 * Stored artifact bytes → what the index loads: gzip is decompressed, within a bound; corrupt,
 * truncated or oversized gzip (a gzip bomb) is a KnowledgeError, never a crash or a process that
 * fills its memory.
 */
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  artifactBytes,
  artifactBytesSync,
  MAX_ARTIFACT_BYTES,
} from '#adapters/knowledge/artifact-bytes.ts';
import { KnowledgeError } from '#core/errors.ts';

const TEXT = Buffer.from('{"version": 4}');

/** Many gzip members of zeros laid end to end: small on disk, `members` MiB once unpacked. */
function bomb(members: number): Buffer {
  const member = gzipSync(Buffer.alloc(1024 * 1024));
  return Buffer.concat(Array.from({ length: members }, () => member));
}

describe('artifact bytes', () => {
  it('decompresses gzip and passes anything else through', async () => {
    expect(Buffer.from(await artifactBytes(gzipSync(TEXT)))).toEqual(TEXT);
    expect(Buffer.from(artifactBytesSync(gzipSync(TEXT)))).toEqual(TEXT);
    expect(await artifactBytes(TEXT)).toBe(TEXT);
  });

  it('stops a gzip bomb at the bound with a KnowledgeError', async () => {
    // Prepare: 4 MiB once unpacked, in ~16 KiB; a bound of 1 MiB
    const bytes = bomb(4);
    const options = { maxBytes: 1024 * 1024 };

    // Act / Assess
    await expect(artifactBytes(bytes, options)).rejects.toThrow(KnowledgeError);
    await expect(artifactBytes(bytes, options)).rejects.toThrow(/more than 1048576 bytes/);
    expect(() => artifactBytesSync(bytes, options)).toThrow(/more than 1048576 bytes/);
    expect(Buffer.from(await artifactBytes(bomb(1), options)).length).toBe(1024 * 1024);
    expect(MAX_ARTIFACT_BYTES).toBeLessThanOrEqual(512 * 1024 * 1024);
  });

  it('refuses truncated or garbage gzip with a KnowledgeError', async () => {
    const gzip = gzipSync(Buffer.alloc(64 * 1024, 'x'));
    const truncated = gzip.subarray(0, gzip.length - 20);
    const garbage = Buffer.from([0x1f, 0x8b, 0x08, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);

    for (const bytes of [truncated, garbage]) {
      await expect(artifactBytes(bytes)).rejects.toThrow(KnowledgeError);
      expect(() => artifactBytesSync(bytes)).toThrow(/not valid gzip/);
    }
  });
});
