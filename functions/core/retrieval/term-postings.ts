/**
 * The searchable part of one language's index in compact form: what Lunr's serialised index
 * holds (an inverted index and one BM25 field vector per document field), without its empty
 * entries, and a query that scores exactly as `lunr.Index#query` does for the term clauses the
 * scorer sends (one term, one field, a boost, no pipeline, no wildcards or presence flags).
 *
 * Lunr builds the index at build time (its BM25 weights, rounded to 3 decimals); the artifact
 * keeps, per field and term, the documents with the term and its weight in them. Loading is
 * then a few typed arrays instead of millions of objects, and a query touches only the postings
 * of its terms. Scores, the order of equal scores and the match data are Lunr's: dot products
 * are summed in Lunr's term-index order, field scores in the order Lunr first matched them.
 * `match` is the scorer's form: the result in typed arrays the index reuses (a warm question
 * allocates nothing here); `query` gives Lunr's result objects (tests, tools).
 *
 * @example
 *   const postings = TermPostings.decode(TermPostings.encode(builder.build().toJSON()));
 *   postings.query([{ term: 'password', field: 'title', boost: 2 }]);
 */
import { PackedInts, packInts, readVarints, unpackInts } from './packed-ints.ts';
import type { PackedWire } from './packed-ints.ts';
import { grownFloat64, grownInt32 } from './grown-array.ts';
import { sortByScore } from './sparse-scores.ts';

export interface TermPostingsData {
  fields: string[];
  /** Terms in Lunr's term-index order. */
  terms: string[];
  /** Per field: documents per term (packed, one count per term). */
  counts: PackedWire[];
  /** Per field: `[docDelta, weight×1000]` per posting, the delta restarting at each term. */
  postings: PackedWire[];
}

/** One clause: `term` in `field` with a boost (Lunr: `q.term(term, { fields: [field], boost })`). */
export interface TermClause {
  term: string;
  field: string;
  boost: number;
}

/** One document of `TermPostings#query`, shaped like a result of `lunr.Index#query`. */
export interface TermResult {
  /** Document number (the Lunr ref). */
  ref: number;
  score: number;
  /** term → field → {} (Lunr's `matchData.metadata`, with no metadata kept). */
  metadata: Record<string, Record<string, object>>;
}

/** The shape of `lunr.Index#toJSON()` that encode reads. */
interface SerialisedLunr {
  fields: string[];
  fieldVectors: [string, number[]][];
  invertedIndex: [string, { _index: number }][];
}

const SCALE = 1000;

export class TermPostings {
  private readonly termIndex: Map<string, number>;
  /** This index's query scratch space and last result (created by the first query). */
  private matches?: TermMatches;

  private constructor(
    readonly fields: string[],
    private readonly terms: string[],
    /** Per field: postings per term. */
    private readonly counts: Int32Array[],
    /** Per field: byte offset of each term's postings in `bytes`. */
    private readonly starts: Uint32Array[],
    /** Per field: the packed postings (kept as loaded; a query decodes its terms' rows). */
    private readonly bytes: Uint8Array[],
    readonly documents: number,
  ) {
    this.termIndex = new Map(terms.map((t, i) => [t, i]));
  }

  /** Serialised Lunr index (refs are document numbers) → wire form. */
  static encode(lunrJson: object): TermPostingsData {
    const index = lunrJson as SerialisedLunr;
    const terms: string[] = [];
    for (const [term, posting] of index.invertedIndex) terms[posting._index] = term;
    if (terms.length !== index.invertedIndex.length || terms.some((t) => t === undefined)) {
      throw new RangeError('Lunr term indexes are not dense');
    }
    const perField = index.fields.map(() => terms.map((): number[] => []));
    for (const [fieldRef, vector] of index.fieldVectors) {
      const slash = fieldRef.indexOf('/');
      const field = index.fields.indexOf(fieldRef.slice(0, slash));
      const doc = Number(fieldRef.slice(slash + 1));
      if (field < 0 || !Number.isInteger(doc)) throw new RangeError(`bad field ref ${fieldRef}`);
      for (let i = 0; i < vector.length; i += 2) {
        (perField[field]?.[vector[i] as number] as number[]).push(
          doc,
          Math.round((vector[i + 1] as number) * SCALE),
        );
      }
    }
    const counts: PackedWire[] = [];
    const postings: PackedWire[] = [];
    for (const lists of perField) {
      const c: number[] = [];
      const p: number[] = [];
      for (const list of lists) {
        const pairs: [number, number][] = [];
        for (let i = 0; i < list.length; i += 2)
          pairs.push([list[i] as number, list[i + 1] as number]);
        pairs.sort((x, y) => x[0] - y[0]);
        c.push(pairs.length);
        let last = 0;
        for (const [doc, weight] of pairs) {
          p.push(doc - last, weight);
          last = doc;
        }
      }
      counts.push(packInts(c));
      postings.push(packInts(p));
    }
    return { fields: [...index.fields], terms, counts, postings };
  }

  /** Wire form → postings; `documents` bounds the refs. Throws on malformed data. */
  static decode(wire: TermPostingsData, documents: number): TermPostings {
    if (!wire || !Array.isArray(wire.fields) || !Array.isArray(wire.terms)) {
      throw new TypeError('term postings lack fields or terms');
    }
    // A document's matched fields are a bit mask (TermMatches#fieldMask).
    if (wire.fields.length > MAX_FIELDS) {
      throw new RangeError(`term postings: more than ${MAX_FIELDS} fields`);
    }
    const n = wire.terms.length;
    if (wire.terms.some((t) => typeof t !== 'string') || new Set(wire.terms).size !== n) {
      throw new RangeError('term postings: terms must be distinct strings');
    }
    const counts: Int32Array[] = [];
    const starts: Uint32Array[] = [];
    const bytes: Uint8Array[] = [];
    const scratch = new Int32Array(2);
    wire.fields.forEach((_, f) => {
      const c = unpackInts(wire.counts?.[f] as PackedWire, n);
      const b = PackedInts.from(wire.postings?.[f] as PackedWire).bytes;
      const start = new Uint32Array(n + 1);
      let at = 0;
      for (let t = 0; t < n; t++) {
        if ((c[t] as number) < 0) throw new RangeError('term postings: negative count');
        start[t] = at;
        let doc = 0;
        for (let j = 0; j < (c[t] as number); j++) {
          at = readVarints(b, at, scratch, 0, 2);
          doc += scratch[0] as number;
          if (doc < 0 || doc >= documents) throw new RangeError('term postings: ref out of range');
        }
      }
      start[n] = at;
      if (at !== b.length) throw new RangeError('term postings: more postings than counted');
      counts.push(c);
      starts.push(start);
      bytes.push(b);
    });
    return new TermPostings([...wire.fields], wire.terms, counts, starts, bytes, documents);
  }

  /** Whether the term is in the index (in any field). */
  has(term: string): boolean {
    return this.termIndex.has(term);
  }

  /** The term's number (Lunr's term index), or -1 when it is not in the index. */
  termNumber(term: string): number {
    return this.termIndex.get(term) ?? -1;
  }

  /** Documents with term number `t` in field number `f`. */
  postingCount(f: number, t: number): number {
    return (this.counts[f] as Int32Array)[t] as number;
  }

  /**
   * Writes the postings of term `t` in field `f` into `out` from `at`: `[doc, weight×1000]` per
   * document, documents ascending (`out` holds at least 2 × postingCount(f, t) more).
   */
  readPostings(f: number, t: number, out: Int32Array, at: number): void {
    const end = at + 2 * this.postingCount(f, t);
    readVarints(
      this.bytes[f] as Uint8Array,
      (this.starts[f] as Uint32Array)[t] as number,
      out,
      at,
      end - at,
    );
    let doc = 0;
    for (let j = at; j < end; j += 2) out[j] = doc += out[j] as number;
  }

  /**
   * Lunr's query for term clauses: per field, a query vector of the clause boosts; each
   * (document, field) the terms matched scores dot(query, field vector) / |query|; a document's
   * score is the sum over its fields. Best first; equal scores in Lunr's order. The result is
   * this index's scratch space: read it before the next query. Allocates nothing once warm.
   */
  match(clauses: readonly TermClause[]): TermMatches {
    return (this.matches ??= new TermMatches(this)).fill(clauses);
  }

  /** `match`, as `lunr.Index#query` results (objects per document and term: tests, tools). */
  query(clauses: readonly TermClause[]): TermResult[] {
    return this.match(clauses).toResults();
  }
}

/** Fields a document's match mask can name. */
const MAX_FIELDS = 31;

/**
 * What one query matched (`TermPostings#match`), best first: each document's score and the
 * terms and fields it matched, in Lunr's orders. Held in typed arrays that grow to the largest
 * query seen and are reused: one instance per TermPostings, overwritten by its next query.
 */
export class TermMatches {
  /** Documents matched. */
  count = 0;
  /** The distinct terms of the clauses, in clause order: `termsOf` gives indexes into it. */
  readonly terms: string[] = [];

  private readonly fieldCount: number;
  /** Per term of `terms`: its value when it is an array index (JS lists those keys first), else -1. */
  private termKeys = new Float64Array(8);
  // Per distinct (term, field) of the clauses, in the order first met: its Lunr term number,
  // field, summed boost, and its postings' offset and count in `rows`.
  private clauseTerm = new Int32Array(16);
  private clauseField = new Int32Array(16);
  private clauseBoost = new Float64Array(16);
  private clauseRow = new Int32Array(16);
  private clauseLength = new Int32Array(16);
  private clauses = 0;
  /** Decoded postings, `[doc, weight×1000]` pairs. */
  private rows = new Int32Array(1024);
  /** Clauses of one field by ascending term number (the order lunr.Vector#dot sums in). */
  private byTerm = new Int32Array(16);
  private readonly magnitude: Float64Array;
  /** Per document: its position below (the order first matched), or -1. */
  private readonly positionOf: Int32Array;
  // Per matched document, by position: its number, first and last match (below), the dot
  // product per field, its score, and the positions best first.
  private docs = new Int32Array(256);
  private firstMatch = new Int32Array(256);
  private lastMatch = new Int32Array(256);
  private dots: Float64Array;
  private scores = new Float64Array(256);
  private order = new Int32Array(256);
  private sortScratch = new Int32Array(256);
  // Per (document, term, field) matched, in clause order, linked per document: the index in
  // `terms`, the field and the document's next match (-1 at its last).
  private matchSlot = new Int32Array(1024);
  private matchField = new Int32Array(1024);
  private matchNext = new Int32Array(1024);
  private matched = 0;

  constructor(private readonly postings: TermPostings) {
    this.fieldCount = postings.fields.length;
    this.magnitude = new Float64Array(this.fieldCount);
    this.positionOf = new Int32Array(postings.documents).fill(-1);
    this.dots = new Float64Array(256 * this.fieldCount);
  }

  /** The `i`-th best document's number (its Lunr ref). */
  ref(i: number): number {
    return this.docs[this.order[i] as number] as number;
  }

  /** The `i`-th best document's score. */
  score(i: number): number {
    return this.scores[this.order[i] as number] as number;
  }

  /** Bit `f` set: the `i`-th best document matched a term in field `postings.fields[f]`. */
  fieldMask(i: number): number {
    let mask = 0;
    for (
      let m = this.firstMatch[this.order[i] as number] as number;
      m >= 0;
      m = this.matchNext[m] as number
    ) {
      mask |= 1 << (this.matchField[m] as number);
    }
    return mask;
  }

  /**
   * Writes into `out` (room for `terms.length`) the indexes in `terms` of the terms the `i`-th
   * best document matched, in the order of the keys of its Lunr `matchData.metadata`; returns
   * how many. That order: its fields in the order first matched, each field's terms in clause
   * order, the first time each term is met; then, as for any JS object's keys, array-index
   * terms ("2", "24") first, ascending.
   */
  termsOf(i: number, out: Int32Array): number {
    const first = this.firstMatch[this.order[i] as number] as number;
    let n = 0;
    let fieldsSeen = 0;
    for (let m = first; m >= 0; m = this.matchNext[m] as number) {
      const f = this.matchField[m] as number;
      if ((fieldsSeen & (1 << f)) !== 0) continue;
      fieldsSeen |= 1 << f;
      for (let x = m; x >= 0; x = this.matchNext[x] as number) {
        if (this.matchField[x] !== f) continue;
        const slot = this.matchSlot[x] as number;
        let k = 0;
        while (k < n && out[k] !== slot) k++;
        if (k === n) out[n++] = slot;
      }
    }
    for (let k = 1; k < n; k++) {
      const slot = out[k] as number;
      const key = this.termKeys[slot] as number;
      if (key < 0) continue;
      let j = k;
      for (; j > 0; j--) {
        const before = this.termKeys[out[j - 1] as number] as number;
        if (before >= 0 && before < key) break;
        out[j] = out[j - 1] as number;
      }
      out[j] = slot;
    }
    return n;
  }

  /** The matches as `lunr.Index#query` results. */
  toResults(): TermResult[] {
    const results: TermResult[] = [];
    for (let i = 0; i < this.count; i++) {
      const metadata = Object.create(null) as TermResult['metadata'];
      // Lunr's order: the document's fields in the order first matched, each with its terms.
      let fieldsSeen = 0;
      const first = this.firstMatch[this.order[i] as number] as number;
      for (let m = first; m >= 0; m = this.matchNext[m] as number) {
        const f = this.matchField[m] as number;
        if ((fieldsSeen & (1 << f)) !== 0) continue;
        fieldsSeen |= 1 << f;
        const field = this.postings.fields[f] as string;
        for (let x = m; x >= 0; x = this.matchNext[x] as number) {
          if (this.matchField[x] !== f) continue;
          const term = this.terms[this.matchSlot[x] as number] as string;
          const byField = (metadata[term] ??= Object.create(null) as Record<string, object>);
          byField[field] ??= {};
        }
      }
      results.push({ ref: this.ref(i), score: this.score(i), metadata });
    }
    return results;
  }

  /** Runs the query (TermPostings#match): forgets the last one, then Lunr's three steps. */
  fill(clauses: readonly TermClause[]): this {
    const F = this.fieldCount;
    for (let p = 0; p < this.count; p++) this.positionOf[this.docs[p] as number] = -1;
    this.count = 0;
    this.matched = 0;
    this.clauses = 0;
    this.terms.length = 0;

    // Step 1, Lunr's clause loop: the query vectors, and every (doc, field, term) matched, in
    // the order Lunr meets them.
    let rowsUsed = 0;
    for (const clause of clauses) {
      const slot = this.slotOf(clause.term);
      const t = this.postings.termNumber(clause.term);
      const f = this.postings.fields.indexOf(clause.field);
      if (t < 0 || f < 0) continue;
      let c = 0;
      while (c < this.clauses && (this.clauseTerm[c] !== t || this.clauseField[c] !== f)) c++;
      if (c < this.clauses) {
        this.clauseBoost[c] = (this.clauseBoost[c] as number) + clause.boost;
        continue;
      }
      if (c === this.clauseTerm.length) this.growClauses();
      const length = this.postings.postingCount(f, t);
      if (rowsUsed + 2 * length > this.rows.length) {
        this.rows = grownInt32(this.rows, rowsUsed + 2 * length);
      }
      this.postings.readPostings(f, t, this.rows, rowsUsed);
      this.clauseTerm[c] = t;
      this.clauseField[c] = f;
      this.clauseBoost[c] = clause.boost;
      this.clauseRow[c] = rowsUsed;
      this.clauseLength[c] = length;
      this.clauses++;
      for (let j = rowsUsed; j < rowsUsed + 2 * length; j += 2) {
        const doc = this.rows[j] as number;
        let p = this.positionOf[doc] as number;
        if (p < 0) p = this.open(doc);
        this.addMatch(p, slot, f);
      }
      rowsUsed += 2 * length;
    }

    // Step 2: the dot products, summed in ascending term number as lunr.Vector#dot does.
    for (let f = 0; f < F; f++) {
      // The field's clauses by ascending term number (an insertion sort: a handful of clauses).
      let k = 0;
      for (let c = 0; c < this.clauses; c++) {
        if (this.clauseField[c] !== f) continue;
        const term = this.clauseTerm[c] as number;
        let j = k++;
        while (j > 0 && (this.clauseTerm[this.byTerm[j - 1] as number] as number) > term) {
          this.byTerm[j] = this.byTerm[j - 1] as number;
          j--;
        }
        this.byTerm[j] = c;
      }
      let sumOfSquares = 0;
      for (let j = 0; j < k; j++) {
        const boost = this.clauseBoost[this.byTerm[j] as number] as number;
        sumOfSquares += boost * boost;
      }
      this.magnitude[f] = Math.sqrt(sumOfSquares);
      for (let j = 0; j < k; j++) {
        const c = this.byTerm[j] as number;
        const boost = this.clauseBoost[c] as number;
        const start = this.clauseRow[c] as number;
        const end = start + 2 * (this.clauseLength[c] as number);
        for (let r = start; r < end; r += 2) {
          const at = (this.positionOf[this.rows[r] as number] as number) * F + f;
          this.dots[at] =
            (this.dots[at] as number) + boost * ((this.rows[r + 1] as number) / SCALE);
        }
      }
    }

    // Step 3: per document, field scores summed in the order first matched; Lunr's stable sort
    // (documents in the order first matched on equal scores).
    for (let p = 0; p < this.count; p++) {
      let score = 0;
      let fieldsSeen = 0;
      for (let m = this.firstMatch[p] as number; m >= 0; m = this.matchNext[m] as number) {
        const f = this.matchField[m] as number;
        if ((fieldsSeen & (1 << f)) !== 0) continue;
        fieldsSeen |= 1 << f;
        score += (this.dots[p * F + f] as number) / (this.magnitude[f] as number) || 0;
      }
      this.scores[p] = score;
      this.order[p] = p;
    }
    sortByScore(this.order, this.count, this.scores, this.sortScratch);
    return this;
  }

  /** Index of `term` in `terms`, added when new. */
  private slotOf(term: string): number {
    let slot = 0;
    while (slot < this.terms.length && this.terms[slot] !== term) slot++;
    if (slot === this.terms.length) {
      this.terms.push(term);
      if (slot === this.termKeys.length) this.termKeys = grownFloat64(this.termKeys, slot + 1);
      this.termKeys[slot] = arrayIndex(term);
    }
    return slot;
  }

  /** A position for a document matched the first time. */
  private open(doc: number): number {
    const p = this.count++;
    if (p === this.docs.length) {
      const n = 2 * p;
      this.docs = grownInt32(this.docs, n);
      this.firstMatch = grownInt32(this.firstMatch, n);
      this.lastMatch = grownInt32(this.lastMatch, n);
      this.scores = grownFloat64(this.scores, n);
      this.order = grownInt32(this.order, n);
      this.sortScratch = grownInt32(this.sortScratch, n);
      this.dots = grownFloat64(this.dots, n * this.fieldCount);
    }
    this.docs[p] = doc;
    this.firstMatch[p] = -1;
    this.lastMatch[p] = -1;
    this.dots.fill(0, p * this.fieldCount, (p + 1) * this.fieldCount);
    this.positionOf[doc] = p;
    return p;
  }

  private addMatch(p: number, slot: number, f: number): void {
    const m = this.matched++;
    if (m === this.matchSlot.length) {
      this.matchSlot = grownInt32(this.matchSlot, 2 * m);
      this.matchField = grownInt32(this.matchField, 2 * m);
      this.matchNext = grownInt32(this.matchNext, 2 * m);
    }
    this.matchSlot[m] = slot;
    this.matchField[m] = f;
    this.matchNext[m] = -1;
    const last = this.lastMatch[p] as number;
    if (last < 0) this.firstMatch[p] = m;
    else this.matchNext[last] = m;
    this.lastMatch[p] = m;
  }

  private growClauses(): void {
    const n = 2 * this.clauseTerm.length;
    this.clauseTerm = grownInt32(this.clauseTerm, n);
    this.clauseField = grownInt32(this.clauseField, n);
    this.clauseBoost = grownFloat64(this.clauseBoost, n);
    this.clauseRow = grownInt32(this.clauseRow, n);
    this.clauseLength = grownInt32(this.clauseLength, n);
    this.byTerm = grownInt32(this.byTerm, n);
  }
}

/** `key`'s value when it is a canonical array index (0 … 2³² − 2), else -1. */
function arrayIndex(key: string): number {
  if (!/^(?:0|[1-9][0-9]{0,9})$/.test(key)) return -1;
  const value = Number(key);
  return value < 2 ** 32 - 1 ? value : -1;
}
