import { beforeAll, describe, expect, it } from 'vitest';
import { loadCollection } from '#core/knowledge/load-collection.ts';
import { decodeArtifact, encodeArtifact } from '#core/retrieval/artifact-container.ts';
import { buildIndexArtifact } from '#core/retrieval/build-index.ts';
import { DEFAULT_THRESHOLDS } from '#core/retrieval/default-thresholds.ts';
import type { IndexArtifact } from '#core/retrieval/index-artifact.ts';
import { KnowledgeIndex } from '#core/retrieval/knowledge-index.ts';
import { KnowledgeError } from '#core/errors.ts';
import { PackedArticleList } from '#core/retrieval/article-list.ts';
import type { ArticleRecord } from '#core/retrieval/index-artifact.ts';

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

  it('decides without throwing when a display record turns out corrupt: that article is left out', () => {
    // Arrange: the record of the article that answers the question is damaged in place (same
    // length, still between braces, so loading, which decodes no record, accepts it)
    const question = { text: 'how do I reset my password' };
    const intact = KnowledgeIndex.load(bytes).decide(question, DEFAULT_THRESHOLDS);
    const id = intact.candidates[0]?.articleId ?? '';
    const damaged = Buffer.from(bytes);
    const needle = `{"id":"${id}",`;
    let damagedRecords = 0;
    for (let at = damaged.indexOf(needle); at >= 0; at = damaged.indexOf(needle, at + 1)) {
      damaged.write(';', at + '{"id"'.length, 'latin1'); // `"id";"…"`: not JSON any more
      damagedRecords++;
    }
    const index = KnowledgeIndex.load(damaged);

    // Act
    const decision = index.decide(question, DEFAULT_THRESHOLDS);

    // Assert
    expect(intact.kind).toBe('answer');
    expect(damagedRecords).toBeGreaterThan(0);
    expect(decision.candidates.map((c) => c.articleId)).not.toContain(id);
    expect(decision.kind).not.toBe('answer');
    expect(decision.explanation.notes.join(' ')).toMatch(new RegExp(`corrupt record of ${id}`));
    expect(index.article('en', id)).toBeUndefined();
  });

  it('decodes only what a candidate shows: a damaged section it does not show changes nothing', () => {
    // Arrange: the article that answers, with a section the answer does not show damaged in place
    const question = { text: 'where is my order' };
    const intact = KnowledgeIndex.load(bytes).decide(question, DEFAULT_THRESHOLDS);
    const top = intact.candidates[0];
    const record = KnowledgeIndex.load(bytes).article('en', top?.articleId ?? '');
    const other = record?.sections.findLast((s) => s.id !== (top?.sectionId ?? '') && s.id !== '');
    const damaged = Buffer.from(bytes);
    const needle = JSON.stringify({ id: other?.id, heading: other?.heading }).slice(0, -1);
    const at = damaged.indexOf(needle);
    damaged.write(';', at + '{"id"'.length, 'latin1');
    const index = KnowledgeIndex.load(damaged);

    // Act
    const decision = index.decide(question, DEFAULT_THRESHOLDS);

    // Assert
    expect(record?.sections.length).toBeGreaterThan(2);
    expect(at).toBeGreaterThan(0);
    expect(decision).toEqual(intact);
    expect(index.article('en', top?.articleId ?? '')).toBeUndefined();
  });

  it('reads records stored whole (containers written before sections were stored apart)', () => {
    // Arrange
    const list = decodeArtifact(bytes).indexes.en?.articles;
    const records: ArticleRecord[] = (Array.isArray(list) ? list : (list?.toJSON() ?? [])).slice(
      0,
      5,
    );
    const texts = records.map((r) => Buffer.from(JSON.stringify(r)));
    const whole = new PackedArticleList(
      records.map((r) => r.id),
      texts.map((t) => t.length),
      Buffer.concat(texts),
    );
    const parts = records.flatMap(({ sections, ...head }) => [head, ...sections]);
    const partTexts = parts.map((p) => Buffer.from(JSON.stringify(p)));
    const split = new PackedArticleList(
      records.map((r) => r.id),
      partTexts.map((t) => t.length),
      Buffer.concat(partTexts),
      records.map((r) => r.sections.length),
    );

    // Act / Assert
    expect(records.length).toBe(5);
    for (let i = 0; i < records.length; i++) {
      expect(whole.get(i)).toEqual(records[i]);
      expect(split.get(i)).toEqual(records[i]);
      for (const section of [-1, 0, 1])
        expect(whole.shown(i, section)).toEqual(split.shown(i, section));
    }
    expect(split.shown(0, 1).section).toEqual(records[0]?.sections[1]);
    expect(split.shown(0, -1).lead).toEqual(records[0]?.sections[0]);
  });

  it('refuses a header that claims more values than its bytes hold, before allocating them', () => {
    // Arrange: 10^8 documents (a 1.6 GB table) claimed over a few kilobytes
    const forged = JSON.parse(JSON.stringify(artifact)) as IndexArtifact;
    const en = forged.indexes.en;
    if (!en) throw new Error('the sample collection has English articles');
    en.docCount = 100_000_000;

    // Act / Assert
    expect(() => KnowledgeIndex.load(forged)).toThrow(KnowledgeError);
    try {
      KnowledgeIndex.load(forged);
    } catch (error) {
      expect(String((error as Error).cause)).toMatch(/cannot hold 400000000 values/);
    }
  });

  it('refuses an artifact without its calibration or with unknown languages, at load', () => {
    // Arrange
    const json = () => JSON.parse(JSON.stringify(artifact)) as Record<string, unknown>;
    const noCalibration = { ...json(), calibration: undefined };
    const badLangs = { ...json(), langs: 5 };
    const unknownLang = { ...json(), langs: ['en', 'constructor'] };

    // Act / Assert
    for (const broken of [noCalibration, badLangs, unknownLang]) {
      expect(() => KnowledgeIndex.load(broken as unknown as IndexArtifact)).toThrow(KnowledgeError);
    }
  });
});
