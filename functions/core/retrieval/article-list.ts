/**
 * The articles' display records by article number, as the index keeps them in memory. Ranking
 * needs only their ids; a record (title, summary, snippets, section Markdown) is needed only for
 * the few articles a decision shows. From the binary artifact the records stay one UTF-8 blob
 * and each is decoded when asked for, so a large collection's text is never parsed whole.
 */
import { KnowledgeError } from '../errors.ts';
import type { ArticleRecord, SectionRecord } from './index-artifact.ts';

/** What a candidate shows of an article: no more of its record than that. */
export interface ShownArticle {
  /** The record without its sections. */
  head: Omit<ArticleRecord, 'sections'>;
  /** The section asked for, when there is one. */
  section: SectionRecord | undefined;
  /** The first section (its snippet stands in for an article-level match). */
  lead: SectionRecord | undefined;
}

export interface ArticleList {
  readonly length: number;
  /** Id of the article number `article` (0 ≤ article < length). */
  id(article: number): string;
  /** Display record of the article number `article` (0 ≤ article < length). */
  get(article: number): ArticleRecord;
  /** The head of the record, section number `section` (−1: none) and the lead section. */
  shown(article: number, section: number): ShownArticle;
  /** Every record (JSON form of an artifact). */
  toJSON(): ArticleRecord[];
}

function shownOf(record: ArticleRecord, section: number): ShownArticle {
  const { sections, ...head } = record;
  return { head, section: section >= 0 ? sections[section] : undefined, lead: sections[0] };
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

  shown(article: number, section: number): ShownArticle {
    return shownOf(this.get(article), section);
  }

  toJSON(): ArticleRecord[] {
    return this.records;
  }
}

/**
 * Records as UTF-8 JSON texts laid end to end (`blob`), `lengths[i]` bytes each. With `parts`,
 * each record is stored as `1 + parts[i]` texts: its head (the record without `sections`), then
 * each section, so that a candidate decodes the head and the one or two sections it shows (about
 * a third of a record). Without `parts` (artifacts written before), one text per record.
 * A text is parsed each time it is asked for (a few per question) and never kept: records kept
 * for the next questions (an LRU of 64) outlived the young generation, so every scavenge copied
 * and promoted them — each took ~3× as long and the 10k collection's warm p99 doubled
 * (bench/index-bench.ts). Parsing a record costs a few microseconds.
 */
export class PackedArticleList implements ArticleList {
  /** Byte offset of each text in `blob`, and the blob's length at the end. */
  private readonly starts: Float64Array;
  /** Number of the first text of each record, and the number of texts at the end. */
  private readonly firsts: Int32Array;
  private readonly split: boolean;
  /** `blob` as a Buffer, to decode a record's bytes without a view object per record. */
  private readonly text: Buffer;

  constructor(
    private readonly ids: string[],
    lengths: ArrayLike<number>,
    blob: Uint8Array,
    parts?: ArrayLike<number>,
  ) {
    if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string')) {
      throw new TypeError('article ids must be strings');
    }
    this.split = parts !== undefined;
    this.firsts = new Int32Array(ids.length + 1);
    for (let i = 0; i < ids.length; i++) {
      const texts = parts ? 1 + (parts[i] as number) : 1;
      if (!Number.isInteger(texts) || texts < 1) throw new RangeError('bad article part count');
      this.firsts[i + 1] = (this.firsts[i] as number) + texts;
    }
    const texts = this.firsts[ids.length] as number;
    if (lengths.length !== texts) throw new RangeError('one record length per article part');
    this.starts = new Float64Array(texts + 1);
    for (let i = 0; i < texts; i++) {
      const len = lengths[i] as number;
      if (!(len > 0)) throw new RangeError('article record length must be positive');
      this.starts[i + 1] = (this.starts[i] as number) + len;
    }
    if (this.starts[texts] !== blob.length) {
      throw new RangeError('article records do not fill their blob');
    }
    // A cheap check that the lengths cut the blob into objects (each is parsed only when shown).
    for (let i = 0; i < texts; i++) {
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
    const id = this.id(article);
    const first = this.firsts[article] as number;
    if (!this.split) return this.checked(this.parse(first, id), id);
    const sections: unknown[] = [];
    for (let t = first + 1; t < (this.firsts[article + 1] as number); t++) {
      sections.push(this.parse(t, id));
    }
    return this.checked({ ...(this.parse(first, id) as object), sections }, id);
  }

  shown(article: number, section: number): ShownArticle {
    if (!this.split) return shownOf(this.get(article), section);
    const id = this.id(article);
    const first = this.firsts[article] as number;
    const count = (this.firsts[article + 1] as number) - first - 1;
    const sectionAt = (i: number): SectionRecord | undefined => {
      if (i < 0 || i >= count) return undefined;
      const s = this.parse(first + 1 + i, id);
      if (!isSection(s))
        throw new KnowledgeError('index artifact has a corrupt article record', { id });
      return s;
    };
    const head = this.parse(first, id);
    if (!isHeadOf(head, id)) {
      throw new KnowledgeError('index artifact has a corrupt article record', { id });
    }
    const shownSection = sectionAt(section);
    return { head, section: shownSection, lead: section === 0 ? shownSection : sectionAt(0) };
  }

  private parse(text: number, id: string): unknown {
    try {
      return JSON.parse(
        this.text.toString('utf8', this.starts[text] as number, this.starts[text + 1] as number),
      ) as unknown;
    } catch (cause) {
      throw new KnowledgeError('index artifact has a corrupt article record', { id }, { cause });
    }
  }

  private checked(record: unknown, id: string): ArticleRecord {
    if (!isRecordOf(record, id)) {
      throw new KnowledgeError('index artifact has a corrupt article record', { id });
    }
    return record;
  }

  toJSON(): ArticleRecord[] {
    return Array.from({ length: this.length }, (_, i) => this.get(i));
  }
}

/** Whether a decoded record head has the shape the renderers rely on (strings where they print). */
function isHeadOf(record: unknown, id: string): record is Omit<ArticleRecord, 'sections'> {
  if (typeof record !== 'object' || record === null) return false;
  const r = record as Partial<Record<keyof ArticleRecord, unknown>>;
  return (
    r.id === id &&
    typeof r.title === 'string' &&
    typeof r.url === 'string' &&
    (r.summary === undefined || typeof r.summary === 'string')
  );
}

function isSection(section: unknown): section is SectionRecord {
  return typeof section === 'object' && section !== null && !Array.isArray(section);
}

/** Whether a decoded record has the shape the renderers rely on. */
function isRecordOf(record: unknown, id: string): record is ArticleRecord {
  if (!isHeadOf(record, id)) return false;
  const sections = (record as { sections?: unknown }).sections;
  return Array.isArray(sections) && sections.every(isSection);
}
