/**
 * The chat widget's right-to-left and mixed text, in real headless Chromium against the real
 * local server, on the English and the Arabic demo pages, at desktop width and at 375 px:
 * a question in the other language keeps its question mark at its own visual end, the hand-off
 * names the ticket "رقم تذكرتك" (not "رقم طلبك", your order number), a ticket reference is one
 * isolated run that never breaks across lines, the page never scrolls sideways, and a staff
 * reply that arrived while the widget was closed is in view when it is opened again.
 * Positions are measured from the rendered glyphs (Range boxes), not judged from screenshots;
 * the screenshots go to test/e2e/screenshots/ (test output, git-ignored).
 */
import { mkdir } from 'node:fs/promises';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb } from '../../web/build.ts';
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/local-server.ts';
import { WAIT_MS, WidgetPage, staffApi } from './widget-page.ts';

const SCREENSHOTS = new URL('./screenshots/', import.meta.url);

const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: '375px', width: 375, height: 667 },
] as const;

const DEMO_PAGES = [
  {
    name: 'Arabic',
    file: 'ar',
    path: '/ar.html',
    dir: 'rtl',
    /** A question in the page's other language, and the mark that must end it visually. */
    foreign: { text: 'How do I track my order?', dir: 'ltr', mark: '?' },
    askForPerson: 'أريد التحدث مع موظف',
    handOffWords: 'رقم تذكرتك',
    refLabel: 'رقم تذكرتك',
  },
  {
    name: 'English',
    file: 'en',
    path: '/',
    dir: 'ltr',
    foreign: { text: 'كيف أتتبع طلبي؟', dir: 'rtl', mark: '؟' },
    askForPerson: 'I want to talk to a human',
    handOffWords: 'Your reference is',
    refLabel: 'Your reference',
  },
] as const;

let server: TestServer;
let browser: TestBrowser & { pageErrors: string[] };
let context: BrowserContext;

beforeAll(async () => {
  await buildWeb();
  server = await startTestServer({ buildWeb: false });
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

afterEach(async () => {
  await context?.close();
});

async function openDemo(
  path: string,
  viewport: { width: number; height: number },
  options: { pollMs?: number; reducedMotion?: 'reduce' | 'no-preference' } = {},
): Promise<{ page: Page; widget: WidgetPage }> {
  context = await browser.newContext();
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  if (options.reducedMotion) await page.emulateMedia({ reducedMotion: options.reducedMotion });
  if (options.pollMs) {
    // the demo page as served, with a faster poll for staff replies
    await page.route(`${server.url}${path}`, async (route) => {
      const response = await route.fetch();
      const body = (await response.text()).replace(
        'src="/widget.js"',
        `src="/widget.js" data-poll-ms="${options.pollMs}"`,
      );
      await route.fulfill({ response, body });
    });
  }
  await page.goto(`${server.url}${path}`);
  const widget = new WidgetPage(page);
  await widget.open();
  return { page, widget };
}

interface GlyphBox {
  ch: string;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** The box of every non-space character of the text under `el` (outside `skip`), in order. */
function glyphBoxes(target: Locator, skip = '.sr'): Promise<GlyphBox[]> {
  return target.evaluate((el, skipSelector) => {
    const boxes: GlyphBox[] = [];
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement?.closest(skipSelector)) continue;
      const text = node.textContent ?? '';
      for (let i = 0; i < text.length; i += 1) {
        if (/\s/.test(text[i] ?? '')) continue;
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const r = range.getBoundingClientRect();
        boxes.push({
          ch: text[i] ?? '',
          left: r.left,
          right: r.right,
          top: r.top,
          bottom: r.bottom,
        });
      }
    }
    return boxes;
  }, skip);
}

/** Boxes on the same line as `box` (their vertical middles within its height). */
function sameLine(boxes: GlyphBox[], box: GlyphBox): GlyphBox[] {
  return boxes.filter((b) => {
    const middle = (b.top + b.bottom) / 2;
    return middle > box.top && middle < box.bottom;
  });
}

/** No horizontal scrolling: the page, the panel and the conversation fit the viewport. */
async function expectNoSidewaysScroll(page: Page, widget: WidgetPage): Promise<void> {
  const sizes = await page.evaluate(() => ({
    scrollWidth: document.scrollingElement?.scrollWidth ?? Infinity,
    innerWidth: window.innerWidth,
    // the store page's own elements, none cut off at either edge
    outside: [...document.querySelectorAll('body *')]
      .map((el) => ({ el, box: el.getBoundingClientRect() }))
      .filter(({ box }) => box.width > 0 && (box.left < 0 || box.right > window.innerWidth))
      .map(({ el }) => el.outerHTML.slice(0, 80)),
  }));
  const panel = await widget.panel.boundingBox();
  const log = await widget.log.evaluate((el) => ({
    scroll: el.scrollWidth,
    client: el.clientWidth,
  }));
  expect(sizes.scrollWidth).toBeLessThanOrEqual(sizes.innerWidth);
  expect(sizes.outside).toEqual([]);
  expect(panel?.x).toBeGreaterThanOrEqual(0);
  expect((panel?.x ?? 0) + (panel?.width ?? Infinity)).toBeLessThanOrEqual(sizes.innerWidth);
  expect(log.scroll).toBeLessThanOrEqual(log.client);
}

/**
 * For every width of `bubble` from 120 px to its natural width, how `ref` lays out: its line
 * boxes, its top, and whether its characters run left to right on one line.
 */
function refLayoutAtWidths(
  bubble: Locator,
): Promise<{ width: number; lines: number; top: number; inOrder: boolean }[]> {
  return bubble.evaluate((el) => {
    const box = el as HTMLElement;
    const ref = box.querySelector('.body bdi.ref');
    const text = ref?.firstChild;
    if (!ref || !text) return [];
    const natural = box.getBoundingClientRect().width;
    const results: { width: number; lines: number; top: number; inOrder: boolean }[] = [];
    for (let width = 120; width <= natural; width += 4) {
      box.style.width = `${width}px`;
      box.style.maxWidth = 'none';
      const lefts: number[] = [];
      const tops = new Set<number>();
      for (let i = 0; i < (text.textContent ?? '').length; i += 1) {
        const range = document.createRange();
        range.setStart(text, i);
        range.setEnd(text, i + 1);
        const r = range.getBoundingClientRect();
        lefts.push(r.left);
        tops.add(Math.round(r.top));
      }
      results.push({
        width,
        lines: ref.getClientRects().length,
        top: Math.round(ref.getBoundingClientRect().top - box.getBoundingClientRect().top),
        inOrder: tops.size === 1 && lefts.every((x, i) => i === 0 || x > (lefts[i - 1] ?? 0)),
      });
    }
    box.style.width = '';
    box.style.maxWidth = '';
    return results;
  });
}

for (const demo of DEMO_PAGES) {
  for (const viewport of VIEWPORTS) {
    describe(`the ${demo.name} demo page at ${viewport.name}`, () => {
      it(`shows a question in the other language with its "${demo.foreign.mark}" at its visual end`, async () => {
        // Prepare
        const { page, widget } = await openDemo(demo.path, viewport);
        const emptyInputDirection = await widget.input.evaluate(
          (el) => getComputedStyle(el).direction,
        );
        await widget.input.fill(demo.foreign.text);
        const inputDirection = await widget.input.evaluate((el) =>
          el.matches(':dir(ltr)') ? 'ltr' : 'rtl',
        );

        // Act
        const { bubble: reply } = await widget.ask(demo.foreign.text);
        const question = page.locator('#mujib-chat .msg.user').last();
        const glyphs = await glyphBoxes(question);
        const direction = await question.evaluate((el) => getComputedStyle(el).direction);
        const replyBody = await reply
          .locator('.body')
          .evaluate((el) => getComputedStyle(el).direction);
        const replyLabel = await reply
          .locator('.who')
          .evaluate((el) => getComputedStyle(el).direction);

        // Assess: the question is laid out in its own direction inside the other-direction
        // widget; its mark is the last glyph of its last line, at the right (LTR) or left (RTL)
        expect(await widget.panel.getAttribute('dir')).toBe(demo.dir);
        expect(emptyInputDirection).toBe(demo.dir); // the placeholder is in the page's language
        expect(inputDirection).toBe(demo.foreign.dir);
        expect(direction).toBe(demo.foreign.dir);
        expect(glyphs.map((g) => g.ch).join('')).toBe(demo.foreign.text.replace(/\s/g, ''));
        const mark = glyphs[glyphs.length - 1] as GlyphBox;
        const first = glyphs[0] as GlyphBox;
        expect(mark.ch).toBe(demo.foreign.mark);
        expect(mark.top).toBeGreaterThanOrEqual(Math.max(...glyphs.map((g) => g.top)) - 1);
        const line = sameLine(glyphs, mark);
        if (demo.foreign.dir === 'ltr') {
          expect(mark.right).toBe(Math.max(...line.map((g) => g.right)));
          expect(first.left).toBe(Math.min(...sameLine(glyphs, first).map((g) => g.left)));
        } else {
          expect(mark.left).toBe(Math.min(...line.map((g) => g.left)));
          expect(first.right).toBe(Math.max(...sameLine(glyphs, first).map((g) => g.right)));
        }
        // the reply is in the question's language; the widget's own label stays in the page's
        expect(replyBody).toBe(demo.foreign.dir);
        expect(replyLabel).toBe(demo.dir);
        await expectNoSidewaysScroll(page, widget);
        expect(browser.pageErrors).toEqual([]);
      });

      it('names the ticket correctly and keeps its reference one isolated run on one line', async () => {
        // Prepare
        const { page, widget } = await openDemo(demo.path, viewport);

        // Act
        const { json, bubble } = await widget.ask(demo.askForPerson);
        const ref = json.reply.ticketRef ?? '';
        const body = bubble.locator('.body');
        const refs = bubble.locator('bdi.ref');
        const styles = await refs.evaluateAll((els) =>
          els.map((el) => ({
            text: el.textContent,
            nodes: el.childNodes.length,
            bidi: getComputedStyle(el).unicodeBidi,
            direction: getComputedStyle(el).direction,
            whiteSpace: getComputedStyle(el).whiteSpace,
            lines: el.getClientRects().length,
          })),
        );
        const refGlyphs = await glyphBoxes(bubble.locator('.body bdi.ref'));
        const oneChar = refGlyphs[0] as GlyphBox;
        const refBox = await bubble.locator('.body bdi.ref').boundingBox();
        const atWidths = await refLayoutAtWidths(bubble);
        const label = await glyphBoxes(bubble.locator('p.note'), 'bdi');
        const noteRef = await bubble.locator('p.note bdi.ref').boundingBox();
        await mkdir(SCREENSHOTS, { recursive: true });
        await page.screenshot({
          path: new URL(`widget-rtl-${demo.file}-${viewport.name}.png`, SCREENSHOTS).pathname,
        });

        // Assess: the wording
        expect(json.reply.kind).toBe('escalate');
        expect(ref).toMatch(/^MJ-[0-9A-Z]{6}$/);
        expect(await body.textContent()).toContain(`${demo.handOffWords} ${ref}.`);
        expect(await body.textContent()).not.toContain('رقم طلبك');
        expect(await bubble.locator('p.note').textContent()).toBe(`${demo.refLabel}: ${ref}`);
        // one isolated, left-to-right, unbreakable run, in the text and in the note
        expect(styles).toEqual(
          [1, 2].map(() => ({
            text: ref,
            nodes: 1,
            bidi: 'isolate',
            direction: 'ltr',
            whiteSpace: 'nowrap',
            lines: 1,
          })),
        );
        expect(refGlyphs.map((g) => g.ch).join('')).toBe(ref);
        expect(refGlyphs.every((g, i) => i === 0 || g.left > (refGlyphs[i - 1]?.left ?? 0))).toBe(
          true,
        );
        expect(refBox?.height).toBeCloseTo(oneChar.bottom - oneChar.top, 0);
        // at every bubble width it stays whole, wherever the line breaks put it
        expect(atWidths.length).toBeGreaterThan(10);
        expect(atWidths.filter((w) => w.lines !== 1 || !w.inOrder)).toEqual([]);
        expect(new Set(atWidths.map((w) => w.top)).size).toBeGreaterThan(1);
        // the label comes first in reading order: right of the reference in Arabic, left in English
        if (demo.dir === 'rtl') {
          expect(Math.min(...label.map((g) => g.left))).toBeGreaterThanOrEqual(
            (noteRef?.x ?? Infinity) + (noteRef?.width ?? 0),
          );
        } else {
          expect(Math.max(...label.map((g) => g.right))).toBeLessThan(noteRef?.x ?? -Infinity);
        }
        await expectNoSidewaysScroll(page, widget);
        expect(browser.pageErrors).toEqual([]);
      });
    });
  }
}

describe('a staff reply that arrived while the widget was closed', () => {
  for (const [viewport, reducedMotion] of [
    [VIEWPORTS[1], 'reduce'],
    [VIEWPORTS[0], 'no-preference'],
  ] as const) {
    it(`is in view, mixed text isolated, when the widget is opened again (${viewport.name}, motion: ${reducedMotion})`, async () => {
      // Prepare: a conversation longer than the log, read back from the top, then closed
      const { page, widget } = await openDemo('/ar.html', viewport, {
        pollMs: 500,
        reducedMotion,
      });
      await widget.ask('كيف أتتبع طلبي؟');
      await widget.ask('كيف أعيد تعيين كلمة المرور؟');
      const { json } = await widget.ask('أريد التحدث مع موظف');
      const ref = json.reply.ticketRef ?? '';
      const overflow = await widget.log.evaluate((el) => el.scrollHeight / el.clientHeight);
      await widget.log.evaluate((el) => el.scrollTo({ top: 0, behavior: 'instant' }));
      await page.locator('#mujib-chat .close').click();
      await staffApi(server, 'POST', `/api/staff/tickets/${ref}/claim`, {});
      const sent = await staffApi(server, 'POST', `/api/staff/tickets/${ref}/reply`, {
        text: 'تم شحن Palm-leaf cushion اليوم، ويصل خلال 2–5 أيام عمل.',
      });
      await page
        .locator('#mujib-chat .launcher[aria-label="افتح محادثة المساعدة (رد جديد)"]')
        .waitFor({ timeout: WAIT_MS });

      // Act
      await widget.launcher.click();
      const staff = page.locator('#mujib-chat .msg.staff');
      const inView = () =>
        staff.evaluate((el) => {
          const log = el.parentElement as HTMLElement;
          const box = el.getBoundingClientRect();
          const view = log.getBoundingClientRect();
          return box.top >= view.top - 1 && box.bottom <= view.bottom + 1;
        });
      const atOnce = await inView();
      await page.waitForFunction(
        () => {
          const host = document.getElementById('mujib-chat');
          const el = host?.shadowRoot?.querySelector('.msg.staff');
          const log = el?.parentElement;
          if (!el || !log) return false;
          const box = el.getBoundingClientRect();
          const view = log.getBoundingClientRect();
          return box.top >= view.top - 1 && box.bottom <= view.bottom + 1;
        },
        undefined,
        { timeout: WAIT_MS },
      );
      const product = staff.locator('.body bdi.run');
      const productGlyphs = await glyphBoxes(product);
      await mkdir(SCREENSHOTS, { recursive: true });
      await page.screenshot({
        path: new URL(`widget-rtl-staff-reply-${viewport.name}.png`, SCREENSHOTS).pathname,
      });

      // Assess
      expect(sent.status).toBe(200);
      expect(overflow).toBeGreaterThan(1.5);
      if (reducedMotion === 'reduce') expect(atOnce).toBe(true); // no animation: in view at once
      expect(await inView()).toBe(true);
      expect(await staff.locator('.who bdi.ref').textContent()).toBe(ref);
      expect(await staff.locator('.body p').evaluate((el) => getComputedStyle(el).direction)).toBe(
        'rtl',
      );
      expect(await product.textContent()).toBe('Palm-leaf cushion');
      expect(await product.evaluate((el) => getComputedStyle(el).direction)).toBe('ltr');
      expect(productGlyphs.map((g) => g.ch).join('')).toBe('Palm-leafcushion');
      // the English name reads left to right inside the Arabic line
      const cushion = productGlyphs.slice(-7);
      expect(cushion.every((g, i) => i === 0 || g.left > (cushion[i - 1]?.left ?? 0))).toBe(true);
      expect(productGlyphs[0]?.left).toBeLessThan(cushion[0]?.left ?? -Infinity);
      await expectNoSidewaysScroll(page, widget);
      expect(browser.pageErrors).toEqual([]);
    });
  }
});
