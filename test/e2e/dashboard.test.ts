/**
 * The staff dashboard in headless Chromium: a scripted run of web chats (from named pages), a
 * staff reply, a close and a rating go through the real local server, then the dashboard shows
 * them as charts, tiles and tables — the desk sections included (first response, agents on
 * shift, CSAT, abandonment, conversation duration, where chats start) — by day or by week, and a
 * table downloads as CSV.
 */

import { readFile } from 'node:fs/promises';
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
  let ticketSession = '';
  for (const [i, [sessionId, text]] of script.entries()) {
    const page = sessionId === 'd-2' ? '/ar/%D8%B4%D8%A7%D9%8A' : '/products/tea';
    const body = await post('/api/chat', { sessionId, messageId: `m-${i}`, text, page });
    if (body.reply.kind === 'answer')
      await post('/api/chat/feedback', { sessionId, messageId: `m-${i}`, value: 'up' });
    if (!ticketRef && body.reply.ticketRef) {
      ticketRef = body.reply.ticketRef;
      ticketSession = sessionId;
    }
  }
  if (ticketRef) {
    await post(`/api/staff/tickets/${ticketRef}/claim`, {}, true);
    await post(
      `/api/staff/tickets/${ticketRef}/reply`,
      { text: 'Dogs on a lead are welcome.' },
      true,
    );
    await post(`/api/staff/tickets/${ticketRef}/close`, {}, true);
    await post(`/api/chat/tickets/${ticketRef}/csat`, { sessionId: ticketSession, rating: 5 });
  }
  await post('/api/staff/presence', { queues: ['account'] }, true);
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
      'Time to first staff reply per day',
      'Tickets handled per day by agent',
      'Satisfied customers per day',
      'Abandoned tickets per day',
      'Conversations by duration',
      'Conversation duration per day (median)',
    ]);
    expect(descriptions).toBe(10);
    expect(tableRows).toBe(30);
    expect(clusterText).toContain('can I bring my dog into the store?');
    expect(clusterText).not.toContain('I want to talk to a person');
    expect(clusterText).toContain('Dogs on a lead are welcome.');
    expect(articles).toContain('reset-password');
    expect(browser.pageErrors).toEqual([]);
    await context.close();
  });

  it('shows the desk: first response, who is on shift, CSAT, abandonment, durations and start pages', async () => {
    const context = await browser.newContext();
    const page = await signedIn(context);

    await page.goto(`${server.url}/staff#/dashboard`);
    await page.locator('section[data-section="start-pages"] table').waitFor({ timeout: 10_000 });
    const sections = await page
      .locator('section.desk-section')
      .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-section')));
    const text = (selector: string) => page.locator(selector).first().textContent();

    expect(sections).toEqual([
      'first-response',
      'agents',
      'csat',
      'abandonment',
      'conversation-duration',
      'start-pages',
    ]);
    expect(await text('[data-metric="first-response-count"] .value')).toBe('1');
    // One answered ticket: its mean is its own time, exact (the median is its bucket's value).
    expect(await text('[data-metric="first-response-mean"] .value')).toMatch(
      /^\d+(\.\d)? (s|min|h)$/,
    );
    expect(await text('table.first-response-queues thead')).toContain('Mean');
    expect(await text('table.first-response-agents tbody')).toContain('Huda');
    expect(await text('ul.on-shift')).toContain('Huda');
    expect(await text('table.agents tbody tr')).toMatch(/^Huda(yes|no)1111/);
    expect(await text('[data-metric="csat-ratings"] .value')).toBe('1');
    expect(await text('[data-metric="csat-satisfied"] .value')).toBe('100%');
    expect(await text('[data-metric="abandonment-count"] .value')).toMatch(/^[01] \/ 1$/);
    expect(await text('[data-metric="duration-count"] .value')).toBe('4');
    expect(await text('table.start-pages tbody')).toContain('/products/tea');
    expect(await text('table.start-pages tbody')).toContain('/ar/%D8%B4%D8%A7%D9%8A');
    expect(browser.pageErrors).toEqual([]);
    await context.close();
  });

  it('groups the desk by week and downloads a table as CSV', async () => {
    const context = await browser.newContext();
    const page = await signedIn(context);
    await page.goto(`${server.url}/staff#/dashboard`);
    await page.locator('section[data-section="start-pages"]').waitFor({ timeout: 10_000 });

    await page.selectOption('select[name="period"]', 'week');
    await page.click('form.filters button[type="submit"]');
    await page.waitForURL(/period=week/);
    await page
      .locator('figure[data-chart="csat"] table.data thead th')
      .filter({ hasText: 'Week' })
      .waitFor({ state: 'attached', timeout: 10_000 });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('section[data-section="start-pages"] button[data-export="start-pages"]'),
    ]);
    const file = await readFile(await download.path());

    expect(download.suggestedFilename()).toMatch(
      /^mujib-start-pages-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}-by-week\.csv$/,
    );
    expect([...file.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = file.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe('period,page,conversations');
    expect(lines).toContain(`${lines[1]!.slice(0, 10)},/products/tea,3`);
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
