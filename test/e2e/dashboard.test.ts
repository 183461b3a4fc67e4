/**
 * The staff dashboard in headless Chromium: a scripted run of web chats and a staff reply go
 * through the real local server, then the dashboard shows them as charts, tiles and tables.
 */

import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/local-server.ts';

let server: TestServer;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
export const DASHBOARD_SCREENSHOT = path.join(tmpdir(), 'mujib-dashboard.png');

async function post(pathname: string, body: unknown, staff = false) {
  const response = await fetch(server.url + pathname, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(staff ? { authorization: `Bearer ${server.staffToken}`, 'x-staff-name': 'Huda' } : {}),
    },
    body: JSON.stringify(body),
  });
  return (await response.json()) as Record<string, any>;
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  const script: [string, string][] = [
    ['d-1', 'I forgot my password, how do I reset it?'],
    ['d-1', 'how do I track my order?'],
    ['d-2', 'نسيت كلمة المرور'],
    ['d-3', 'can I bring my dog into the store?'],
    ['d-4', 'I want to talk to a person'],
  ];
  let ticketRef: string | undefined;
  for (const [i, [sessionId, text]] of script.entries()) {
    const body = await post('/api/chat', { sessionId, messageId: `m-${i}`, text });
    if (body.reply.kind === 'answer')
      await post('/api/chat/feedback', { sessionId, messageId: `m-${i}`, value: 'up' });
    ticketRef ??= body.reply.ticketRef;
  }
  if (ticketRef) {
    await post(`/api/staff/tickets/${ticketRef}/claim`, {}, true);
    await post(
      `/api/staff/tickets/${ticketRef}/reply`,
      { text: 'Dogs on a lead are welcome.' },
      true,
    );
  }
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A desk tab already signed in (credentials in sessionStorage, as the sign-in page leaves them). */
async function signedIn(context: Awaited<ReturnType<typeof browser.newContext>>) {
  await context.addInitScript(
    ([token]) => {
      if (location.protocol === 'http:') {
        sessionStorage.setItem('mujib.staff', JSON.stringify({ token, name: 'Huda' }));
      }
    },
    [server.staffToken],
  );
  return context.newPage();
}

describe('staff dashboard', () => {
  it('draws the charts, tiles and tables from the traffic that was sent', async () => {
    const context = await browser.newContext();
    const page = await signedIn(context);

    await page.goto(`${server.url}/staff#/dashboard`);
    await page
      .locator('figure[data-chart="questions"] svg rect')
      .first()
      .waitFor({ timeout: 10_000 });

    const questions = await page.locator('[data-metric="questions"] .value').textContent();
    const feedback = await page.locator('[data-metric="feedback"] .value').textContent();
    const chartTitles = await page.locator('figure.chart-card svg > title').allTextContents();
    const descriptions = await page.locator('figure.chart-card svg > desc').count();
    const tableRows = await page
      .locator('figure[data-chart="questions"] table.data tbody tr')
      .count();
    const clusterText = await page.locator('table.gap-clusters').textContent();
    const articles = await page.locator('table.articles').textContent();
    await page.screenshot({ path: DASHBOARD_SCREENSHOT, fullPage: true });

    expect(Number(questions)).toBeGreaterThanOrEqual(4);
    expect(feedback).toMatch(/^[1-9]\d* \/ 0$/);
    expect(chartTitles).toEqual([
      'Questions per day by channel',
      'Containment, clarification and escalation',
      'Feedback per day',
      'Tickets opened and closed per day',
      'Time to first staff reply (median per day)',
    ]);
    expect(descriptions).toBe(5);
    expect(tableRows).toBe(30);
    expect(clusterText).toContain('can I bring my dog into the store?');
    expect(clusterText).not.toContain('I want to talk to a person');
    expect(clusterText).toContain('Dogs on a lead are welcome.');
    expect(articles).toContain('reset-password');
    expect(browser.pageErrors).toEqual([]);
    await context.close();
  });

  it('applies the channel filter from the form and shows a bad range as an error', async () => {
    const context = await browser.newContext();
    const page = await signedIn(context);
    await page.goto(`${server.url}/staff#/dashboard`);
    await page.locator('[data-metric="questions"]').waitFor();

    await page.selectOption('select[name="channel"]', 'sms');
    await page.click('form.filters button[type="submit"]');
    await page.waitForURL(/channel=sms/);
    await page.locator('[data-metric="questions"] .value').filter({ hasText: /^0$/ }).waitFor();
    await page.goto(`${server.url}/staff#/dashboard?from=2026-05-02&to=2026-05-01`);
    const alert = page.locator('p.error[role="alert"]');
    await alert.filter({ hasText: /from must not be after to/ }).waitFor();

    expect(await alert.textContent()).toMatch(/from must not be after to/);
    await context.close();
  });
});
