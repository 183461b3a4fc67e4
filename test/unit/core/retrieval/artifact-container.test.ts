import { beforeAll, describe, expect, it } from 'vitest';
import { loadCollection } from '#core/knowledge/load-collection.ts';
import { decodeArtifact, encodeArtifact } from '#core/retrieval/artifact-container.ts';
import { buildIndexArtifact } from '#core/retrieval/build-index.ts';
import { DEFAULT_THRESHOLDS } from '#core/retrieval/default-thresholds.ts';
import type { IndexArtifact } from '#core/retrieval/index-artifact.ts';
import { KnowledgeIndex } from '#core/retrieval/knowledge-index.ts';
import { KnowledgeError } from '#core/errors.ts';

const QUESTIONS = [
  { text: 'how do I reset my password' },
  { text: 'where is my order' },
  { text: 'كيف أتتبع طلبي' },
  { text: 'ana 3ayez a7wel flos' },
  { text: 'refund الطلب please' },
];

let artifact: IndexArtifact;
let bytes: Buffer;

beforeAll(async () => {
  const { articles } = await loadCollection('knowledge');
  artifact = buildIndexArtifact(articles, { now: new Date('2026-01-01') });
  bytes = Buffer.concat(encodeArtifact(artifact));
});

describe('the binary artifact container', () => {
  it('loads to an index that decides exactly as the artifact object does', () => {
    // Arrange
    const fromObject = KnowledgeIndex.load(artifact);

    // Act
    const fromBytes = KnowledgeIndex.load(bytes);

    // Assert
    expect(fromBytes.meta).toEqual(fromObject.meta);
    for (const q of QUESTIONS) {
      expect(fromBytes.decide(q, DEFAULT_THRESHOLDS)).toEqual(
        fromObject.decide(q, DEFAULT_THRESHOLDS),
      );
    }
    const records = artifact.indexes.en?.articles;
    const id = Array.isArray(records) ? (records[0]?.id ?? '') : '';
    expect(id).not.toBe('');
    expect(fromBytes.article('en', id)).toEqual(fromObject.article('en', id));
  });

  it('is smaller than the JSON form and decodes back to it', () => {
    // Act
    const decoded = decodeArtifact(bytes);

    // Assert
    expect(bytes.length).toBeLessThan(Buffer.byteLength(JSON.stringify(artifact)));
    expect(JSON.stringify(decoded)).toBe(JSON.stringify(artifact));
  });

  it('rejects a truncated or corrupted container with a KnowledgeError', () => {
    // Arrange
    const truncated = bytes.subarray(0, bytes.length - 100);
    const corrupt = Buffer.from(bytes);
    corrupt.writeUInt32LE(corrupt.length, 8); // header length past the end

    // Act / Assert
    expect(() => KnowledgeIndex.load(truncated)).toThrow(KnowledgeError);
    expect(() => KnowledgeIndex.load(corrupt)).toThrow(KnowledgeError);
  });

  it('loads JSON text given as bytes too', () => {
    const index = KnowledgeIndex.load(Buffer.from(JSON.stringify(artifact)));
    expect(index.meta.hash).toBe(artifact.hash);
  });
});
