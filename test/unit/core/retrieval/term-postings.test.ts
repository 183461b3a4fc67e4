import { describe, expect, it } from 'vitest';
import { setupLunr } from '#core/retrieval/lunr-setup.ts';
import { packInts, unpackInts } from '#core/retrieval/packed-ints.ts';
import { PairTable } from '#core/retrieval/pair-table.ts';
import { TermPostings } from '#core/retrieval/term-postings.ts';
import { TermPostingsBuilder } from '#core/retrieval/term-postings-builder.ts';
import type { TermClause } from '#core/retrieval/term-postings.ts';

const FIELDS = ['title', 'heading', 'body', 'question'] as const;
const WORDS = 'reset password order parcel refund card 2020 pin login app email cancel'.split(' ');

/** A deterministic PRNG (mulberry32), so the collection and queries are the same every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Documents shaped like the index's: sections (title, heading, body) and questions. */
function buildLunr(next: () => number): { lunr: ReturnType<typeof buildIndex>; docs: number } {
  const pick = (n: number): string[] =>
    Array.from({ length: n }, () => WORDS[Math.floor(next() * WORDS.length)] as string);
  const docs = 120;
  return { lunr: buildIndex(docs, pick, next), docs };
}

function buildIndex(docs: number, pick: (n: number) => string[], next: () => number) {
  const lunr = setupLunr();
  const builder = new lunr.Builder();
  builder.ref('ref');
  for (const field of FIELDS) builder.field(field);
  builder.metadataWhitelist = [];
  for (let d = 0; d < docs; d++) {
    if (next() < 0.5) {
      builder.add({ ref: String(d), question: pick(1 + Math.floor(next() * 6)) });
    } else {
      builder.add({
        ref: String(d),
        title: pick(1 + Math.floor(next() * 3)),
        heading: pick(Math.floor(next() * 3)),
        body: pick(Math.floor(next() * 30)),
      });
    }
  }
  return builder.build();
}

describe('TermPostings', () => {
  it('ranks, scores and reports matches exactly as lunr.Index#query for term clauses', () => {
    // Arrange
    const next = random(7);
    const { lunr: idx, docs } = buildLunr(next);
    const postings = TermPostings.decode(
      JSON.parse(JSON.stringify(TermPostings.encode(idx.toJSON()))),
      docs,
    );

    for (let round = 0; round < 200; round++) {
      const terms = [
        ...new Set(
          Array.from({ length: 1 + Math.floor(next() * 6) }, () =>
            next() < 0.1 ? 'unknownword' : (WORDS[Math.floor(next() * WORDS.length)] as string),
          ),
        ),
      ];
      const clauses: TermClause[] = terms.flatMap((term) => {
        const w = 0.5 + next() * 3;
        return FIELDS.map((field, f) => ({ term, field, boost: w * [2, 1.5, 1, 1][f]! }));
      });

      // Act
      const expected = idx.query((q) => {
        for (const c of clauses) {
          q.term(c.term, { fields: [c.field], boost: c.boost, usePipeline: false });
        }
      });
      const actual = postings.query(clauses);

      // Assert
      expect(
        actual.map((r) => ({
          ref: String(r.ref),
          score: r.score,
          meta: JSON.stringify(r.metadata),
        })),
      ).toEqual(
        expected.map((r) => ({
          ref: r.ref,
          score: r.score,
          meta: JSON.stringify(r.matchData.metadata),
        })),
      );
    }
  });

  it("reports each document's terms in the order of Lunr's match data, and its fields", () => {
    // Arrange: '2020' is an array-index key, which JS lists before the others
    const next = random(13);
    const { lunr: idx, docs } = buildLunr(next);
    const postings = TermPostings.decode(TermPostings.encode(idx.toJSON()), docs);

    for (let round = 0; round < 200; round++) {
      const terms = [
        ...new Set(
          Array.from(
            { length: 1 + Math.floor(next() * 6) },
            () => WORDS[Math.floor(next() * WORDS.length)] as string,
          ),
        ),
      ];
      // Fields in a random order per term, so a document's fields come in varied orders.
      const clauses: TermClause[] = terms.flatMap((term) =>
        [...FIELDS]
          .sort(() => next() - 0.5)
          .map((field) => ({ term, field, boost: 0.5 + next() * 3 })),
      );

      // Act
      const expected = idx.query((q) => {
        for (const c of clauses) {
          q.term(c.term, { fields: [c.field], boost: c.boost, usePipeline: false });
        }
      });
      const matches = postings.match(clauses);
      const out = new Int32Array(matches.terms.length);
      const actual = Array.from({ length: matches.count }, (_, i) => ({
        ref: String(matches.ref(i)),
        score: matches.score(i),
        terms: Array.from(out.subarray(0, matches.termsOf(i, out)), (k) => matches.terms[k]),
        fields: FIELDS.filter((_, f) => (matches.fieldMask(i) & (1 << f)) !== 0),
      }));

      // Assert
      expect(actual).toEqual(
        expected.map((r) => ({
          ref: r.ref,
          score: r.score,
          terms: Object.keys(r.matchData.metadata),
          fields: FIELDS.filter((field) =>
            Object.values(r.matchData.metadata).some((byField) => field in byField),
          ),
        })),
      );
    }
  });

  it('keeps a query on one index from touching the last matches of another', () => {
    // Arrange
    const { lunr: idx, docs } = buildLunr(random(5));
    const wire = TermPostings.encode(idx.toJSON());
    const first = TermPostings.decode(wire, docs);
    const second = TermPostings.decode(wire, docs);
    const clauses = (term: string): TermClause[] =>
      FIELDS.map((field) => ({ term, field, boost: 1 }));

    // Act
    const matches = first.match(clauses('reset'));
    const before = Array.from({ length: matches.count }, (_, i) => [
      matches.ref(i),
      matches.score(i),
    ]);
    second.match(clauses('refund'));

    // Assert
    expect(before.length).toBeGreaterThan(0);
    expect(
      Array.from({ length: matches.count }, (_, i) => [matches.ref(i), matches.score(i)]),
    ).toEqual(before);
    expect(first.match(clauses('reset'))).toBe(matches);
  });

  it('rejects postings that point past the documents', () => {
    // Arrange
    const { lunr: idx, docs } = buildLunr(random(3));
    const wire = TermPostings.encode(idx.toJSON());

    // Act / Assert
    expect(() => TermPostings.decode(wire, docs - 1)).toThrow(RangeError);
  });
});

describe('TermPostingsBuilder', () => {
  it('gives the postings and BM25 weights Lunr builds for the same documents', () => {
    // Arrange: sections and questions, upper case and number-like terms, repeated terms
    const next = random(11);
    const words = [...WORDS, 'Reset', '10', '__proto__', 'constructor'];
    const pick = (n: number): string[] =>
      Array.from({ length: n }, () => words[Math.floor(next() * words.length)] as string);
    const docs: Partial<Record<string, string[]>>[] = Array.from({ length: 300 }, () =>
      next() < 0.5
        ? { question: pick(1 + Math.floor(next() * 6)) }
        : {
            title: pick(1 + Math.floor(next() * 3)),
            heading: pick(Math.floor(next() * 3)),
            body: pick(Math.floor(next() * 40)),
          },
    );
    const lunr = setupLunr();
    const reference = new lunr.Builder();
    reference.ref('ref');
    for (const field of FIELDS) reference.field(field);
    reference.metadataWhitelist = [];
    const builder = new TermPostingsBuilder(FIELDS);

    // Act
    docs.forEach((doc, d) => {
      reference.add({ ref: String(d), ...doc });
      builder.add(doc);
    });

    // Assert
    expect(JSON.stringify(builder.build())).toBe(
      JSON.stringify(TermPostings.encode(reference.build().toJSON())),
    );
  });
});

describe('packed integers and pair tables', () => {
  it('round-trip integers of every size and sign', () => {
    const values = [0, 1, -1, 63, 64, -64, 127, 128, 300, -300, 2 ** 31 - 1, -(2 ** 31)];
    expect([...unpackInts(packInts(values))]).toEqual(values);
    expect(() => unpackInts(packInts(values), values.length + 1)).toThrow(RangeError);
  });

  it('look keys up without finding Object property names', () => {
    // Arrange
    const table = PairTable.fromRecord({ reset: [0, 5, 3, -2], password: [1, 1] });
    const loaded = PairTable.decode(JSON.parse(JSON.stringify(table.toData())), 4);

    // Act / Assert
    expect([...(loaded.get('reset') ?? [])]).toEqual([0, 5, 3, -2]);
    expect(loaded.get('constructor')).toBeUndefined();
    expect(loaded.get('__proto__')).toBeUndefined();
    expect(() => PairTable.decode(table.toData(), 2)).toThrow(RangeError);
  });
});
