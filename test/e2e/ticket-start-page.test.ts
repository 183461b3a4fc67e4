/**
 * The staff desk's ticket page names the page a web chat started on ("Started on"), in real
 * headless Chromium against the real local server. A page path may hold `<`, `>` and `=`: it is
 * shown as text, creating no element. A ticket whose chat sent no page shows no such line.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/local-server.ts';
import { WAIT_MS, askApi } from './widget-page.ts';

const HOSTILE_PAGE = '/<img/src=x/onerror=window.__pwned=1>';
const HUMAN = 'I want to talk to a person';

let server: TestServer;
let browser: TestBrowser & { pageErrors: string[] };
let context: BrowserContext | undefined;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

/** Opens a web chat on `page` (none: no page sent) that hands over; the ticket's ref. */
async function ticketFrom(page?: string): Promise<string> {
  const sessionId = crypto.randomUUID();
  await askApi(server.url, 'hello!', { sessionId, ...(page ? { page } : {}) });
  const { reply } = await askApi(server.url, HUMAN, { sessionId });
  if (!reply.ticketRef) throw new Error(`"${HUMAN}" did not open a ticket (${reply.kind})`);
  return reply.ticketRef;
}

async function openTicket(ref: string): Promise<Page> {
  context ??= await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.url}/staff`);
  await page.locator('#token').fill(server.staffToken);
  await page.locator('#name').fill('Dana');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('table.queue').waitFor({ timeout: WAIT_MS });
  await page.goto(`${server.url}/staff#/tickets/${ref}`);
  await page.locator('.status-line').waitFor({ timeout: WAIT_MS });
  return page;
}

/** The "meta" list as label → text. */
async function metaOf(page: Page): Promise<Record<string, string>> {
  const labels = await page.locator('dl.meta dt').allTextContents();
  const values = await page.locator('dl.meta dd').allTextContents();
  return Object.fromEntries(labels.map((label, i) => [label, values[i] ?? '']));
}

describe('the start page on the staff ticket page', () => {
  it('shows where the chat started, next to the channel', async () => {
    const page = await openTicket(await ticketFrom('/orders/12345'));

    const meta = await metaOf(page);
    const labels = Object.keys(meta);

    expect(meta['Started on']).toBe('/orders/12345');
    expect(labels.indexOf('Started on')).toBe(labels.indexOf('Channel') + 1);
    expect(meta.Channel).toBe('web');
  });

  it('shows a page holding HTML as text, creating no element', async () => {
    const page = await openTicket(await ticketFrom(HOSTILE_PAGE));

    const startedOn = page.locator('dl.meta dd.start-page');

    expect(await startedOn.textContent()).toBe(HOSTILE_PAGE);
    expect(await startedOn.locator('*').count()).toBe(0);
    expect(await page.locator('.ticket img').count()).toBe(0);
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(browser.pageErrors).toEqual([]);
  });

  it('shows no start page for a chat that sent none', async () => {
    const page = await openTicket(await ticketFrom());

    const meta = await metaOf(page);

    expect(meta.Channel).toBe('web');
    expect(meta).not.toHaveProperty('Started on');
    expect(await page.locator('dl.meta dd.start-page').count()).toBe(0);
  });
});
