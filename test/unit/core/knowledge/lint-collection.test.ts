import { beforeAll, describe, expect, it } from 'vitest';
import type { Article, Problem } from '#core/knowledge/article.ts';
import { formatProblem } from '#core/knowledge/format-problem.ts';
import { lintArticles } from '#core/knowledge/lint-collection.ts';
import { loadCollection } from '#core/knowledge/load-collection.ts';

const clean = (overrides: Partial<Article> = {}): Article => ({
  id: 'a',
  title: 'A',
  lang: 'en',
  tags: [],
  questions: ['one', 'two', 'three'],
  summary: 'Short.',
  updated: '2026-01-31',
  source: 'en/a.md',
  sections: [{ id: 'steps', heading: 'Steps', markdown: 'Do it.', text: 'Do it.', line: 6 }],
  links: [],
  ...overrides,
});

describe('lintArticles on the fixture collections', () => {
  it('finds nothing wrong with the valid collection but the facts its Arabic versions leave out', async () => {
    const { articles, problems } = await loadCollection('test/fixtures/kb/valid');
    const found = lintArticles(articles, problems);
    expect(found.filter((p) => !p.message.startsWith('facts differ'))).toEqual([]);
    expect(found.map((p) => `${p.file}:${p.line}: ${p.severity}: ${p.message}`)).toEqual([
      'ar/delivery-times.md:1: warning: facts differ from en/delivery-times.md: en has "14:00" (line 1), ar has no matching fact',
      'ar/delivery-times.md:13: warning: facts differ from en/delivery-times.md: en has "9 USD" (line 19), ar has no matching fact',
      'ar/reset-password.md:1: warning: facts differ from en/reset-password.md: en has "30 minutes" (line 1), ar has no matching fact',
      'ar/reset-password.md:18: warning: facts differ from en/reset-password.md: en has "5 minutes" (line 25), ar has no matching fact',
    ]);
  });

  describe('the broken collection', () => {
    let problems: Problem[] = [];
    beforeAll(async () => {
      const collection = await loadCollection('test/fixtures/kb/broken');
      problems = lintArticles(collection.articles, collection.problems);
    });
    const find = (file: string, pattern: RegExp): Problem | undefined =>
      problems.find((p) => p.file === file && pattern.test(p.message));

    it('reports invalid YAML at its line', () => {
      expect(find('en/bad-yaml.md', /invalid YAML/)).toMatchObject({ line: 5, severity: 'error' });
    });
    it('reports a missing title', () => {
      expect(find('en/no-title.md', /missing title/)?.severity).toBe('error');
    });
    it('reports a lang that does not match its folder, and an unknown lang', () => {
      expect(find('en/wrong-lang.md', /lang is 'ar' but .* 'en\/' folder/)?.severity).toBe('error');
      expect(find('en/unknown-lang.md', /invalid lang "fr"/)).toMatchObject({ line: 3, severity: 'error' });
    });
    it('reports the second article with an id already used in the language', () => {
      expect(find('en/dup-b.md', /duplicate id 'shipping' in en \(also en\/dup-a.md\)/)?.severity).toBe('error');
      expect(find('en/dup-a.md', /duplicate/)).toBeUndefined();
    });
    it('reports an empty section at its heading line', () => {
      expect(find('en/empty-section.md', /empty section '## Empty'/)).toMatchObject({ line: 10, severity: 'error' });
    });
    it('reports links to a missing file and to a missing section, not to an existing one', () => {
      expect(find('en/broken-links.md', /'missing.md': no file en\/missing.md/)).toMatchObject({ line: 8 });
      expect(find('en/broken-links.md', /'dup-a.md#nowhere': no section '#nowhere'/)).toMatchObject({ line: 10 });
      expect(find('en/broken-links.md', /#links/)).toBeUndefined();
    });
    it('reports questions and tags that are not lists of strings', () => {
      expect(find('en/bad-lists.md', /`questions` must be a list of strings/)?.line).toBe(3);
      expect(find('en/bad-lists.md', /`tags` must be a list of strings/)?.line).toBe(4);
    });
    it('warns about a missing summary, few questions, no body and a bad date', () => {
      const warnings = problems.filter((p) => p.file === 'en/warnings.md');
      expect(warnings.every((p) => p.severity === 'warning')).toBe(true);
      expect(warnings.map((p) => p.message)).toEqual([
        'no sections: the article has no body text',
        'no summary: voice and SMS answers fall back to the section text',
        'only 1 question(s): list at least 3 phrasings',
        "updated '14/10/2026' is not a YYYY-MM-DD date",
      ]);
    });
    it('warns about an Arabic summary too long for an SMS, naming the limit', () => {
      expect(find('ar/long-summary.md', /summary is 230 characters: keep it to 200/)?.severity).toBe('warning');
    });
    it('sorts problems by file and line', () => {
      const keys = problems.map((p) => `${p.file}\u0000${String(p.line).padStart(6, '0')}`);
      expect(keys).toEqual([...keys].sort());
    });
  });
});

describe('lintArticles rules on single articles', () => {
  it('allows the same id in two languages', () => {
    const en = clean();
    const ar = clean({ lang: 'ar', source: 'ar/a.md' });
    expect(lintArticles([en, ar])).toEqual([]);
  });

  it('uses 250 characters as the English summary limit', () => {
    expect(lintArticles([clean({ summary: 'x'.repeat(250) })])).toEqual([]);
    const [problem] = lintArticles([clean({ summary: 'x'.repeat(251) })]);
    expect(problem?.message).toBe('summary is 251 characters: keep it to 250 for voice/SMS');
  });

  it('rejects a date that looks right but does not exist', () => {
    const [problem] = lintArticles([clean({ updated: '2026-02-30' })]);
    expect(problem?.message).toMatch(/not a YYYY-MM-DD date/);
  });

  it('checks anchors of links across languages, including percent-encoded Arabic anchors', () => {
    const ar = clean({
      lang: 'ar',
      source: 'ar/b.md',
      sections: [{ id: 'الخطوات', heading: 'الخطوات', markdown: 'نص', text: 'نص', line: 5 }],
    });
    const en = clean({
      links: [
        { href: `../ar/b.md#${encodeURIComponent('الخطوات')}`, line: 7 },
        { href: '../ar/b.md#missing', line: 8 },
      ],
    });
    expect(lintArticles([en, ar]).map((p) => p.line)).toEqual([8]);
  });
});

describe('formatProblem', () => {
  it('prints file:line: severity: message, under the collection folder when given', () => {
    const problem: Problem = { file: 'en/a.md', line: 3, severity: 'warning', message: 'no summary' };
    expect(formatProblem(problem)).toBe('en/a.md:3: warning: no summary');
    expect(formatProblem(problem, 'knowledge/')).toBe('knowledge/en/a.md:3: warning: no summary');
  });
});
