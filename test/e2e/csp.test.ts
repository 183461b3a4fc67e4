/**
 * The Content-Security-Policy in a real browser: the widget demo (English and Arabic), the staff
 * desk (sign-in, queue, a ticket, content gaps, dashboard) and an article page are used in
 * headless Chromium against the local server, and Chromium reports no CSP violation — every
 * script, style and request the pages make is allowed by the policy the server sends.
 */
import type { BrowserContext, ConsoleMessage, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageContentSecurityPolicy } from '#app/security-headers.ts';
import { startLocalServer, type LocalServer } from '../../functions/local/server.ts';
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/local-server.ts';
import { WAIT_MS, WidgetPage, askApi } from './widget-page.ts';

let server: TestServer;
/** The same app behind the target policy: `style-src 'self'` with no interim allowance. */
let strict: LocalServer;
let browser: TestBrowser & { pageErrors: string[] };
let context: BrowserContext;
let ticketRef: string;

/** CSP violations Chromium reported, as console lines and as `securitypolicyviolation` events. */
const violations: string[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  strict = await startLocalServer({
    app: server.app,
    port: 0,
    pageContentSecurityPolicy: pageContentSecurityPolicy([]),
  });
  const { reply } = await askApi(server.url, 'I want to talk to a human about my refund');
  if (!reply.ticketRef) throw new Error(`no ticket opened (${reply.kind})`);
  ticketRef = reply.ticketRef;
  context = await browser.newContext();
  // Runs before any page script, outside the page's CSP; events from shadow roots are composed.
  await context.addInitScript(() => {
    document.addEventListener(
      'securitypolicyviolation',
      (e) =>
        console.error(
          `[csp-event] ${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`,
        ),
      true,
    );
  });
}, 60_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await strict?.close();
  await server?.close();
});

async function openPage(path: string, base = server.url): Promise<Page> {
  const page = await context.newPage();
  page.on('console', (message: ConsoleMessage) => {
    const text = message.text();
    if (/Content Security Policy|\[csp-event\]/.test(text)) violations.push(`${path}: ${text}`);
  });
  await page.goto(`${base}${path}`);
  return page;
}

/** Opens the widget and asks one question; the reply bubble (or error bubble) is rendered. */
async function useWidget(path: string, base = server.url): Promise<void> {
  const page = await openPage(path, base);
  const widget = new WidgetPage(page);
  await widget.open();
  // the widget's adopted stylesheet is in effect (an unstyled panel would sit in the page flow)
  await expect(widget.panel.evaluate((el) => getComputedStyle(el).position)).resolves.toBe('fixed');
  await widget.ask('How do I track my order?');
  await page.close();
}

/** Signs in to the desk and visits the queue, the ticket, the gaps and the dashboard. */
async function useDesk(base = server.url): Promise<void> {
  const page = await openPage('/staff', base);
  await page.locator('#token').fill(server.staffToken);
  await page.locator('#name').fill('Huda');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('#nav').waitFor({ state: 'visible', timeout: WAIT_MS });
  await page.getByText(ticketRef).first().waitFor({ timeout: WAIT_MS });
  await page.goto(`${base}/staff#/tickets/${ticketRef}`);
  await page.locator('.status-line').waitFor({ timeout: WAIT_MS });
  await page.goto(`${base}/staff#/gaps`);
  await page.locator('#app > *').first().waitFor({ timeout: WAIT_MS });
  await page.goto(`${base}/staff#/dashboard`);
  // The dashboard draws its charts once its data has arrived.
  await page.locator('#app svg').first().waitFor({ timeout: WAIT_MS });
  // the dashboard's adopted stylesheet and the legend swatches' CSSOM colours are in effect
  await expect(
    page
      .locator('.tiles')
      .first()
      .evaluate((el) => getComputedStyle(el).display),
  ).resolves.toBe('grid');
  await expect(
    page
      .locator('.legend .swatch')
      .first()
      .evaluate((el) => getComputedStyle(el).backgroundColor),
  ).resolves.toMatch(/^rgb\(/);
  await page.close();
}

describe('Content-Security-Policy in Chromium', () => {
  it('the widget demo pages open the widget and answer with no CSP violation', async () => {
    violations.length = 0;
    await useWidget('/');
    await useWidget('/ar.html');
    expect(violations).toEqual([]);
    expect(browser.pageErrors).toEqual([]);
  });

  it('the staff desk signs in and shows the queue, a ticket, gaps and the dashboard with no CSP violation', async () => {
    violations.length = 0;
    await useDesk();
    expect(violations).toEqual([]);
    expect(browser.pageErrors).toEqual([]);
  });

  it('the served policy allows no inline or eval script', async () => {
    const response = await fetch(`${server.url}/`);
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
  });

  it('the served page policy allows styles from its own origin only', async () => {
    for (const path of ['/', '/ar.html', '/staff']) {
      const response = await fetch(`${server.url}${path}`);
      await response.arrayBuffer();
      expect(response.headers.get('content-security-policy')).toBe(pageContentSecurityPolicy([]));
    }
  });

  // Pinned to the strict policy whatever the default says, so an allowance added back to the
  // default later cannot hide a widget or desk style that needs 'unsafe-inline'.
  it('the widget and the desk work under a policy with no inline styles at all', async () => {
    violations.length = 0;
    await useWidget('/', strict.url);
    await useWidget('/ar.html', strict.url);
    await useDesk(strict.url);
    expect(violations).toEqual([]);
    expect(browser.pageErrors).toEqual([]);
  });

  it('an article page renders its own hashed style with no CSP violation', async () => {
    violations.length = 0;
    const page = await openPage('/help/en/track-order');
    await expect(page.locator('h1').textContent()).resolves.toMatch(/\S/);
    const color = await page.locator('h1').evaluate((el) => getComputedStyle(el).color);
    expect(color).toBe('rgb(11, 110, 79)'); // #0b6e4f from the page's hashed <style>
    await page.close();
    expect(violations).toEqual([]);
  });
});
