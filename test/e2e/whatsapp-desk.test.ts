/**
 * The staff desk in real headless Chromium on a WhatsApp ticket: a reply sent more than 24 hours
 * after the customer last wrote is marked failed, and the ticket page says why in words (desktop
 * and 375 px wide, screenshots in test/e2e/screenshots/). The customer wrote through the signed
 * WhatsApp webhook; the server's clock is moved by the test.
 */
import { mkdir } from 'node:fs/promises';
import type { BrowserContext, Page } from 'playwright-core';
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '#core/ports.ts';
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/local-server.ts';
import { WAIT_MS } from './widget-page.ts';

const SCREENSHOTS = new URL('./screenshots/', import.meta.url);
const TOKEN = 'e2e-twilio-token';
let at = new Date('2026-11-23T09:00:00.000Z');
const clock: Clock = { now: () => new Date(at) };

let server: TestServer;
let browser: TestBrowser & { pageErrors: string[] };
const contexts: BrowserContext[] = [];
let ref = '';

beforeAll(async () => {
  server = await startTestServer({ clock, env: { MUJIB_TWILIO_AUTH_TOKEN: TOKEN } });
  browser = await launchBrowser();
  const params = {
    MessageSid: 'SM' + 'd'.repeat(32),
    AccountSid: 'AC' + '0'.repeat(32),
    From: 'whatsapp:+966500000501',
    To: 'whatsapp:+14155238886',
    Body: 'I want to talk to a real person about my refund',
  };
  const response = await fetch(`${server.url}/whatsapp/twilio`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': getExpectedTwilioSignature(
        TOKEN,
        server.app.config.whatsapp.webhookUrl,
        params,
      ),
    },
    body: new URLSearchParams(params).toString(),
  });
  ref = /MJ-[A-Z0-9]+/.exec(await response.text())?.[0] ?? '';
  if (!ref) throw new Error('the WhatsApp hand-off opened no ticket');
}, 60_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await server?.close();
});

async function signedInTab(width: number): Promise<Page> {
  const context = await browser.newContext();
  contexts.push(context);
  const page = await context.newPage();
  await page.setViewportSize({ width, height: 800 });
  await page.goto(`${server.url}/staff`);
  await page.locator('#token').fill(server.staffToken);
  await page.locator('#name').fill('Huda');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('table.queue').waitFor({ timeout: WAIT_MS });
  await page.goto(`${server.url}/staff#/tickets/${ref}`);
  await page.locator('.status-line').waitFor({ timeout: WAIT_MS });
  return page;
}

describe('a WhatsApp ticket on the staff desk', () => {
  it('shows a reply sent after the 24-hour window as not sent, and why', async () => {
    // Prepare: the customer wrote 25 hours ago
    at = new Date('2026-11-24T10:00:00.000Z');
    const page = await signedInTab(1280);

    // Act
    await page.getByRole('button', { name: 'Claim' }).click();
    await page.getByText('claimed by Huda').waitFor({ timeout: WAIT_MS });
    await page.locator('#reply-text').fill('Your refund was issued this morning.');
    await page.getByRole('button', { name: 'Send reply' }).click();
    const note = page.locator('.staff-reply .delivery-note');
    await note.waitFor({ timeout: WAIT_MS });
    await mkdir(SCREENSHOTS, { recursive: true });
    await page.screenshot({
      path: new URL('whatsapp-outside-window.png', SCREENSHOTS).pathname,
      fullPage: true,
    });
    const phone = await signedInTab(375);
    await phone.locator('.staff-reply .delivery-note').waitFor({ timeout: WAIT_MS });
    await phone.screenshot({
      path: new URL('whatsapp-outside-window-375.png', SCREENSHOTS).pathname,
      fullPage: true,
    });

    // Assess
    expect(await page.locator('.staff-reply .delivery').textContent()).toBe('failed');
    expect(await page.locator('.staff-reply .who').textContent()).toContain('outside-24h-window');
    expect(await note.textContent()).toMatch(
      /^Not sent: the customer last wrote on WhatsApp more than 24 hours ago/,
    );
    expect(await phone.locator('.staff-reply .delivery-note').isVisible()).toBe(true);
    expect(browser.pageErrors).toEqual([]);
  });
});
