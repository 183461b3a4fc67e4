import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ARTICLE_LIMITS, parseArticle } from '#core/knowledge/parse-article.ts';
import { cpuTimed, RUNAWAY_MS } from '../../../helpers/runaway.ts';

const FRAGMENTS = [
  '---\n',
  'title: T\n',
  'lang: en\n',
  'lang: ar\n',
  'questions:\n  - a\n',
  'tags: [x, y]\n',
  'summary: "s"\n',
  '__proto__: x\n',
  'constructor: 1\n',
  '# H1\n',
  '## Section\n',
  '## Section\n',
  '> quote\n',
  '- item\n',
  '  - nested\n',
  '1. one\n',
  '| a | b |\n|---|---|\n| 1 | 2 |\n',
  '[link](other.md#x)\n',
  '[bad](javascript:alert(1))\n',
  '<script>alert(1)</script>\n',
  '```\ncode\n```\n',
  '\n',
  '***\n',
  '![img](x.png)\n',
  'كيف أرجع الطلب؟\n',
];

describe('parseArticle on any input', () => {
  it('never throws: it returns an article or problems with file:line (property)', () => {
    const source = fc.oneof(
      fc.string({ maxLength: 2000 }),
      fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 60 }).map((parts) => parts.join('')),
      fc
        .array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 40 })), {
          maxLength: 40,
        })
        .map((parts) => `---\ntitle: T\nlang: en\n---\n${parts.join('')}`),
    );
    fc.assert(
      fc.property(source, (text) => {
        const parsed = parseArticle(text, 'en/fuzz.md', { defaultLang: 'en' });
        expect(parsed.article !== undefined || parsed.problems.length > 0).toBe(true);
        for (const p of parsed.problems) {
          expect(p.file).toBe('en/fuzz.md');
          expect(p.line).toBeGreaterThanOrEqual(1);
          expect(p.message.length).toBeGreaterThan(0);
        }
        if (parsed.article) {
          expect(Object.getPrototypeOf(parsed.article.questions)).toBe(Array.prototype);
          for (const q of parsed.article.questions) expect(typeof q).toBe('string');
        }
      }),
      { numRuns: 400 },
    );
  });

  it('rejects crafted articles past the hard limits before parsing, with a clear error', () => {
    const head = '---\ntitle: T\nlang: en\n---\n';
    const cases = [
      [`${head}${'>'.repeat(50_000)}\n`, /line is 50000 characters/],
      [`${head}${Array.from({ length: 40 }, (_, i) => `${'>'.repeat(i)} x`).join('\n')}\n`, /nested/],
      [`${head}${'word '.repeat(30_000)}`, /limit is 100000/],
    ] as const;
    for (const [source, message] of cases) {
      const { result: parsed, ms } = cpuTimed(() =>
        parseArticle(source, 'en/crafted.md', { defaultLang: 'en' }),
      );
      expect(ms).toBeLessThan(RUNAWAY_MS);
      expect(parsed.article).toBeUndefined();
      expect(parsed.problems[0]?.message).toMatch(message);
    }
    expect(ARTICLE_LIMITS.nesting).toBeGreaterThan(3);
  });
});
