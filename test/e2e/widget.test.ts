/**
 * The chat widget in real headless Chromium against the real local server (app, dynalite,
 * index built from knowledge/): answers with article links and feedback, "did you mean" options,
 * hand-off to a person with email and staff reply, Arabic RTL, keyboard-only use, and a retried
 * message that must not open a second ticket.
 */
import { mkdir } from 'node:fs/promises';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { buildWeb } from '../../web/build.ts';
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/local-server.ts';
import { WAIT_MS, WidgetPage, findAmbiguousQuestion, staffApi } from './widget-page.ts';

/**
 * Short, vague questions; the test uses the first that produces "did you mean" on a server with
 * a wide clarify band.
 */
const VAGUE_QUESTIONS = [
  'money back',
  'return shipping',
  'broken',
  'delete',
  'return',
  'item',
  'change',
  'email',
];

const SCREENSHOTS = new URL('./screenshots/', import.meta.url);

let server: TestServer;
let browser: TestBrowser & { pageErrors: string[] };
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  await buildWeb();
  server = await startTestServer({ buildWeb: false });
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openDemoPage(url = server.url): Promise<WidgetPage> {
  context = await browser.newContext();
  page = await context.newPage();
  await page.goto(`${url}/`);
  return new WidgetPage(page);
}

afterEach(async () => {
  await context?.close();
});

describe('chat widget', () => {
  it('answers a help-centre question with the article link and records a thumbs up', async () => {
    // Prepare
    const widget = await openDemoPage();
    await widget.open();

    // Act
    const { json, bubble } = await widget.ask('How do I reset my password?');
    const link = bubble.locator('a.article');
    const href = await link.getAttribute('href');
    await bubble.getByRole('button', { name: 'Helpful', exact: true }).click();
    await bubble.getByText('Thanks for your feedback.').waitFor({ timeout: WAIT_MS });

    // Assess
    expect(json.reply.kind).toBe('answer');
    expect(await link.textContent()).toContain('Read the full article');
    expect(href).toMatch(new RegExp(`^${server.url}/help/en/reset-password`));
    expect((await fetch(href ?? '')).status).toBe(200);
    expect(await bubble.getByRole('button', { name: 'Helpful', exact: true }).isDisabled()).toBe(
      true,
    );
    expect(await bubble.getByRole('button', { name: 'Not helpful' }).isDisabled()).toBe(true);
    expect(await widget.sessionId()).toBe(json.sessionId);
    const turn = await server.app.sessionLog.getTurn(json.sessionId, json.messageId);
    expect(turn?.feedback).toBe('up');
    await mkdir(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: new URL('widget.png', SCREENSHOTS).pathname });
    expect(browser.pageErrors).toEqual([]);
  });

  it('offers "did you mean" options for a vague question and answers the one clicked', async () => {
    // Prepare: a server whose thresholds make close calls of vague questions, so the test does
    // not depend on where the tuned thresholds fall on the sample articles.
    const clarifying = await startTestServer({
      buildWeb: false,
      env: {
        MUJIB_THRESHOLD_ANSWER: '1',
        MUJIB_THRESHOLD_CLARIFY: '0.0001',
        MUJIB_THRESHOLD_CLARIFY_MARGIN: '1',
      },
    });
    onTestFinished(() => clarifying.close());
    const question = await findAmbiguousQuestion(clarifying.url, VAGUE_QUESTIONS);
    const widget = await openDemoPage(clarifying.url);
    await widget.open();
    const { json, bubble } = await widget.ask(question);
    const option = json.reply.options?.[0];

    // Act
    const [request] = await Promise.all([
      page.waitForRequest((r) => new URL(r.url()).pathname === '/api/chat'),
      bubble.getByRole('button', { name: option?.title ?? '?', exact: true }).click(),
    ]);
    const answer = widget.botReplies('answer').last();
    await answer.waitFor({ timeout: WAIT_MS });

    // Assess
    expect(json.reply.kind).toBe('clarify');
    expect(await bubble.locator('.options button').count()).toBe(json.reply.options?.length);
    expect(request.postDataJSON()).toMatchObject({
      text: option?.title,
      choice: option?.articleId,
      sessionId: json.sessionId,
    });
    expect(await answer.locator('a.article').getAttribute('href')).toContain(
      `/help/en/${option?.articleId}`,
    );
    expect(await bubble.locator('.options button').first().isDisabled()).toBe(true);
  });

  it('hands over to a person, keeps the email left, and shows the staff reply', async () => {
    // Prepare
    const widget = await openDemoPage();
    await widget.open();

    // Act
    const { json, bubble } = await widget.ask('I want to talk to a human');
    const ref = json.reply.ticketRef ?? '';
    await bubble.getByLabel(/Email/).fill('customer@example.com');
    await bubble.getByRole('button', { name: 'Send email' }).click();
    await bubble.getByText('we will also reply to you by email').waitFor({ timeout: WAIT_MS });
    const ticket = await staffApi<{ contact: { email?: string } }>(
      server,
      'GET',
      `/api/staff/tickets/${ref}`,
    );
    await staffApi(server, 'POST', `/api/staff/tickets/${ref}/claim`, {});
    const reply = await staffApi(server, 'POST', `/api/staff/tickets/${ref}/reply`, {
      text: 'Hello from **Nadia** at support: your parcel left today.',
    });
    const staffMessage = page.locator('#mujib-chat .msg.staff');
    await staffMessage.waitFor({ timeout: WAIT_MS });

    // Assess
    expect(json.reply.kind).toBe('escalate');
    expect(ref).not.toBe('');
    expect(await bubble.locator('p.note .ref').textContent()).toBe(ref);
    expect(ticket.json.contact.email).toBe('customer@example.com');
    expect(reply.status).toBe(200);
    expect(await staffMessage.textContent()).toContain('your parcel left today.');
    expect(await staffMessage.locator('strong').textContent()).toBe('Nadia');
    expect(await staffMessage.textContent()).toContain(ref);
  });

  it('retries a failed message with the same messageId and opens only one ticket', async () => {
    // Prepare: the first delivery reaches the server, but the browser sees a network error
    const widget = await openDemoPage();
    const bodies: { messageId: string }[] = [];
    await page.route('**/api/chat', async (route) => {
      bodies.push(route.request().postDataJSON() as { messageId: string });
      const response = await route.fetch();
      if (bodies.length === 1) await route.abort('failed');
      else await route.fulfill({ response });
    });
    await widget.open();

    // Act
    const { json } = await widget.ask('Please connect me with a real person, my order never came');

    // Assess
    expect(bodies).toHaveLength(2);
    expect(bodies[1]?.messageId).toBe(bodies[0]?.messageId);
    expect(json.duplicate).toBe(true);
    expect(await widget.botReplies('escalate').count()).toBe(1);
    const open = await staffApi<{ items: { ref: string; sessionId: string }[] }>(
      server,
      'GET',
      '/api/staff/tickets?status=open&limit=100',
    );
    expect(open.json.items.filter((t) => t.sessionId === json.sessionId)).toHaveLength(1);
  });

  it('speaks Arabic right to left when embedded with data-lang="ar"', async () => {
    // Prepare: a host page on the same origin with the one-tag embed
    context = await browser.newContext();
    page = await context.newPage();
    await page.route(`${server.url}/shop-ar.html`, (route) =>
      route.fulfill({
        contentType: 'text/html; charset=utf-8',
        body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>متجر</title></head><body><p>Nakheel</p><script src="/widget.js" data-api="${server.url}" data-lang="ar" defer></script></body></html>`,
      }),
    );
    await page.goto(`${server.url}/shop-ar.html`);
    const widget = new WidgetPage(page);

    // Act
    await page.getByRole('button', { name: 'افتح محادثة المساعدة' }).click();
    const { json, bubble } = await widget.ask('كيف أعيد تعيين كلمة المرور؟');

    // Assess
    expect(await widget.panel.getAttribute('dir')).toBe('rtl');
    expect(await widget.input.getAttribute('placeholder')).toBe('اكتب سؤالك…');
    expect(await page.locator('#mujib-chat .send').textContent()).toBe('إرسال');
    expect(json.reply.kind).toBe('answer');
    expect(json.reply.article?.url).toContain('/help/ar/');
    expect(await bubble.getAttribute('dir')).toBe('rtl');
    expect(await bubble.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
    expect(await bubble.locator('a.article').textContent()).toContain('اقرأ المقال كاملًا');
    expect(await bubble.getByRole('button', { name: 'مفيد', exact: true }).count()).toBe(1);
  });

  it('works with the keyboard alone and announces replies in a polite live region', async () => {
    // Prepare
    const widget = await openDemoPage();

    // Act: Tab until the launcher has focus
    let tabs = 0;
    while (!(await widget.focusedInWidget('.launcher')) && tabs < 20) {
      await page.keyboard.press('Tab');
      tabs += 1;
    }
    await page.keyboard.press('Enter');
    const inputFocusedOnOpen = await widget.focusedInWidget('form.ask input');
    await page.keyboard.type('How can I track my order?');
    await page.keyboard.press('Enter');
    await widget.botReplies().nth(1).waitFor({ timeout: WAIT_MS });
    await page.keyboard.press('Escape');

    // Assess
    expect(tabs).toBeLessThan(20);
    expect(inputFocusedOnOpen).toBe(true);
    expect(await widget.log.getAttribute('aria-live')).toBe('polite');
    expect(await widget.log.locator('.msg.user').textContent()).toContain('track my order');
    expect(await widget.panel.isHidden()).toBe(true);
    expect(await widget.focusedInWidget('.launcher')).toBe(true);
    expect(await widget.launcher.getAttribute('aria-expanded')).toBe('false');
    expect(await widget.launcher.getAttribute('aria-label')).toBe('Open help chat');
  });
});
