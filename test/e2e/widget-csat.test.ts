/**
 * The satisfaction stars in the chat widget, in real headless Chromium against the real local
 * server (app, dynalite, index built from knowledge/): after a staff reply and the close, the
 * next poll shows one to five stars under the reply; chosen with the keyboard (a radio group)
 * and sent, the rating is stored on the ticket and the staff desk's ticket page shows it. The
 * Arabic widget labels the stars in Arabic.
 */
import { mkdir } from 'node:fs/promises';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Ticket } from '#core/ports.ts';
import { buildWeb } from '../../web/build.ts';
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/local-server.ts';
import { WAIT_MS, WidgetPage, staffApi } from './widget-page.ts';

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

afterEach(async () => {
  await context?.close();
});

async function openWidget(path: string): Promise<WidgetPage> {
  context = await browser.newContext();
  page = await context.newPage();
  await page.goto(`${server.url}${path}`);
  const widget = new WidgetPage(page);
  await widget.open();
  return widget;
}

async function replyAndClose(ref: string, text?: string): Promise<void> {
  await staffApi(server, 'POST', `/api/staff/tickets/${ref}/claim`, {});
  if (text) await staffApi(server, 'POST', `/api/staff/tickets/${ref}/reply`, { text });
  const closed = await staffApi(server, 'POST', `/api/staff/tickets/${ref}/close`, {});
  expect(closed.status).toBe(200);
}

describe('chat widget CSAT stars', () => {
  it('shows the stars under the staff reply after the close, and sends a rating chosen with the keyboard', async () => {
    // Prepare
    const widget = await openWidget('/');
    const { json } = await widget.ask('I want to talk to a human');
    const ref = json.reply.ticketRef ?? '';
    await replyAndClose(ref, 'Your parcel left today.');
    const stars = page.locator('#mujib-chat .msg.csat');
    await stars.waitFor({ timeout: WAIT_MS });

    // Act: focus the first star, arrow to the fourth, Tab to the button, Enter.
    await stars.getByRole('radio', { name: '1 star (poor)' }).focus();
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    const fourChecked = await stars.getByRole('radio', { name: '4 stars' }).isChecked();
    await page.keyboard.press('Tab');
    const sendFocused = await widget.focusedInWidget('button[type="submit"]');
    await mkdir(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: new URL('widget-csat.png', SCREENSHOTS).pathname });
    await page.keyboard.press('Enter');
    await stars.getByText('Thank you for your rating.').waitFor({ timeout: WAIT_MS });
    const ticket = await staffApi<Ticket>(server, 'GET', `/api/staff/tickets/${ref}`);

    // Assess
    const log = page.locator('#mujib-chat [role="log"] > *');
    const classes = await log.evaluateAll((nodes) => nodes.map((n) => n.className));
    expect(classes.at(-2)).toContain('msg staff');
    expect(classes.at(-1)).toContain('msg bot csat');
    expect(await stars.locator('.ref').count()).toBe(0); // the form was replaced by the thanks
    expect(fourChecked).toBe(true);
    expect(sendFocused).toBe(true);
    expect(ticket.json.csat).toMatchObject({ rating: 4, channel: 'web' });
    expect(browser.pageErrors).toEqual([]);

    // The staff desk's ticket page shows the rating.
    const desk = await context.newPage();
    await desk.goto(`${server.url}/staff`);
    await desk.locator('#token').fill(server.staffToken);
    await desk.locator('#name').fill('Huda');
    await desk.getByRole('button', { name: 'Sign in' }).click();
    await desk.locator('table.queue').waitFor({ timeout: WAIT_MS });
    await desk.goto(`${server.url}/staff#/tickets/${ref}`);
    const rating = desk.locator('dd.csat');
    await rating.waitFor({ timeout: WAIT_MS });
    expect(await rating.textContent()).toMatch(/^★★★★☆ 4\/5 on web, /);
  });

  it('labels the stars in Arabic in the Arabic widget, and says so when the ticket was rated already', async () => {
    // Prepare
    const widget = await openWidget('/ar.html');
    const { json } = await widget.ask('أريد التحدث مع موظف');
    const ref = json.reply.ticketRef ?? '';
    await replyAndClose(ref);
    const stars = page.locator('#mujib-chat .msg.csat');
    await stars.waitFor({ timeout: WAIT_MS });
    const legend = await stars.locator('legend').textContent();
    const labels = await stars
      .getByRole('radio')
      .evaluateAll((inputs) =>
        inputs.map((input) => input.closest('label')?.querySelector('.sr')?.textContent),
      );

    // Act: the ticket is rated meanwhile (another tab), then the customer sends 5 stars here.
    const rated = await fetch(`${server.url}/api/chat/tickets/${ref}/csat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sessionId: json.sessionId, rating: 3 }),
    });
    await stars.getByRole('radio', { name: 'خمس نجوم (ممتازة)' }).check();
    await mkdir(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: new URL('widget-csat-ar.png', SCREENSHOTS).pathname });
    await stars.getByRole('button', { name: 'أرسل التقييم' }).click();
    await stars.getByText('لقد قيّمت هذه التذكرة من قبل.').waitFor({ timeout: WAIT_MS });

    // Assess
    expect(legend).toBe(`كيف كانت خدمتنا في التذكرة ${ref}؟`);
    expect(labels).toEqual([
      'نجمة واحدة (سيئة)',
      'نجمتان',
      'ثلاث نجوم',
      'أربع نجوم',
      'خمس نجوم (ممتازة)',
    ]);
    expect(await stars.getAttribute('dir')).toBe('rtl');
    expect(rated.status).toBe(200);
    const ticket = await staffApi<Ticket>(server, 'GET', `/api/staff/tickets/${ref}`);
    expect(ticket.json.csat).toMatchObject({ rating: 3, channel: 'web' });
    expect(browser.pageErrors).toEqual([]);
  });
});
