import { describe, expect, it } from 'vitest';
import { parseArticle } from '#core/knowledge/parse-article.ts';

const article = (front: string, body: string): string => `---\n${front}\n---\n${body}`;

describe('parseArticle', () => {
  it('reads the front matter fields and turns a YAML date into YYYY-MM-DD', () => {
    // Prepare
    const source = article(
      [
        'id: reset',
        'title: Reset your password',
        'lang: en',
        'tags: [account, login]',
        'questions:',
        '  - forgot my password',
        '  - change password',
        'summary: Use the link we email you.',
        'owner: support',
        'updated: 2026-10-14',
      ].join('\n'),
      'Body.',
    );

    // Act
    const { article: parsed, problems } = parseArticle(source, 'en/whatever.md');

    // Assess
    expect(problems).toEqual([]);
    expect(parsed).toMatchObject({
      id: 'reset',
      title: 'Reset your password',
      lang: 'en',
      tags: ['account', 'login'],
      questions: ['forgot my password', 'change password'],
      summary: 'Use the link we email you.',
      owner: 'support',
      updated: '2026-10-14',
      source: 'en/whatever.md',
    });
  });

  it('a YAML timestamp parsed as a Date is normalised too', () => {
    const source = article('title: T\nupdated: !!timestamp 2026-01-02', 'x');
    expect(parseArticle(source, 'en/t.md', { defaultLang: 'en' }).article?.updated).toBe('2026-01-02');
  });

  it('defaults the id to the file name and the language to the folder language', () => {
    const { article: parsed } = parseArticle(article('title: Delivery', 'Text.'), 'ar/delivery-times.md', {
      defaultLang: 'ar',
    });
    expect(parsed?.id).toBe('delivery-times');
    expect(parsed?.lang).toBe('ar');
  });

  it('splits the body into ## sections with slug ids and file line numbers', () => {
    // Prepare: front matter takes lines 1-3, so "# Title" is line 4
    const source = article(
      'title: Reset',
      [
        '# Reset', //                      4
        '',
        'Intro text.', //                  6
        '',
        '## Before you start', //          8
        '',
        'Have your email ready.',
        '',
        '### A sub-heading', //            12
        '',
        'Stays in its section.',
        '',
        '## Steps!', //                    16
        '',
        '1. Open settings',
        '',
        '## Steps', //                     20
        '',
        'Again.',
      ].join('\n'),
    );

    // Act
    const sections = parseArticle(source, 'en/reset.md', { defaultLang: 'en' }).article?.sections ?? [];

    // Assess
    expect(sections.map((s) => [s.id, s.heading, s.line])).toEqual([
      ['', 'Reset', 4],
      ['before-you-start', 'Before you start', 8],
      ['steps', 'Steps!', 16],
      ['steps-1', 'Steps', 20],
    ]);
    expect(sections[0]?.markdown).toBe('Intro text.');
    expect(sections[1]?.markdown).toBe('Have your email ready.\n\n### A sub-heading\n\nStays in its section.');
    expect(sections[1]?.text).toBe('Have your email ready.\nA sub-heading\nStays in its section.');
  });

  it('gives Arabic headings Arabic slugs', () => {
    const source = article('title: كلمة المرور', '## خطوات إعادة التعيين؟\n\nنص.\n\n## الحساب المقفل (مؤقتاً)\n\nنص.');
    const sections = parseArticle(source, 'ar/x.md', { defaultLang: 'ar' }).article?.sections ?? [];
    expect(sections.map((s) => s.id)).toEqual(['خطوات-إعادة-التعيين', 'الحساب-المقفل-مؤقتاً']);
  });

  it('flattens links, images, emphasis, code and tables to plain text', () => {
    const body = [
      '## Prices',
      '',
      'See [the **orders** page](https://example.com/orders) and ![a clock](clock.png), `code` too.',
      '',
      '| Service | Price |',
      '|---------|------:|',
      '| Express | [$9](fees.md) |',
      '',
      '```',
      'npm run kb',
      '```',
    ].join('\n');
    const section = parseArticle(article('title: P', body), 'en/p.md', { defaultLang: 'en' }).article
      ?.sections[0];
    expect(section?.text).toBe(
      'See the orders page and a clock, code too.\nService, Price\nExpress, $9\nnpm run kb',
    );
    expect(section?.markdown).toContain('| Express | [$9](fees.md) |');
  });

  it('collects internal links with their file lines and ignores external ones', () => {
    const body = [
      'Read [refunds](refunds.md), [steps](../ar/reset.md#الخطوات) and [here](#prices).', // line 4
      '',
      '[web](https://example.com/x.md) [abs](/help/x.md) [mail](mailto:a@b.c)',
      '',
      '[ref]: delivery.md#parcels', // line 8
    ].join('\n');
    const parsed = parseArticle(article('title: L', body), 'en/l.md', { defaultLang: 'en' }).article;
    expect(parsed?.links).toEqual([
      { href: 'refunds.md', line: 4 },
      { href: '../ar/reset.md#الخطوات', line: 4 },
      { href: '#prices', line: 4 },
      { href: 'delivery.md#parcels', line: 8 },
    ]);
  });

  it('reports bad YAML at its line in the file and returns no article', () => {
    const source = '---\ntitle: Broken\nquestions:\n  - one\n  - two: [unclosed\n---\nBody';
    const { article: parsed, problems } = parseArticle(source, 'en/bad.md', { defaultLang: 'en' });
    expect(parsed).toBeUndefined();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: 'en/bad.md', line: 5, severity: 'error' });
    expect(problems[0]?.message).toMatch(/^invalid YAML front matter: /);
  });

  it('reports front matter that is never closed', () => {
    const { problems } = parseArticle('---\ntitle: x\n\nBody', 'en/open.md', { defaultLang: 'en' });
    expect(problems.map((p) => p.message)).toEqual([expect.stringContaining('no closing ---')]);
  });

  it('reports questions and tags that are not lists of strings, at the key line', () => {
    const source = article('title: T\nquestions: one string\ntags:\n  - ok\n  - 42', 'x');
    const { article: parsed, problems } = parseArticle(source, 'en/t.md', { defaultLang: 'en' });
    expect(problems.map((p) => [p.line, p.message])).toEqual([
      [3, '`questions` must be a list of strings'],
      [4, '`tags` must be a list of strings'],
    ]);
    expect(parsed?.tags).toEqual(['ok']);
  });

  it('reports a missing title, a missing lang and an unknown lang', () => {
    expect(parseArticle(article('lang: en', 'x'), 'en/a.md').problems[0]?.message).toMatch(/missing title/);
    const noLang = parseArticle(article('title: T', 'x'), 'a.md');
    expect(noLang.article).toBeUndefined();
    expect(noLang.problems[0]?.message).toMatch(/missing lang/);
    const french = parseArticle(article('title: T\nlang: fr', 'x'), 'a.md');
    expect(french.problems[0]).toMatchObject({ line: 3, message: 'invalid lang "fr": expected one of en, ar' });
  });

  it('accepts a file without front matter when the folder gives the language', () => {
    const { article: parsed, problems } = parseArticle('# Hello\n\nText.', 'en/hello.md', { defaultLang: 'en' });
    expect(parsed?.title).toBe('Hello');
    expect(parsed?.sections[0]?.line).toBe(1);
    expect(problems.map((p) => p.message)).toEqual([expect.stringMatching(/missing title/)]);
  });

  it('keeps an empty ## section so lint can report it', () => {
    const sections =
      parseArticle(article('title: T', '## Empty\n\n## Full\n\nText.'), 'en/t.md', { defaultLang: 'en' })
        .article?.sections ?? [];
    expect(sections.map((s) => [s.id, s.markdown])).toEqual([
      ['empty', ''],
      ['full', 'Text.'],
    ]);
  });
});
