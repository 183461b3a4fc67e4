import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '#core/knowledge/article.ts';
import { buildIndexArtifact } from '#core/retrieval/build-index.ts';
import { DEFAULT_THRESHOLDS } from '#core/retrieval/default-thresholds.ts';
import { KnowledgeIndex } from '#core/retrieval/knowledge-index.ts';
import type { Decision } from '#core/types.ts';
import { indexFor } from '../../../helpers/knowledge.ts';
import { cpuTimed, RUNAWAY_MS } from '../../../helpers/runaway.ts';

const PROTOTYPE_NAMES = Object.getOwnPropertyNames(Object.prototype);
let index: KnowledgeIndex;

beforeAll(async () => {
  index = await indexFor('knowledge');
});

function expectWellFormed(d: Decision): void {
  expect(['answer', 'clarify', 'escalate']).toContain(d.kind);
  expect(d.confidence).toBeGreaterThanOrEqual(0);
  expect(d.confidence).toBeLessThanOrEqual(1);
  for (const c of d.candidates) expect(Number.isFinite(c.confidence)).toBe(true);
}

/** Guards against runaway work (catastrophic cases took seconds), not a benchmark: see bench/. */
function timed(text: string): { decision: Decision; ms: number } {
  const { result, ms } = cpuTimed(() => index.decide({ text }, DEFAULT_THRESHOLDS));
  return { decision: result, ms };
}

describe('hostile questions', () => {
  it('treats the names of Object.prototype properties as plain unknown words', () => {
    for (const name of [...PROTOTYPE_NAMES, 'prototype', '__proto__ constructor']) {
      for (const text of [name, `${name} refund`, `ما ${name}`]) {
        const d = index.decide({ text }, DEFAULT_THRESHOLDS);
        expectWellFormed(d);
      }
    }
  });

  it('never throws and always decides, for any text (property)', () => {
    const word = fc.oneof(
      fc.constantFrom(...PROTOTYPE_NAMES, 'refund', 'طلبي', '7sabi', 'title:x^9', '+a -b ~2 *'),
      fc.string({ maxLength: 30 }),
      fc.string({ unit: 'grapheme', maxLength: 12 }),
    );
    fc.assert(
      fc.property(fc.array(word, { maxLength: 40 }), (words) => {
        expectWellFormed(index.decide({ text: words.join(' ') }, DEFAULT_THRESHOLDS));
      }),
      { numRuns: 300 },
    );
  });

  it('does bounded work on very long words, long questions and many unknown words', () => {
    const inputs = [
      '1'.repeat(2000),
      'abcdefghij'.repeat(1000),
      'ب'.repeat(2000),
      'refund my order please '.repeat(450),
      Array.from({ length: 2000 }, (_, i) => `zq${i.toString(36)}xw`).join(' '),
      'wein talabi 3ayez a7thef '.repeat(400),
      'ابي refund '.repeat(900),
    ];
    for (const text of inputs) {
      timed(text); // warm the lazily built look-up maps
      const { decision, ms } = timed(text);
      expectWellFormed(decision);
      expect(ms).toBeLessThan(RUNAWAY_MS);
    }
  });
});

describe('articles that use Object.prototype names', () => {
  it('counts them like any other word', () => {
    const article: Article = {
      id: 'odd-words',
      title: 'constructor toString hasOwnProperty',
      lang: 'en',
      tags: [],
      questions: ['what is a constructor', 'valueOf __proto__ isPrototypeOf'],
      source: 'en/odd-words.md',
      sections: [
        { id: '', heading: '', markdown: 'constructor', text: 'constructor toString', line: 1 },
      ],
    };
    const other: Article = {
      ...article,
      id: 'other',
      title: 'Track an order',
      questions: ['where is my order', 'track my parcel'],
      source: 'en/other.md',
      sections: [{ id: '', heading: '', markdown: 'x', text: 'Track your order', line: 1 }],
    };
    const artifact = buildIndexArtifact([article, other]);
    const en = artifact.indexes.en;
    expect(en?.docFreq['constructor']).toBeTypeOf('number');
    expect(en?.termWeights['tostr']).toBeTypeOf('number');
    const loaded = KnowledgeIndex.load(JSON.stringify(artifact));
    const d = loaded.decide({ text: 'constructor toString' }, DEFAULT_THRESHOLDS);
    expect(d.candidates[0]?.articleId).toBe('odd-words');
  });
});
