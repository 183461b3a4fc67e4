/**
 * The Markdown the index keeps per section for the web: internal links become public article
 * URLs, only https links stay external, nothing a browser would run survives, and the text is
 * bounded at a block boundary.
 */
import { describe, expect, it } from 'vitest';
import { loadCollection } from '#core/knowledge/load-collection.ts';
import { parseArticle } from '#core/knowledge/parse-article.ts';
import {
  boundMarkdown,
  displayMarkdown,
  publicHref,
  SECTION_MARKDOWN_CHARS,
} from '#core/render/section-markdown.ts';
import { toArticleRecord } from '#core/retrieval/article-record.ts';

const EN = { lang: 'en', articleId: 'promo-codes' } as const;

describe('section Markdown for the web', () => {
  it('rewrites links into the collection to public /help/<lang>/<id> URLs', () => {
    // Prepare
    const source =
      'See [refunds](refund-method.md), [cards](refund-method.md#card-payments), ' +
      '[Arabic](../ar/track-order.md), [here](#rules), [again](./gift-cards.md) and ' +
      '[page](/help/en/cancel-order#before-it-ships).';

    // Act
    const markdown = displayMarkdown(source, EN);

    // Assess
    expect(markdown).toBe(
      'See [refunds](/help/en/refund-method), [cards](/help/en/refund-method#card-payments), ' +
        '[Arabic](/help/ar/track-order), [here](/help/en/promo-codes#rules), ' +
        '[again](/help/en/gift-cards) and [page](/help/en/cancel-order#before-it-ships).',
    );
  });

  it('resolves Arabic articles relative to the Arabic folder and keeps Arabic anchors', () => {
    // Act
    const markdown = displayMarkdown('راجع [الاسترداد](refund-timing.md#متى-يبدأ-الاحتساب).', {
      lang: 'ar',
      articleId: 'cancel-order',
    });

    // Assess
    expect(markdown).toBe('راجع [الاسترداد](/help/ar/refund-timing#متى-يبدأ-الاحتساب).');
  });

  it('keeps external https links and turns every other kind of link into its text', () => {
    // Prepare
    const source = [
      '[terms](https://nakheel.example/terms)',
      '[js](javascript:alert(1))',
      '[JS](JaVaScRiPt:alert(1))',
      '[data](data:text/html;base64,PHNjcmlwdD4=)',
      '[plain http](http://nakheel.example/x)',
      '[mail](mailto:help@nakheel.example)',
      '[escape](../../etc/passwd.md)',
      '[admin](/admin)',
      '[protocol-relative](//evil.example/x)',
      '[backslash](/help\\\\evil.example)',
      '<javascript:alert(1)>',
    ].join('\n\n');

    // Act
    const markdown = displayMarkdown(source, EN);

    // Assess
    expect(markdown.split('\n\n')).toEqual([
      '[terms](https://nakheel.example/terms)',
      'js',
      'JS',
      'data',
      'plain http',
      'mail',
      'escape',
      'admin',
      'protocol-relative',
      'backslash',
      'javascript:alert(1)',
    ]);
  });

  it('reduces raw HTML and images to inert text', () => {
    // Prepare
    const source =
      'Tap <b>Apply</b> <img src=x onerror="alert(1)"> ![logo](https://x.example/a.png)\n\n' +
      '<div onclick="alert(1)">[x](javascript:alert(1))</div>\n\n' +
      '<script>alert(1)</script>';

    // Act
    const markdown = displayMarkdown(source, EN);

    // Assess
    expect(markdown).not.toMatch(/<|>|javascript:[^)]*\)\s*$|onerror|onclick|!\[/i);
    expect(markdown).toContain('Apply');
    expect(markdown).toContain('logo');
    expect(markdown).toContain('\\[x\\]\\(javascript:alert\\(1\\)\\)');
  });

  it('resolves reference-style links and drops their definitions', () => {
    // Act
    const markdown = displayMarkdown(
      'Read [the policy][policy] or [bad][evil].\n\n[policy]: return-policy.md#window\n[evil]: javascript:alert(1)',
      EN,
    );

    // Assess
    expect(markdown).toBe('Read [the policy](/help/en/return-policy#window) or bad.');
  });

  it('keeps tables, lists and emphasis as they are written', () => {
    // Prepare
    const source =
      '| Method | Time |\n| --- | --- |\n| **Card** | 5 to 10 days, see [timing](refund-timing.md) |\n\n1. One\n2. *Two*';

    // Act
    const markdown = displayMarkdown(source, EN);

    // Assess
    expect(markdown).toBe(
      '| Method | Time |\n| --- | --- |\n| **Card** | 5 to 10 days, see [timing](/help/en/refund-timing) |\n\n1. One\n2. *Two*',
    );
  });

  it('bounds a long section at a list item and closes it with an ellipsis', () => {
    // Prepare
    const items = Array.from({ length: 40 }, (_, i) => `- Item ${i} with [a link](gift-cards.md).`);
    const source = `Intro paragraph.\n\n${items.join('\n')}\n\nClosing paragraph.`;

    // Act
    const markdown = displayMarkdown(source, EN, 400);

    // Assess
    expect(markdown.length).toBeLessThanOrEqual(400);
    expect(markdown).toMatch(
      /^Intro paragraph\.\n\n- Item 0 with \[a link\]\(\/help\/en\/gift-cards\)\./,
    );
    expect(markdown).toMatch(/\[a link\]\(\/help\/en\/gift-cards\)\.\n\n…$/);
    expect(markdown).not.toContain('Closing paragraph');
  });

  it('bounds a long table after a whole row, keeping the header', () => {
    // Prepare
    const rows = Array.from(
      { length: 30 },
      (_, i) => `| Country ${i} | ${i + 2} to ${i + 5} days |`,
    );
    const source = `| Where | How long |\n| --- | --- |\n${rows.join('\n')}`;

    // Act
    const markdown = boundMarkdown(source, 300);
    const lines = markdown.split('\n');

    // Assess
    expect(markdown.length).toBeLessThanOrEqual(300);
    expect(lines.slice(0, 3)).toEqual(['| Where | How long |', '| --- | --- |', rows[0]]);
    expect(lines.at(-3)).toMatch(/^\| Country \d+ \| \d+ to \d+ days \|$/);
    expect(lines.slice(-2)).toEqual(['', '…']);
  });

  it('cuts an overlong first paragraph between words, never inside a link', () => {
    // Prepare
    const source = `${'word '.repeat(50)}[a link with several words](gift-cards.md) ${'tail '.repeat(50)}`;

    // Act
    const markdown = displayMarkdown(source, EN, 270);

    // Assess
    expect(markdown.length).toBeLessThanOrEqual(270);
    expect(markdown.endsWith('…')).toBe(true);
    expect(markdown).not.toMatch(/\[[^\]]*…$|\]\([^)]*…$/);
    expect((markdown.match(/\[/g) ?? []).length).toBe((markdown.match(/\]/g) ?? []).length);
  });

  it('leaves a short section untouched apart from its links', () => {
    // Assess
    expect(displayMarkdown('  Just **text**.  ', EN)).toBe('Just **text**.');
    expect(publicHref('#', EN)).toBeUndefined();
    expect(publicHref('https://nakheel.example/a_(b)', EN)).toBe(
      'https://nakheel.example/a_%28b%29',
    );
  });

  it('stores bounded, rewritten Markdown for every section of the help centre', async () => {
    // Prepare
    const { articles } = await loadCollection('knowledge');

    // Act
    const records = articles.map(toArticleRecord);
    const sections = records.flatMap((r) => r.sections);
    const hrefs = sections.flatMap((s) =>
      [...s.markdown.matchAll(/\]\(([^)]*)\)/g)].map((m) => m[1] ?? ''),
    );

    // Assess
    expect(sections.length).toBeGreaterThan(100);
    expect(hrefs.length).toBeGreaterThan(50);
    for (const section of sections) {
      expect(section.markdown.length).toBeLessThanOrEqual(SECTION_MARKDOWN_CHARS);
      expect(section.markdown).not.toMatch(/\.md\b|<[a-z/]/i);
    }
    // (whether each target exists is `kb lint`'s job; here: only public URLs are left)
    for (const href of hrefs) {
      expect(href).toMatch(/^(?:https:\/\/[^/]|\/help\/(?:en|ar)\/[a-z0-9-]+(?:#[^\s#]+)?$)/);
    }
  });

  it('keeps a delivery-times table with its link in the record', () => {
    // Prepare
    const source = `---
title: Delivery times
lang: en
---
Intro.

## Typical delivery times
| Delivery | Estimated time |
| --- | --- |
| Standard | 2 to 5 business days |

Prices are in [shipping options](shipping-options-and-costs.md).
`;
    const { article } = parseArticle(source, 'en/delivery-times.md', { defaultLang: 'en' });

    // Act
    const record = toArticleRecord(article!);

    // Assess
    expect(record.sections[1]).toMatchObject({
      id: 'typical-delivery-times',
      heading: 'Typical delivery times',
      markdown:
        '| Delivery | Estimated time |\n| --- | --- |\n| Standard | 2 to 5 business days |\n\n' +
        'Prices are in [shipping options](/help/en/shipping-options-and-costs).',
      url: '/help/en/delivery-times#typical-delivery-times',
    });
    expect(record.sections[1]?.snippet).not.toContain('](');
  });
});
