/**
 * The staff desk's support queues in real headless Chromium against the real local server: the
 * queue page shows each queue's backlog and oldest waiting; ticking "Watch" keeps the choice in
 * localStorage and puts the staff member on shift at once (the desk's heartbeat), so a customer
 * handed over now hears "within minutes"; the desk beats again when it becomes visible; the
 * tickets filter by queue.
 */
import { randomUUID } from 'node:crypto';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type TestBrowser } from '../../helpers/browser.ts';
import { startTestServer, type TestServer } from '../../helpers/local-server.ts';

const WAIT_MS = 15_000;
/** Thursday 3 December 2026, 13:00 in Riyadh: every queue is open. */
let now = new Date('2026-12-03T13:00:00+03:00');
const clock = { now: () => now };

let server: TestServer;
let browser: TestBrowser & { pageErrors: string[] };
let context: BrowserContext;
let page: Page;

async function chat(text: string, lang: 'en' | 'ar') {
  const response = await fetch(`${server.url}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text, lang, sessionId: randomUUID(), messageId: randomUUID() }),
  });
  return ((await response.json()) as { reply: { text: string; ticketRef: string } }).reply;
}

/** The queues as the staff API reports them now. */
async function queues(): Promise<Record<string, { onShift: string[]; open: number }>> {
  const response = await fetch(`${server.url}/api/staff/queues`, {
    headers: { authorization: `Bearer ${server.staffToken}`, 'x-staff-name': 'Test' },
  });
  const body = (await response.json()) as {
    items: { id: string; onShift: string[]; open: number }[];
  };
  return Object.fromEntries(body.items.map((q) => [q.id, q]));
}

/** Waits until `check` holds for the server's queues (the desk's heartbeat reached it). */
async function serverShows(check: (q: Awaited<ReturnType<typeof queues>>) => boolean) {
  await expect.poll(async () => check(await queues()), { timeout: WAIT_MS }).toBe(true);
}

beforeAll(async () => {
  server = await startTestServer({ clock });
  browser = await launchBrowser();
  context = await browser.newContext();
  page = await context.newPage();
  await chat('I want to talk to a person about my refund', 'en');
  await chat('أبغى أكلم موظف', 'ar');
}, 60_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

describe('support queues on the staff desk', () => {
  it('shows each queue’s backlog and oldest waiting, and that nobody is on shift yet', async () => {
    // Act
    await page.goto(`${server.url}/staff`);
    await page.locator('#token').fill(server.staffToken);
    await page.locator('#name').fill('Huda');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const returns = page.locator('.queue-overview li[data-queue="returns"]');
    await returns.waitFor({ timeout: WAIT_MS });

    // Assess
    expect(await returns.textContent()).toContain('1 open');
    expect(await returns.textContent()).toContain('0 claimed');
    expect(await returns.textContent()).toMatch(/oldest waiting/);
    expect(await returns.textContent()).toContain('nobody on shift');
    expect(await page.locator('li[data-queue="general-ar"]').textContent()).toContain('1 open');
    expect(await page.locator('li[data-queue="account"]').textContent()).toContain(
      'nothing waiting',
    );
    expect(await page.locator('.shift-status').textContent()).toContain('You are not on shift');
  });

  it('watching a queue keeps the choice and puts you on shift: customers hear "within minutes"', async () => {
    // Act
    await page.locator('#watch-returns').check();
    await serverShows((q) => q.returns?.onShift.includes('Huda') ?? false);
    await page
      .locator('.shift-status', { hasText: 'On shift for Returns and refunds' })
      .waitFor({ timeout: WAIT_MS });
    const reply = await chat('I want to talk to a person about my refund', 'en');
    const stored = await page.evaluate(() => localStorage.getItem('mujib.staff.watching:Huda'));

    // Assess
    expect(reply.text).toContain('A person will reply here within minutes.');
    expect(JSON.parse(stored ?? '[]')).toEqual(['returns']);
    expect(await page.locator('li[data-queue="returns"]').textContent()).toContain(
      'on shift: Huda',
    );
  });

  it('after a reload the queue is still watched; a desk that becomes visible again beats at once', async () => {
    // Prepare: the last heartbeat has lapsed (it counts for three minutes)
    now = new Date(now.getTime() + 4 * 60_000);
    await serverShows((q) => (q.returns?.onShift.length ?? 1) === 0);

    // Act
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    await serverShows((q) => q.returns?.onShift.includes('Huda') ?? false);
    await page.reload();
    await page.locator('#watch-returns').waitFor({ timeout: WAIT_MS });

    // Assess
    expect(await page.locator('#watch-returns').isChecked()).toBe(true);
    expect(await page.locator('#watch-payments').isChecked()).toBe(false);
  });

  it('filters the tickets by queue from the queue select', async () => {
    // Act
    await page.locator('#filter-queue').selectOption('returns');
    await page.waitForURL(/queue=returns/, { timeout: WAIT_MS });
    await page.locator('table.queue tbody tr').first().waitFor({ timeout: WAIT_MS });
    const cells = await page
      .locator('table.queue tbody td[data-label="Queue"]')
      .evaluateAll((tds) => tds.map((td) => td.textContent));

    // Assess
    expect(cells).toEqual(['returns', 'returns']);
    expect(browser.pageErrors).toEqual([]);
  });
});
