/**
 * The articles' display records by article number, as the index keeps them in memory. Ranking
 * needs only their ids; a record (title, summary, snippets, section Markdown) is needed only for
 * the few articles a decision shows. From the binary artifact the records stay one UTF-8 blob
 * and each is decoded when asked for, so a large collection's text is never parsed whole.
 */
import { KnowledgeError } from '../errors.ts';
import type { ArticleRecord } from './index-artifact.ts';

export interface ArticleList {
  readonly length: number;
  /** Id of the article number `article` (0 ≤ article < length). */
  id(article: number): string;
  /** Display record of the article number `article` (0 ≤ article < length). */
  get(article: number): ArticleRecord;
  /** Every record (JSON form of an artifact). */
  toJSON(): ArticleRecord[];
}

/** Records held as objects (a freshly built artifact, or one loaded from JSON). */
export class RecordArticleList implements ArticleList {
  constructor(private readonly records: ArticleRecord[]) {
    for (const r of records) {
      if (!r || typeof r.id !== 'string' || !Array.isArray(r.sections)) {
        throw new TypeError('article record lacks its id or sections');
      }
    }
  }

  get length(): number {
    return this.records.length;
  }

  id(article: number): string {
    return this.get(article).id;
  }

  get(article: number): ArticleRecord {
    const r = this.records[article];
    if (!r) throw new RangeError(`no article number ${article}`);
    return r;
  }

  toJSON(): ArticleRecord[] {
    return this.records;
  }
}

/**
 * Records as UTF-8 JSON texts laid end to end (`blob`), `lengths[i]` bytes each. A record is
 * parsed each time it is asked for (a few per question) and never kept: records kept for the
 * next questions (an LRU of 64) outlived the young generation, so every scavenge copied and
 * promoted them — each took ~3× as long and the 10k collection's warm p99 doubled
 * (bench/index-bench.ts). Parsing a record costs a few microseconds.
 */
export class PackedArticleList implements ArticleList {
  private readonly starts: Float64Array;
  /** `blob` as a Buffer, to decode a record's bytes without a view object per record. */
  private readonly text: Buffer;

  constructor(
    private readonly ids: string[],
    lengths: ArrayLike<number>,
    blob: Uint8Array,
  ) {
    if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string')) {
      throw new TypeError('article ids must be strings');
    }
    if (lengths.length !== ids.length) throw new RangeError('one record length per article');
    this.starts = new Float64Array(ids.length + 1);
    for (let i = 0; i < ids.length; i++) {
      const len = lengths[i] as number;
      if (!(len > 0)) throw new RangeError('article record length must be positive');
      this.starts[i + 1] = (this.starts[i] as number) + len;
    }
    if (this.starts[ids.length] !== blob.length) {
      throw new RangeError('article records do not fill their blob');
    }
    // A cheap check that the lengths cut the blob into objects (each is parsed only when shown).
    for (let i = 0; i < ids.length; i++) {
      const start = this.starts[i] as number;
      if (blob[start] !== 0x7b || blob[(this.starts[i + 1] as number) - 1] !== 0x7d) {
        throw new RangeError('article record is not a JSON object');
      }
    }
    this.text = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
  }

  get length(): number {
    return this.ids.length;
  }

  id(article: number): string {
    const id = this.ids[article];
    if (id === undefined) throw new RangeError(`no article number ${article}`);
    return id;
  }

  get(article: number): ArticleRecord {
    return this.decode(article);
  }

  private decode(article: number): ArticleRecord {
    const id = this.id(article);
    const start = this.starts[article] as number;
    const end = this.starts[article + 1] as number;
    let record: ArticleRecord;
    try {
      record = JSON.parse(this.text.toString('utf8', start, end)) as ArticleRecord;
    } catch (cause) {
      throw new KnowledgeError('index artifact has a corrupt article record', { id }, { cause });
    }
    if (!isRecordOf(record, id)) {
      throw new KnowledgeError('index artifact has a corrupt article record', { id });
    }
    return record;
  }

  toJSON(): ArticleRecord[] {
    return Array.from({ length: this.length }, (_, i) => this.get(i));
  }
}

/** Whether a decoded record has the shape the renderers rely on (strings where they print). */
function isRecordOf(record: unknown, id: string): record is ArticleRecord {
  if (typeof record !== 'object' || record === null) return false;
  const r = record as Partial<Record<keyof ArticleRecord, unknown>>;
  return (
    r.id === id &&
    typeof r.title === 'string' &&
    typeof r.url === 'string' &&
    (r.summary === undefined || typeof r.summary === 'string') &&
    Array.isArray(r.sections) &&
    r.sections.every((section: unknown) => typeof section === 'object' && section !== null)
  );
}
