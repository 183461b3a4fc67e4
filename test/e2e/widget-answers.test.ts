/**
 * Answers in the chat widget and on the article pages, in real headless Chromium against the
 * real local server: a Markdown table arrives as a real <table>, links inside the answer are real
 * links to the help-centre pages, raw HTML in an article stays text, Arabic pages are right to
 * left, and an answer that exists only in the other language is introduced in the customer's
 * language with each part in its own direction.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb } from '../../web/build.ts';
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/local-server.ts';
import { WAIT_MS, WidgetPage } from './widget-page.ts';

/**
 * A small help centre written for these tests. `delivery-times` has no summary and no `##`
 * sections, so whatever section the engine picks, the web shows its one section: a table, an
 * internal link, an external link and an HTML injection attempt.
 */
const ARTICLES: Record<string, string> = {
  'en/delivery-times.md': `---
title: Delivery times
lang: en
questions:
  - how long does delivery take
  - when will my order arrive
---
How long delivery takes depends on where you are:

| Delivery | Estimated time |
| --- | --- |
| Standard, Saudi Arabia and UAE | 2 to 5 business days |
| Express, main cities | Next business day if ordered by 2 pm |

Prices are in [shipping options and costs](shipping-options-and-costs.md). Couriers follow the [postal rules](https://nakheel.example/postal-rules). <img src=x onerror="window.__xss=1">
`,
  'en/shipping-options-and-costs.md': `---
title: Shipping options and costs
lang: en
summary: Standard delivery costs 15 SAR and is free on orders over 200 SAR.
questions:
  - how much is shipping
---
## Costs
Standard delivery costs **15 SAR**, express **35 SAR**.
`,
  'ar/delivery-times.md': `---
title: مواعيد التوصيل
lang: ar
questions:
  - متى يوصل طلبي
---
| التوصيل | المدة |
| --- | --- |
| عادي | من 2 إلى 5 أيام عمل |

الأسعار في [خيارات الشحن](../en/shipping-options-and-costs.md).
`,
};

const SCREENSHOTS = new URL('./screenshots/', import.meta.url);

let knowledgeDir: string;
let server: TestServer;
let browser: TestBrowser & { pageErrors: string[] };
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  knowledgeDir = await mkdtemp(join(tmpdir(), 'mujib-widget-answers-'));
  for (const [file, source] of Object.entries(ARTICLES)) {
    await mkdir(dirname(join(knowledgeDir, file)), { recursive: true });
    await writeFile(join(knowledgeDir, file), source);
  }
  await buildWeb();
  // thresholds low enough that a three-article help centre answers rather than escalates
  server = await startTestServer({
    buildWeb: false,
    knowledgeDir,
    env: { MUJIB_THRESHOLD_ANSWER: '0.0001', MUJIB_THRESHOLD_CLARIFY: '0.0001' },
  });
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (knowledgeDir) await rm(knowledgeDir, { recursive: true, force: true });
});

afterEach(async () => {
  await context?.close();
});

async function openWidget(): Promise<WidgetPage> {
  context = await browser.newContext();
  page = await context.newPage();
  await page.goto(`${server.url}/`);
  const widget = new WidgetPage(page);
  await widget.open();
  return widget;
}

describe('answers in the chat widget', () => {
  it('shows an answer table as a real table and its links as clickable help-centre links', async () => {
    // Prepare
    const widget = await openWidget();

    // Act
    const { json, bubble } = await widget.ask('How long does delivery take?');
    const table = bubble.locator('.body table');
    const internal = bubble.locator(
      `.body a[href="${server.url}/help/en/shipping-options-and-costs"]`,
    );
    const [articlePage] = await Promise.all([context.waitForEvent('page'), internal.click()]);
    await articlePage.waitForLoadState('domcontentloaded');

    // Assess
    expect(json.reply.kind).toBe('answer');
    expect(json.reply.article?.id).toBe('delivery-times');
    expect(json.reply.text).toContain(
      '[shipping options and costs](/help/en/shipping-options-and-costs)',
    );
    expect(await table.locator('thead th').allTextContents()).toEqual([
      'Delivery',
      'Estimated time',
    ]);
    expect(await table.locator('tbody tr').count()).toBe(2);
    expect(await table.locator('tbody tr').first().locator('td').allTextContents()).toEqual([
      'Standard, Saudi Arabia and UAE',
      '2 to 5 business days',
    ]);
    expect(await internal.getAttribute('rel')).toContain('noopener');
    expect(await internal.getAttribute('target')).toBe('_blank');
    expect(
      await bubble.locator('.body a[href="https://nakheel.example/postal-rules"]').textContent(),
    ).toBe('postal rules');
    expect(await bubble.locator('img, script').count()).toBe(0);
    expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
    await mkdir(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: new URL('widget-table.png', SCREENSHOTS).pathname });
    expect(articlePage.url()).toBe(`${server.url}/help/en/shipping-options-and-costs`);
    expect(await articlePage.locator('h1').textContent()).toBe('Shipping options and costs');
    expect(browser.pageErrors).toEqual([]);
  });

  it('introduces an English-only answer to an Arabic customer in Arabic, each part in its own direction', async () => {
    // Prepare: the article exists only in English; the customer writes Arabic with English words.
    context = await browser.newContext();
    page = await context.newPage();
    await page.route(`${server.url}/shop-ar.html`, (route) =>
      route.fulfill({
        contentType: 'text/html; charset=utf-8',
        body: `<!doctype html><html lang="ar"><head><meta charset="utf-8"><title>متجر</title></head><body><script src="/widget.js" data-api="${server.url}" data-lang="ar" defer></script></body></html>`,
      }),
    );
    await page.goto(`${server.url}/shop-ar.html`);
    const widget = new WidgetPage(page);
    await widget.open();

    // Act
    const { bubble } = await widget.ask('كم shipping costs؟');
    const notice = bubble.locator('.notice');
    const body = bubble.locator('.body');
    await mkdir(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: new URL('widget-other-language.png', SCREENSHOTS).pathname });

    // Assess
    expect(await notice.textContent()).toBe('هذه الإجابة متوفرة بالإنجليزية فقط:');
    expect(await notice.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
    expect(await body.getAttribute('lang')).toBe('en');
    expect(await body.evaluate((el) => getComputedStyle(el).direction)).toBe('ltr');
    expect(await body.textContent()).toContain('15 SAR');
    expect(await bubble.locator('a.article').getAttribute('href')).toMatch(
      new RegExp(`^${server.url}/help/en/shipping-options-and-costs(#costs)?$`),
    );
    expect(await bubble.locator('a.article bdi').getAttribute('dir')).toBe('ltr');
  });
});

describe('the local article page', () => {
  it('renders the stored Markdown: a real table, working help-centre links, no raw HTML', async () => {
    // Prepare
    context = await browser.newContext();
    page = await context.newPage();

    // Act
    const response = await page.goto(`${server.url}/help/en/delivery-times`);
    const rows = await page.locator('table tbody tr').count();
    const headers = await page.locator('table thead th').allTextContents();
    const shownHtml = await page.locator('body').textContent();
    const hasImage = await page.locator('img').count();
    await page.locator('a[href="/help/en/shipping-options-and-costs"]').click();
    await page.waitForURL(`${server.url}/help/en/shipping-options-and-costs`, { timeout: WAIT_MS });

    // Assess
    expect(response?.status()).toBe(200);
    expect(headers).toEqual(['Delivery', 'Estimated time']);
    expect(rows).toBe(2);
    expect(shownHtml).toContain('Couriers follow the postal rules.');
    expect(shownHtml).not.toContain('onerror');
    expect(hasImage).toBe(0);
    expect(await page.locator('h1').textContent()).toBe('Shipping options and costs');
  });

  it('shows an Arabic article right to left with its table and a link to the English article', async () => {
    // Prepare
    context = await browser.newContext();
    page = await context.newPage();

    // Act
    await page.goto(`${server.url}/help/ar/delivery-times`);
    const html = page.locator('html');

    // Assess
    expect(await html.getAttribute('lang')).toBe('ar');
    expect(await html.getAttribute('dir')).toBe('rtl');
    expect(await page.locator('table').evaluate((el) => getComputedStyle(el).direction)).toBe(
      'rtl',
    );
    expect(await page.locator('table tbody td').allTextContents()).toEqual([
      'عادي',
      'من 2 إلى 5 أيام عمل',
    ]);
    expect(await page.getByRole('link', { name: 'خيارات الشحن' }).getAttribute('href')).toBe(
      '/help/en/shipping-options-and-costs',
    );
  });
});
