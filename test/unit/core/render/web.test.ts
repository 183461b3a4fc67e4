/**
 * What the web chat shows for an answer: the section that matched (with its heading) or the
 * article's summary, never the intro teaser; and, for an answer that exists only in the other
 * language, a line saying so in the customer's language.
 */
import { describe, expect, it } from 'vitest';
import type { Reply } from '#core/conversation/reply.ts';
import { parseArticle } from '#core/knowledge/parse-article.ts';
import { renderWebReply } from '#core/render/web.ts';
import { toArticleRecord } from '#core/retrieval/article-record.ts';
import type { ArticleRecord } from '#core/retrieval/index-artifact.ts';
import type { Candidate, Lang } from '#core/types.ts';

const PROMO_CODES = `---
title: Promo codes and discount vouchers
lang: en
summary: Enter your promo code in the Promo code box at checkout and tap Apply.
---
Promo codes, coupons and vouchers all work the same way: enter them at checkout.

## Apply a code
1. Add items to your basket and tap **Checkout**.
2. Tap **Promo code**, type the code and tap **Apply**.

## Returns and discounts
If you return part of an order, see [refund method](refund-method.md#promo-codes).
`;

const NO_SUMMARY = `---
title: Delivery times
lang: en
---
| Delivery | Estimated time |
| --- | --- |
| Standard | 2 to 5 business days |

Prices are in [shipping options](shipping-options-and-costs.md).
`;

const ARABIC_ONLY = `---
title: الدفع بتابي وتمارا
lang: ar
summary: قسّم المبلغ على أربع دفعات بدون فوائد عند الدفع.
---
## كيف أدفع بالتقسيط
1. اختر **تابي** أو **تمارا** عند الدفع.
`;

function record(source: string, file: string): ArticleRecord {
  const { article } = parseArticle(source, file);
  if (!article) throw new Error(`fixture ${file} does not parse`);
  return toArticleRecord(article);
}

/** A candidate as the index builds it from a record and the engine's choice of section. */
function candidate(r: ArticleRecord, sectionIndex: number, matched: boolean): Candidate {
  const section = r.sections[sectionIndex];
  return {
    articleId: r.id,
    title: r.title,
    lang: r.lang,
    ...(matched && section?.id ? { sectionId: section.id, heading: section.heading } : {}),
    url: section?.url ?? r.url,
    ...(r.summary ? { summary: r.summary } : {}),
    snippet: section?.snippet ?? '',
    ...(section?.markdown ? { markdown: section.markdown } : {}),
    confidence: 0.9,
    score: 10,
  };
}

function answer(c: Candidate, lang: Lang = c.lang): Reply {
  return { kind: 'answer', lang, article: c };
}

describe('renderWebReply for answers', () => {
  const promo = record(PROMO_CODES, 'en/promo-codes.md');

  it('shows the matched section with its heading and its Markdown', () => {
    // Prepare
    const c = candidate(promo, 1, true);

    // Act
    const web = renderWebReply(answer(c));

    // Assess
    expect(web.text).toBe(
      '### Apply a code\n\n1. Add items to your basket and tap **Checkout**.\n' +
        '2. Tap **Promo code**, type the code and tap **Apply**.',
    );
    expect(web.article).toEqual({
      id: 'promo-codes',
      title: 'Promo codes and discount vouchers',
      url: '/help/en/promo-codes#apply-a-code',
      lang: 'en',
      heading: 'Apply a code',
    });
    expect(web.notice).toBeUndefined();
  });

  it('keeps the links of the matched section as public help-centre URLs', () => {
    // Act
    const web = renderWebReply(answer(candidate(promo, 2, true)));

    // Assess
    expect(web.text).toContain('[refund method](/help/en/refund-method#promo-codes)');
  });

  it('shows the summary, not the intro teaser, when no titled section matched', () => {
    // Prepare: the engine fell back to the article top (section '' is the teaser paragraph)
    const c = candidate(promo, 0, false);

    // Act
    const web = renderWebReply(answer(c));

    // Assess
    expect(web.text).toBe('Enter your promo code in the Promo code box at checkout and tap Apply.');
    expect(web.text).not.toContain('coupons and vouchers all work the same way');
    expect(web.article?.url).toBe('/help/en/promo-codes');
  });

  it('shows the summary when the engine named no section even if it scored one', () => {
    // Prepare: a section was scored, but not clearly enough to be named
    const c = candidate(promo, 2, false);

    // Act
    const web = renderWebReply(answer(c));

    // Assess
    expect(web.text).toBe('Enter your promo code in the Promo code box at checkout and tap Apply.');
  });

  it('falls back to the first section, table and link included, when there is no summary', () => {
    // Prepare
    const delivery = record(NO_SUMMARY, 'en/delivery-times.md');

    // Act
    const web = renderWebReply(answer(candidate(delivery, 0, false)));

    // Assess
    expect(web.text).toBe(
      '| Delivery | Estimated time |\n| --- | --- |\n| Standard | 2 to 5 business days |\n\n' +
        'Prices are in [shipping options](/help/en/shipping-options-and-costs).',
    );
  });

  it('uses the plain snippet for a logged candidate from before section Markdown existed', () => {
    // Prepare
    const { markdown: _dropped, ...old } = candidate(promo, 1, true);

    // Act
    const web = renderWebReply(answer(old));

    // Assess
    expect(web.text).toBe(
      '### Apply a code\n\nAdd items to your basket and tap Checkout.\n' +
        'Tap Promo code, type the code and tap Apply.',
    );
  });

  it('tells an Arabic customer, in Arabic, that the answer is only in English, then shows it', () => {
    // Prepare
    const c = candidate(promo, 1, true);

    // Act
    const web = renderWebReply(answer(c, 'ar'));

    // Assess
    expect(web.lang).toBe('ar');
    expect(web.notice).toBe('هذه الإجابة متوفرة بالإنجليزية فقط:');
    expect(web.text).toMatch(/^### Apply a code\n\n1\. Add items/);
    expect(web.article).toMatchObject({ lang: 'en', url: '/help/en/promo-codes#apply-a-code' });
  });

  it('tells an English customer, in English, that the answer is only in Arabic', () => {
    // Prepare
    const tabby = record(ARABIC_ONLY, 'ar/instalments.md');

    // Act
    const web = renderWebReply(answer(candidate(tabby, 0, false), 'en'));

    // Assess
    expect(web.lang).toBe('en');
    expect(web.notice).toBe('This answer is only available in Arabic:');
    expect(web.text).toBe('قسّم المبلغ على أربع دفعات بدون فوائد عند الدفع.');
    expect(web.article?.lang).toBe('ar');
    expect(web.article?.url).toMatch(/^\/help\/ar\/instalments\b/);
  });
});
