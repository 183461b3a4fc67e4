/**
 * The staff desk on a phone and on a desktop, in real headless Chromium against the real local
 * server, at 1280 px and at 375 px wide: sign in, the queue, an Arabic ticket (its transcript
 * also holds English lines) and an English one (also holding Arabic lines), a reply to each, and
 * the studio's list and editor, the dashboard, content gaps and suggestions. At both widths:
 *  - the page never scrolls sideways (scrollWidth ≤ innerWidth);
 *  - the header takes at most two rows (one on a desktop), with Sign out on screen and every nav
 *    link reachable (at 375 px the links scroll sideways inside the header);
 *  - every queue row is whole on screen (a card per ticket at 375 px);
 *  - a ticket opens from the queue and is claimed; the reply form's textarea takes the form's
 *    width, and after scrolling to the form the Send button is inside the viewport, on top
 *    (hit-tested) and sends the reply;
 *  - Arabic transcript lines are laid out right to left and English lines left to right (the
 *    computed direction, and which edge the first character is drawn at), and a ticket reference
 *    inside an Arabic line (the customer's, and the staff reply's) is an isolated run on one line.
 * Screenshots go to test/e2e/screenshots/ (test output, git-ignored): desk-mobile-<width>-*.png.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb } from '../../web/build.ts';
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/local-server.ts';
import { WAIT_MS, askApi } from './widget-page.ts';

const SCREENSHOTS = new URL('./screenshots/', import.meta.url);
const WRITER_TOKEN = 'e2e-desk-mobile-writer';

const VIEWPORTS = [
  { name: '1280px', width: 1280, height: 800, headerRows: 1, headerMaxPx: 64 },
  { name: '375px', width: 375, height: 667, headerRows: 2, headerMaxPx: 100 },
] as const;
type Viewport = (typeof VIEWPORTS)[number];

/** The tickets made for one viewport (each is replied to there, so each width has its own). */
interface Tickets {
  /** Arabic ticket: an English question first, then Arabic, then an Arabic hand-off request. */
  arabic: string;
  /** English ticket: an Arabic question first, then an English hand-off request. */
  english: string;
}

let server: TestServer;
let browser: TestBrowser & { pageErrors: string[] };
let dataDir: string;
let context: BrowserContext | undefined;
const tickets = new Map<string, Tickets>();

beforeAll(async () => {
  await buildWeb();
  dataDir = await mkdtemp(path.join(tmpdir(), 'mujib-desk-mobile-'));
  [server, browser] = await Promise.all([
    startTestServer({
      buildWeb: false,
      env: { MUJIB_WRITER_TOKEN: WRITER_TOKEN, MUJIB_DATA_DIR: dataDir },
    }),
    launchBrowser(),
  ]);
  for (const viewport of VIEWPORTS) tickets.set(viewport.name, await openTickets());
  await mkdir(SCREENSHOTS, { recursive: true });
}, 60_000);

afterEach(async () => {
  await context?.close();
  context = undefined;
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** Opens the two tickets through POST /api/chat, as customers in the widget would. */
async function openTickets(): Promise<Tickets> {
  const arFirst = await askApi(server.url, 'How long does a refund take?', { lang: 'en' });
  const arSession = { sessionId: arFirst.sessionId, lang: 'ar' };
  await askApi(server.url, 'كم يستغرق استرداد المبلغ؟', arSession);
  const arabic = (await askApi(server.url, 'أبغى أكلم موظف لو سمحت', arSession)).reply.ticketRef;
  // the customer quotes the reference back: an Arabic line with a Latin reference inside
  await askApi(server.url, `رقم تذكرتي ${arabic} متى بيردون علي؟`, arSession);

  const enFirst = await askApi(server.url, 'كم يستغرق استرداد المبلغ؟', { lang: 'ar' });
  const english = (
    await askApi(server.url, 'I want to talk to a human about my refund', {
      sessionId: enFirst.sessionId,
      lang: 'en',
    })
  ).reply.ticketRef;
  if (!arabic || !english) throw new Error('a hand-off request did not open a ticket');
  return { arabic, english };
}

async function openDesk(viewport: Viewport): Promise<Page> {
  context = await browser.newContext();
  const page = await context.newPage();
  await page.setViewportSize({ width: viewport.width, height: viewport.height });
  await page.goto(`${server.url}/staff`);
  await page.locator('#token').fill(WRITER_TOKEN);
  await page.locator('#name').fill('Noura Al-Harbi');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('#filter-status').waitFor({ timeout: WAIT_MS });
  // a writer sees all five links: the widest header there is
  await page.locator('nav a[href="#/suggestions"]').waitFor({ timeout: WAIT_MS });
  return page;
}

function screenshot(page: Page, viewport: Viewport, name: string): Promise<Buffer> {
  const file = new URL(`desk-mobile-${viewport.width}-${name}.png`, SCREENSHOTS).pathname;
  return page.screenshot({ path: file, fullPage: true });
}

/** How far the page scrolls sideways (0 when it does not). */
function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/** Whether the element is wholly inside the viewport and is what a tap at its centre hits. */
function onScreenAndOnTop(locator: Locator): Promise<{ inside: boolean; onTop: boolean }> {
  return locator.evaluate((element) => {
    const box = element.getBoundingClientRect();
    const inside =
      box.width > 0 &&
      box.left >= 0 &&
      box.top >= 0 &&
      box.right <= window.innerWidth &&
      box.bottom <= window.innerHeight;
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return { inside, onTop: !!hit && (hit === element || element.contains(hit)) };
  });
}

/** The header's height and its rows (visible items grouped by their vertical position). */
function headerLayout(page: Page): Promise<{ height: number; rows: number; linkTops: number[] }> {
  return page.evaluate(() => {
    const header = document.querySelector('header.bar') as HTMLElement;
    const items = [...header.querySelectorAll<HTMLElement>('.brand, nav a, .who, #sign-out')]
      .map((element) => element.getBoundingClientRect())
      .filter((box) => box.width > 0 && box.height > 0);
    const rows: { top: number; bottom: number }[] = [];
    for (const box of items) {
      const row = rows.find((r) => box.top < r.bottom && box.bottom > r.top);
      if (row) {
        row.top = Math.min(row.top, box.top);
        row.bottom = Math.max(row.bottom, box.bottom);
      } else rows.push({ top: box.top, bottom: box.bottom });
    }
    const linkTops = [...header.querySelectorAll<HTMLElement>('nav a')]
      .filter((link) => !link.hidden)
      .map((link) => Math.round(link.getBoundingClientRect().top));
    return { height: header.getBoundingClientRect().height, rows: rows.length, linkTops };
  });
}

/**
 * Each transcript line's text, computed direction and where its first character is drawn: at
 * the line box's left or right edge (measured on the rendered glyph, not read from the CSS).
 */
function transcriptLines(
  page: Page,
): Promise<{ text: string; direction: string; startsAt: 'left' | 'right' | 'elsewhere' }[]> {
  return page.locator('.turn .turn-text').evaluateAll((lines) =>
    lines.map((line) => {
      const box = line.getBoundingClientRect();
      // the first character's glyph box
      const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
      const firstText = walker.nextNode();
      const range = document.createRange();
      if (firstText) range.setStart(firstText, 0);
      if (firstText) range.setEnd(firstText, Math.min(1, firstText.textContent?.length ?? 0));
      const first = firstText ? range.getBoundingClientRect() : undefined;
      const startsAt = !first
        ? 'elsewhere'
        : Math.abs(first.left - box.left) < 2
          ? 'left'
          : Math.abs(first.right - box.right) < 2
            ? 'right'
            : 'elsewhere';
      return {
        text: line.textContent ?? '',
        direction: getComputedStyle(line).direction,
        startsAt: startsAt as 'left' | 'right' | 'elsewhere',
      };
    }),
  );
}

/** Arabic when most of its letters are Arabic. */
function isArabic(text: string): boolean {
  const arabic = text.match(/\p{Script=Arabic}/gu)?.length ?? 0;
  const latin = text.match(/\p{Script=Latin}/gu)?.length ?? 0;
  return arabic > latin;
}

/** Opens a ticket from the queue by its reference and claims it (a reply needs a claim). */
async function openAndClaim(page: Page, ref: string): Promise<void> {
  const link = page.locator(`table.queue a:text-is("${ref}")`);
  await link.scrollIntoViewIfNeeded();
  await link.click();
  await page.locator('.status-line').waitFor({ timeout: WAIT_MS });
  await page.getByRole('button', { name: 'Claim' }).click();
  await page.getByText('claimed by Noura Al-Harbi').waitFor({ timeout: WAIT_MS });
}

/** Scrolls to the reply form, checks what a phone user needs of it, and sends `text`. */
async function replyFromForm(page: Page, text: string) {
  const form = page.locator('form.reply');
  await form.evaluate((element) => element.scrollIntoView({ block: 'start' }));
  const widths = await form.evaluate((element) => {
    const style = getComputedStyle(element);
    const inner =
      element.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    return { textarea: element.querySelector('textarea')?.getBoundingClientRect().width, inner };
  });
  const send = page.getByRole('button', { name: 'Send reply' });
  const placement = await onScreenAndOnTop(send);
  await page.locator('#reply-text').fill(text);
  await send.click();
  await page.locator('.staff-reply', { hasText: text }).waitFor({ timeout: WAIT_MS });
  return {
    widths,
    placement,
    status: await page.locator('.page > p[role="status"]').textContent(),
  };
}

describe.each(VIEWPORTS)('the staff desk at $name', (viewport) => {
  it('shows the queue without sideways scrolling, every row whole, and a header of few rows', async () => {
    // Prepare
    const { arabic, english } = tickets.get(viewport.name) ?? { arabic: '', english: '' };
    const page = await openDesk(viewport);
    await page.locator(`tr[data-ref="${arabic}"]`).waitFor({ timeout: WAIT_MS });

    // Act
    const overflow = await sidewaysOverflow(page);
    const header = await headerLayout(page);
    const signOut = await onScreenAndOnTop(page.getByRole('button', { name: 'Sign out' }));
    const rows = await page.locator('table.queue tbody tr').evaluateAll((trs) =>
      trs.map((tr) => {
        const box = tr.getBoundingClientRect();
        const question = tr.querySelector('td.question')?.getBoundingClientRect();
        return {
          ref: tr.getAttribute('data-ref'),
          whole: box.left >= 0 && box.right <= window.innerWidth,
          questionWhole: !!question && question.left >= 0 && question.right <= window.innerWidth,
        };
      }),
    );
    await screenshot(page, viewport, 'queue');
    // the last nav link can be brought on screen (the links scroll sideways in the header)
    const last = page.locator('nav a[href="#/suggestions"]');
    await last.evaluate((link) => link.scrollIntoView({ inline: 'end', block: 'nearest' }));
    const lastLink = await onScreenAndOnTop(last);
    const overflowAfterNavScroll = await sidewaysOverflow(page);

    // Assess
    expect(overflow).toBeLessThanOrEqual(0);
    expect(header.rows).toBeLessThanOrEqual(viewport.headerRows);
    expect(header.height).toBeLessThanOrEqual(viewport.headerMaxPx);
    expect(new Set(header.linkTops).size).toBe(1); // the nav links never wrap
    expect(signOut).toEqual({ inside: true, onTop: true });
    expect(lastLink).toEqual({ inside: true, onTop: true });
    expect(overflowAfterNavScroll).toBeLessThanOrEqual(0);
    expect(rows.map((row) => row.ref)).toEqual(expect.arrayContaining([arabic, english]));
    for (const row of rows) expect(row).toMatchObject({ whole: true, questionWhole: true });
  });

  it('lays out an Arabic ticket right to left line by line and sends a reply from the form', async () => {
    // Prepare
    const { arabic } = tickets.get(viewport.name) ?? { arabic: '' };
    const page = await openDesk(viewport);
    await openAndClaim(page, arabic);

    // Act
    const lines = await transcriptLines(page);
    const ref = page.locator('.turn .turn-text bdi.ref', { hasText: arabic });
    const refRun = await ref.evaluate((bdi) => ({
      dir: bdi.getAttribute('dir'),
      text: bdi.textContent,
      boxes: bdi.getClientRects().length,
      lineDirection: getComputedStyle(bdi.parentElement as HTMLElement).direction,
    }));
    const reply = await replyFromForm(
      page,
      `أهلاً، تم إصدار المبلغ المسترد اليوم. مرجعك ${arabic}.`,
    );
    const replyRef = await page
      .locator('.staff-reply .turn-text bdi.ref', { hasText: arabic })
      .evaluate((bdi) => ({
        boxes: bdi.getClientRects().length,
        lineDirection: getComputedStyle(bdi.parentElement as HTMLElement).direction,
      }));
    await screenshot(page, viewport, 'ticket-ar');
    const overflow = await sidewaysOverflow(page);

    // Assess
    expect(lines.filter((line) => isArabic(line.text)).length).toBeGreaterThanOrEqual(3);
    expect(lines.filter((line) => !isArabic(line.text)).length).toBeGreaterThanOrEqual(2);
    for (const line of lines) {
      expect(line).toMatchObject(
        isArabic(line.text)
          ? { direction: 'rtl', startsAt: 'right' }
          : { direction: 'ltr', startsAt: 'left' },
      );
    }
    expect(lines.find((line) => line.text === 'How long does a refund take?')?.direction).toBe(
      'ltr',
    );
    expect(lines.find((line) => line.text === 'أبغى أكلم موظف لو سمحت')?.direction).toBe('rtl');
    expect(refRun).toEqual({ dir: 'ltr', text: arabic, boxes: 1, lineDirection: 'rtl' });
    expect(replyRef).toEqual({ boxes: 1, lineDirection: 'rtl' });
    expect(reply.placement).toEqual({ inside: true, onTop: true });
    expect(reply.widths.textarea).toBeGreaterThanOrEqual(reply.widths.inner - 1);
    expect(reply.status).toBe('Reply sent.');
    expect(overflow).toBeLessThanOrEqual(0);
  });

  it('lays out an English ticket left to right (its Arabic line right to left) and replies', async () => {
    // Prepare
    const { english } = tickets.get(viewport.name) ?? { english: '' };
    const page = await openDesk(viewport);
    await openAndClaim(page, english);

    // Act
    const lines = await transcriptLines(page);
    const reply = await replyFromForm(page, 'Your refund was issued today; it shows in 5 days.');
    await screenshot(page, viewport, 'ticket-en');
    const overflow = await sidewaysOverflow(page);

    // Assess
    expect(lines.find((line) => line.text === 'كم يستغرق استرداد المبلغ؟')).toMatchObject({
      direction: 'rtl',
      startsAt: 'right',
    });
    expect(
      lines.find((line) => line.text === 'I want to talk to a human about my refund'),
    ).toMatchObject({ direction: 'ltr', startsAt: 'left' });
    for (const line of lines) {
      expect(line.direction).toBe(isArabic(line.text) ? 'rtl' : 'ltr');
    }
    expect(reply.placement).toEqual({ inside: true, onTop: true });
    expect(reply.widths.textarea).toBeGreaterThanOrEqual(reply.widths.inner - 1);
    expect(reply.status).toBe('Reply sent.');
    expect(overflow).toBeLessThanOrEqual(0);
  });

  it('shows the studio list and an article editor without sideways scrolling', async () => {
    // Prepare
    const page = await openDesk(viewport);

    // Act
    await page.locator('nav a[href="#/studio"]').click();
    const firstArticle = page.locator('.page a[href^="#/studio/en/"]').first();
    await firstArticle.waitFor({ timeout: WAIT_MS });
    const listOverflow = await sidewaysOverflow(page);
    await screenshot(page, viewport, 'studio');
    await firstArticle.click();
    await page.locator('#studio-source').waitFor({ timeout: WAIT_MS });
    await page
      .locator('#lint-summary')
      .filter({ hasNotText: 'Checking' })
      .waitFor({ timeout: WAIT_MS });
    const editorOverflow = await sidewaysOverflow(page);
    const header = await headerLayout(page);
    await screenshot(page, viewport, 'studio-editor');

    // Assess
    expect(new URL(page.url()).hash).toMatch(/^#\/studio\/en\/[\w-]+$/);
    expect(listOverflow).toBeLessThanOrEqual(0);
    expect(editorOverflow).toBeLessThanOrEqual(0);
    expect(header.rows).toBeLessThanOrEqual(viewport.headerRows);
  });

  it('shows the dashboard, content gaps and suggestions without sideways scrolling', async () => {
    // Prepare
    const page = await openDesk(viewport);
    const overflow: Record<string, number> = {};

    // Act
    for (const [name, ready] of [
      ['Content gaps', '.page h1'],
      ['Suggestions', '.page h1'],
      ['Dashboard', '.chart-card'],
    ] as const) {
      const link = page.locator('nav a', { hasText: name });
      await link.scrollIntoViewIfNeeded();
      await link.click();
      await page.locator(ready).first().waitFor({ timeout: WAIT_MS });
      overflow[name] = await sidewaysOverflow(page);
    }
    await screenshot(page, viewport, 'dashboard');

    // Assess
    expect(overflow).toEqual({ 'Content gaps': 0, Suggestions: 0, Dashboard: 0 });
    expect(browser.pageErrors).toEqual([]);
  });
});
