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
 *
 * @example
 *   const postings = TermPostings.decode(TermPostings.encode(builder.build().toJSON()));
 *   postings.query([{ term: 'password', field: 'title', boost: 2 }]);
 */
import { PackedInts, packInts, readVarints, unpackInts } from './packed-ints.ts';
import type { PackedWire } from './packed-ints.ts';

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

  /** `[doc, weight×1000]` pairs of term `t` in field `f`, docs absolute. */
  private row(f: number, t: number): Int32Array {
    const out = new Int32Array(2 * ((this.counts[f] as Int32Array)[t] as number));
    readVarints(
      this.bytes[f] as Uint8Array,
      (this.starts[f] as Uint32Array)[t] as number,
      out,
      0,
      out.length,
    );
    let doc = 0;
    for (let j = 0; j < out.length; j += 2) out[j] = doc += out[j] as number;
    return out;
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

  /**
   * Lunr's query for term clauses: per field, a query vector of the clause boosts; each
   * (document, field) the terms matched scores dot(query, field vector) / |query|; a document's
   * score is the sum over its fields. Best first; equal scores in Lunr's order.
   */
  query(clauses: TermClause[]): TermResult[] {
    // Step 1, Lunr's clause loop: the query vectors, and every (doc, field) matched with its
    // terms, in the order Lunr meets them.
    const F = this.fields.length;
    const queryBoost: Map<number, number>[] = this.fields.map(() => new Map());
    const matches = new Map<number, string[]>(); // doc * F + field → terms matched
    const rows = new Map<number, Int32Array>(); // t * F + f → decoded postings
    const rowOf = (t: number, f: number): Int32Array => {
      let r = rows.get(t * F + f);
      if (!r) rows.set(t * F + f, (r = this.row(f, t)));
      return r;
    };
    for (const clause of clauses) {
      const t = this.termIndex.get(clause.term);
      const f = this.fields.indexOf(clause.field);
      if (t === undefined || f < 0) continue;
      const q = queryBoost[f] as Map<number, number>;
      q.set(t, (q.get(t) ?? 0) + clause.boost);
      if (rows.has(t * F + f)) continue;
      const d = rowOf(t, f);
      for (let j = 0; j < d.length; j += 2) {
        const ref = (d[j] as number) * F + f;
        const terms = matches.get(ref);
        if (terms) terms.push(clause.term);
        else matches.set(ref, [clause.term]);
      }
    }
    // Step 2: the dot products, summed in ascending term index as lunr.Vector#dot does.
    const dots = new Map<number, number>();
    const magnitude: number[] = [];
    for (let f = 0; f < F; f++) {
      const q = [...(queryBoost[f] as Map<number, number>).entries()].sort((x, y) => x[0] - y[0]);
      let sumOfSquares = 0;
      for (const [, boost] of q) sumOfSquares += boost * boost;
      magnitude.push(Math.sqrt(sumOfSquares));
      for (const [t, boost] of q) {
        const d = rowOf(t, f);
        for (let j = 0; j < d.length; j += 2) {
          const ref = (d[j] as number) * F + f;
          dots.set(ref, (dots.get(ref) ?? 0) + boost * ((d[j + 1] as number) / SCALE));
        }
      }
    }
    // Step 3: per document, field scores summed in match order; Lunr's stable sort.
    const results: TermResult[] = [];
    const byDoc = new Map<number, TermResult>();
    for (const [ref, terms] of matches) {
      const doc = Math.floor(ref / F);
      const f = ref - doc * F;
      const field = this.fields[f] as string;
      const score = (dots.get(ref) ?? 0) / (magnitude[f] as number) || 0;
      let result = byDoc.get(doc);
      if (!result) {
        result = { ref: doc, score, metadata: Object.create(null) as TermResult['metadata'] };
        byDoc.set(doc, result);
        results.push(result);
      } else {
        result.score += score;
      }
      for (const term of terms) {
        const byField = (result.metadata[term] ??= Object.create(null) as Record<string, object>);
        byField[field] ??= {};
      }
    }
    return results.sort((a, b) => b.score - a.score);
  }
}
