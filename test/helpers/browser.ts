/**
 * Test helper: a real headless Chromium (Debian's /usr/bin/chromium driven by playwright-core).
 * `chromium.launch` gives every browser a new temporary user-data-dir (playwright creates it and
 * removes it on close; it refuses an explicit --user-data-dir outside launchPersistentContext).
 * Start one browser per test file and close it in afterAll.
 */
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface TestBrowser {
  /** A new isolated context (own cookies and sessionStorage), like a new customer or staff tab. */
  newContext(options?: { locale?: string }): Promise<BrowserContext>;
  close(): Promise<void>;
}

/**
 * Launches Chromium; contexts made from it are isolated from each other (own storage).
 * Uncaught page errors of every page are collected in `pageErrors`.
 */
export async function launchBrowser(): Promise<TestBrowser & { pageErrors: string[] }> {
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    timeout: 30_000,
  });
  const pageErrors: string[] = [];
  return {
    pageErrors,
    async newContext(options = {}) {
      const context = await browser.newContext({
        viewport: { width: 1280, height: 800 },
        locale: options.locale ?? 'en-US',
      });
      context.on('page', (page) => {
        page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
      });
      return context;
    },
    async close() {
      await browser.close();
    },
  };
}
