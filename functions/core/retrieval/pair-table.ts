/**
 * A read-only map from a string key to a flat list of `[article, value, article, value, …]`
 * pairs, the shape of every per-term table the scorers read (language-model postings, profile
 * postings, classifier weights). In memory: the sorted keys, the pairs as packed varints
 * (packed-ints.ts; articles delta-coded per key) and one byte offset per key; a lookup is a
 * binary search and decodes that key's pairs only. Loading a table is then a scan of its bytes
 * (checked once) with no copy of them: the rows a question never asks for stay packed. On the
 * wire: the keys as a JSON string array, the pair counts and the pairs as packed integers.
 */
import { PackedInts, packInts, readVarints, unpackInts } from './packed-ints.ts';
import type { PackedWire } from './packed-ints.ts';

export interface PairTableData {
  keys: string[];
  /** Pairs per key (packed). */
  counts: PackedWire;
  /** `[articleDelta, value]` per pair, the article delta restarting at each key (packed). */
  pairs: PackedWire;
}

const EMPTY = new Int32Array(0);

export class PairTable {
  private scratch = new Int32Array(256);

  private constructor(
    private readonly keys: string[],
    /** Pairs per key (counts as stored). */
    private readonly counts: Int32Array,
    /** Byte offset of each key's pairs in `bytes`, and the end. */
    private readonly starts: Uint32Array,
    private readonly bytes: Uint8Array,
  ) {}

  /** Number of keys. */
  get size(): number {
    return this.keys.length;
  }

  /** Position of `key` in key order, or -1. */
  indexOf(key: string): number {
    let lo = 0;
    let hi = this.keys.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const k = this.keys[mid] as string;
      if (k === key) return mid;
      if (k < key) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /**
   * Position of the key `head + text.slice(from, to) + tail`, or -1: as indexOf, without
   * building the key (query-time features: "c:" + a word's n-gram, "stem stem" pairs).
   */
  indexOfJoined(head: string, text: string, from: number, to: number, tail = ''): number {
    let lo = 0;
    let hi = this.keys.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const order = compareJoined(this.keys[mid] as string, head, text, from, to, tail);
      if (order === 0) return mid;
      if (order < 0) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** Number of pairs of the key at `position`. */
  rowLength(position: number): number {
    return this.counts[position] as number;
  }

  /** The pairs of the key at `position` (decoded now; articles absolute). */
  row(position: number): Int32Array {
    const pairs = this.counts[position] as number;
    if (pairs === 0) return EMPTY;
    const out = new Int32Array(2 * pairs);
    readVarints(this.bytes, this.starts[position] as number, out, 0, out.length);
    let article = 0;
    for (let j = 0; j < out.length; j += 2) out[j] = article += out[j] as number;
    return out;
  }

  /**
   * The pairs of the key at `position` decoded into a buffer the table reuses: valid only until
   * the next `rowView` or `decodeRow` call (scorers that read one row at a time).
   */
  rowView(position: number): Int32Array {
    const length = this.decodeRow(position);
    return length === 0 ? EMPTY : this.scratch.subarray(0, length);
  }

  /**
   * Decodes the pairs of the key at `position` into `rowBuffer` (reused: valid until the next
   * call) and returns how many numbers they take (2 × pairs): rowView without the view object,
   * for the per-question loops (a view per row is garbage per row).
   */
  decodeRow(position: number): number {
    const length = 2 * (this.counts[position] as number);
    if (length === 0) return 0;
    if (this.scratch.length < length)
      this.scratch = new Int32Array(Math.max(length, 2 * this.scratch.length));
    const out = this.scratch;
    readVarints(this.bytes, this.starts[position] as number, out, 0, length);
    let article = 0;
    for (let j = 0; j < length; j += 2) out[j] = article += out[j] as number;
    return length;
  }

  /** The buffer decodeRow writes (read it after the call: the table may grow it). */
  get rowBuffer(): Int32Array {
    return this.scratch;
  }

  /** The pairs of `key`, or undefined when the key is absent. */
  get(key: string): Int32Array | undefined {
    const i = this.indexOf(key);
    return i < 0 ? undefined : this.row(i);
  }

  has(key: string): boolean {
    return this.indexOf(key) >= 0;
  }

  /** Every key with its pairs, in key order. */
  *entries(): IterableIterator<[string, Int32Array]> {
    for (let i = 0; i < this.keys.length; i++) yield [this.keys[i] as string, this.row(i)];
  }

  /** A table from flat pair lists (integers, articles ascending) by key. */
  static fromRecord(
    record: Record<string, ArrayLike<number>> | Map<string, ArrayLike<number>>,
  ): PairTable {
    const map = record instanceof Map ? record : new Map(Object.entries(record));
    const keys = [...map.keys()].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
    const counts: number[] = [];
    const pairs: number[] = [];
    for (const key of keys) {
      const list = map.get(key) as ArrayLike<number>;
      if (list.length % 2 !== 0) throw new RangeError(`pair list of '${key}' has odd length`);
      counts.push(list.length / 2);
      let last = 0;
      for (let i = 0; i < list.length; i += 2) {
        const article = list[i] as number;
        pairs.push(article - last, list[i + 1] as number);
        last = article;
      }
    }
    return PairTable.decode({ keys, counts: packInts(counts), pairs: packInts(pairs) }, Infinity);
  }

  /** Table → wire form. */
  toData(): PairTableData {
    return {
      keys: [...this.keys],
      counts: packInts(this.counts),
      pairs: new PackedInts(this.bytes),
    };
  }

  /**
   * Wire form → table; articles must lie in [0, articles). Throws RangeError/TypeError on
   * malformed data. The pair bytes are kept as they are (not copied).
   */
  static decode(wire: PairTableData, articles: number): PairTable {
    if (!wire || !Array.isArray(wire.keys)) throw new TypeError('pair table lacks its keys');
    const keys = wire.keys;
    for (let i = 0; i < keys.length; i++) {
      if (
        typeof keys[i] !== 'string' ||
        (i > 0 && !((keys[i - 1] as string) < (keys[i] as string)))
      ) {
        throw new RangeError('pair table keys must be distinct strings in order');
      }
    }
    const counts = unpackInts(wire.counts, keys.length);
    const bytes = PackedInts.from(wire.pairs).bytes;
    const starts = new Uint32Array(keys.length + 1);
    const scratch = new Int32Array(2);
    let at = 0;
    for (let i = 0; i < keys.length; i++) {
      const c = counts[i] as number;
      if (c < 0) throw new RangeError('pair table count is negative');
      starts[i] = at;
      let article = 0;
      for (let j = 0; j < c; j++) {
        at = readVarints(bytes, at, scratch, 0, 2);
        article += scratch[0] as number;
        if (article < 0 || article >= articles || (j > 0 && (scratch[0] as number) <= 0)) {
          throw new RangeError('pair table: bad article');
        }
      }
    }
    starts[keys.length] = at;
    if (at !== bytes.length) throw new RangeError('pair table: more pairs than counted');
    return new PairTable(keys, counts, starts, bytes);
  }
}

/**
 * Sign of `key` against `head + text.slice(from, to) + tail` in code-unit order (the order of
 * `<` on strings), reading the three parts in place.
 */
function compareJoined(
  key: string,
  head: string,
  text: string,
  from: number,
  to: number,
  tail: string,
): number {
  const n = key.length;
  let k = 0;
  for (let i = 0; i < head.length; i++, k++) {
    if (k === n) return -1;
    const d = key.charCodeAt(k) - head.charCodeAt(i);
    if (d !== 0) return d;
  }
  for (let i = from; i < to; i++, k++) {
    if (k === n) return -1;
    const d = key.charCodeAt(k) - text.charCodeAt(i);
    if (d !== 0) return d;
  }
  for (let i = 0; i < tail.length; i++, k++) {
    if (k === n) return -1;
    const d = key.charCodeAt(k) - tail.charCodeAt(i);
    if (d !== 0) return d;
  }
  return k === n ? 0 : 1;
}
