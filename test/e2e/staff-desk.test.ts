/**
 * The staff desk in real headless Chromium against the real local server: sign-in (and a wrong
 * token), the queue oldest first, a ticket's claim / reply / close, a second claim refused with
 * the server's 409 message, customer HTML shown as text, "answered by article…" with one of the
 * ticket's candidates, and "suggest an article" → gaps list.
 */
import { mkdir } from 'node:fs/promises';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb } from '../../web/build.ts';
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/local-server.ts';
import { WAIT_MS, askApi, staffApi } from './widget-page.ts';

const SCREENSHOTS = new URL('./screenshots/', import.meta.url);
const HOSTILE = '<img src=x onerror="window.__pwned=1"> please let me talk to a human';

let server: TestServer;
let browser: TestBrowser & { pageErrors: string[] };
const contexts: BrowserContext[] = [];
/** Ticket refs in the order they were opened (oldest first). */
const refs: string[] = [];

beforeAll(async () => {
  await buildWeb();
  server = await startTestServer({ buildWeb: false });
  browser = await launchBrowser();
  for (const text of [
    'I want to talk to a human about my refund',
    HOSTILE,
    'Can I speak to a real person about my delivery?',
  ]) {
    const { reply } = await askApi(server.url, text);
    if (!reply.ticketRef) throw new Error(`"${text}" did not open a ticket (${reply.kind})`);
    refs.push(reply.ticketRef);
  }
}, 60_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await server?.close();
});

async function newTab(): Promise<Page> {
  const context = await browser.newContext();
  contexts.push(context);
  return context.newPage();
}

async function signIn(page: Page, name: string, token = server.staffToken): Promise<void> {
  await page.goto(`${server.url}/staff`);
  await page.locator('#token').fill(token);
  await page.locator('#name').fill(name);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

function ticketPage(page: Page, ref: string): Promise<unknown> {
  return page
    .goto(`${server.url}/staff#/tickets/${ref}`)
    .then(() => page.locator('.status-line').waitFor({ timeout: WAIT_MS }));
}

describe('staff desk', () => {
  it('refuses a wrong token on the sign-in page with the server message', async () => {
    // Prepare
    const page = await newTab();

    // Act
    await signIn(page, 'Mallory', 'not-the-token');
    const alert = page.locator('form.sign-in [role="alert"]');
    await alert.waitFor({ state: 'visible', timeout: WAIT_MS });

    // Assess
    expect(await alert.textContent()).toContain('invalid staff token');
    expect(new URL(page.url()).hash).toBe('#/sign-in');
    expect(await page.evaluate(() => sessionStorage.getItem('mujib.staff'))).toBeNull();
  });

  it('lists the escalated tickets oldest first with their waiting time', async () => {
    // Prepare
    const page = await newTab();

    // Act
    await signIn(page, 'Alice');
    await page.locator('table.queue tbody tr').first().waitFor({ timeout: WAIT_MS });
    const shown = await page
      .locator('table.queue tbody tr')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-ref')));
    const waiting = await page.locator('table.queue tbody tr td:last-child').first().textContent();

    // Assess
    expect(shown.filter((ref) => refs.includes(ref ?? ''))).toEqual(refs);
    expect(waiting).toMatch(/^waiting (< 1 min|\d+ min|\d+ h \d+ min|\d+ d \d+ h)$/);
    expect(await page.locator('nav a[aria-current="page"]').textContent()).toBe('Queue');
  });

  it('claims, replies to and closes a ticket; a second claim shows the 409 message', async () => {
    // Prepare: Bob opens the ticket while it is still open; Alice works on it
    const ref = refs[0] ?? '';
    const alice = await newTab();
    const bob = await newTab();
    await signIn(alice, 'Alice');
    await signIn(bob, 'Bob');
    await bob.locator('table.queue').waitFor({ timeout: WAIT_MS });
    await ticketPage(bob, ref);
    await alice.locator(`table.queue a:text-is("${ref}")`).click();
    await alice.locator('.status-line').waitFor({ timeout: WAIT_MS });

    // Act
    await alice.getByRole('button', { name: 'Claim' }).click();
    await alice.getByText('claimed by Alice').waitFor({ timeout: WAIT_MS });
    await bob.getByRole('button', { name: 'Claim' }).click();
    const conflict = bob.locator('.page > [role="alert"]');
    await conflict.waitFor({ state: 'visible', timeout: WAIT_MS });
    await alice.locator('#reply-text').fill('Your refund was issued today. <b>Thanks</b>!');
    await alice.getByRole('button', { name: 'Send reply' }).click();
    const reply = alice.locator('.staff-reply');
    await reply.waitFor({ timeout: WAIT_MS });
    await mkdir(SCREENSHOTS, { recursive: true });
    await alice.screenshot({
      path: new URL('staff-desk.png', SCREENSHOTS).pathname,
      fullPage: true,
    });
    await alice.getByRole('button', { name: 'Close' }).click();
    await alice.locator('.status-line .status.closed').waitFor({ timeout: WAIT_MS });
    const stored = await staffApi<{ status: string; claimedBy?: string; replies: unknown[] }>(
      server,
      'GET',
      `/api/staff/tickets/${ref}`,
    );

    // Assess
    expect(await conflict.textContent()).toBe(
      `ticket ${ref} is claimed: cannot claim (current status: claimed)`,
    );
    expect(await bob.locator('.status-line').textContent()).toContain('claimed by Alice');
    expect(await reply.textContent()).toContain('Your refund was issued today. <b>Thanks</b>!');
    expect(await reply.locator('b').count()).toBe(0);
    expect(await reply.locator('.delivery').textContent()).toMatch(/pending|sent|delivered/);
    expect(stored.json).toMatchObject({ status: 'closed', claimedBy: 'Alice' });
    expect(stored.json.replies).toHaveLength(1);
  });

  it('shows a question containing HTML as text, creating no element', async () => {
    // Prepare
    const page = await newTab();
    await signIn(page, 'Carol');
    await page.locator('table.queue tbody tr').first().waitFor({ timeout: WAIT_MS });

    // Act
    const queueCell = page.locator(`tr[data-ref="${refs[1]}"] td.question`);
    const queueText = await queueCell.textContent();
    await ticketPage(page, refs[1] ?? '');
    const question = page.locator('blockquote.question');

    // Assess
    expect(queueText).toBe(HOSTILE);
    expect(await queueCell.locator('img').count()).toBe(0);
    expect(await question.textContent()).toBe(HOSTILE);
    expect(await page.locator('.page img').count()).toBe(0);
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
  });

  it('suggests an article from a ticket and lists it under content gaps', async () => {
    // Prepare
    const page = await newTab();
    await signIn(page, 'Dana');
    await page.locator('table.queue').waitFor({ timeout: WAIT_MS });
    await ticketPage(page, refs[2] ?? '');

    // Act
    await page.locator('#gap-question').fill('How do I change my delivery slot?');
    await page.locator('#gap-note').fill('Asked three times this week');
    await page.locator('form.suggest button[type="submit"]').click();
    await page.getByText('Added to the content gaps list.').waitFor({ timeout: WAIT_MS });
    await page.getByRole('link', { name: 'Content gaps' }).click();
    const gap = page.locator('li.gap', { hasText: 'How do I change my delivery slot?' });
    await gap.waitFor({ timeout: WAIT_MS });

    // Assess
    expect(await gap.textContent()).toContain('Asked three times this week');
    expect(await gap.textContent()).toContain('by Dana');
    expect(await gap.getByRole('link', { name: refs[2] ?? '?' }).count()).toBe(1);
  });

  it('marks a ticket as answered by one of its candidate articles', async () => {
    // Prepare: the refund question's candidates include refund-timing
    const ref = refs[0] ?? '';
    const page = await newTab();
    await signIn(page, 'Farah');
    await page.locator('table.queue').waitFor({ timeout: WAIT_MS });
    await ticketPage(page, ref);

    // Act
    const options = await page.locator('#answered-by-select option').allTextContents();
    await page.locator('#answered-by-select').selectOption('refund-timing');
    const typingHidden = await page.locator('#answered-by-id').isHidden();
    await page.getByRole('button', { name: 'Mark as answered by this article' }).click();
    const marked = page.locator('.answered-by-article');
    await marked.waitFor({ timeout: WAIT_MS });
    const stored = await staffApi<{ answeredBy?: { articleId: string; by: string } }>(
      server,
      'GET',
      `/api/staff/tickets/${ref}`,
    );

    // Assess
    expect(options).toContain('When will I get my refund? (refund-timing)');
    expect(options.at(-1)).toBe('Another article (type its id)');
    expect(typingHidden).toBe(true);
    expect(await marked.textContent()).toMatch(/^refund-timing \(marked by Farah, /);
    expect(await page.locator('.page [role="status"]').first().textContent()).toBe(
      'Marked as answered by refund-timing.',
    );
    expect(stored.json.answeredBy).toMatchObject({ articleId: 'refund-timing', by: 'Farah' });
    expect(await page.locator('#answered-by-select').inputValue()).toBe('refund-timing');
  });

  it('sends the user back to sign-in with a message when the token stops working', async () => {
    // Prepare
    const page = await newTab();
    await signIn(page, 'Erin');
    await page.locator('table.queue').waitFor({ timeout: WAIT_MS });
    await page.evaluate(() =>
      sessionStorage.setItem('mujib.staff', JSON.stringify({ token: 'revoked', name: 'Erin' })),
    );

    // Act
    await page.getByRole('link', { name: 'Content gaps' }).click();
    const alert = page.locator('form.sign-in [role="alert"]');
    await alert.waitFor({ state: 'visible', timeout: WAIT_MS });

    // Assess
    expect(await alert.textContent()).toContain('Please sign in again');
    expect(new URL(page.url()).hash).toBe('#/sign-in');
    expect(browser.pageErrors).toEqual([]);
  });
});
