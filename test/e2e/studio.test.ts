/**
 * The content studio in real headless Chromium against the real local server, on a temporary
 * copy of knowledge/ and a temporary data folder (the repository's articles are never touched):
 *  - a writer's round trip: open an article, edit it, see lint find an error and clear once it
 *    is fixed, try a question on the draft (the draft answers, live escalates), test all (the
 *    new listed question is gained), publish, the bot answers the new way, roll back, the old
 *    behaviour is back;
 *  - publishing refuses an article with errors (422) and an edit of an outdated version (409),
 *    each with a clear message;
 *  - the learning loop from the desk: a ticket marked "answered by" an article becomes a phrasing
 *    suggestion; accepted with an edited wording, it lands in that article's draft;
 *  - an agent sees no Studio or Suggestions link and gets the "needs the writer role" message.
 */
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileKnowledgeSource } from '#adapters/knowledge/file-knowledge-source.ts';
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts';
import { artifactFor } from '../helpers/knowledge.ts';
import { startTestServer, type TestServer } from '../helpers/local-server.ts';
import { WAIT_MS, askApi } from './widget-page.ts';

const WRITER_TOKEN = 'e2e-writer-token';
/** A word no article uses: live escalates on it, the edited draft answers it. */
const NEW_QUESTION = 'what is the zephyrine perk';
const NEW_SECTION =
  '\n## The zephyrine perk\nGold members get the zephyrine perk: a free gift wrap on every order.\n';
const EMPTY_SECTION = '\n## Zephyrine details\n';

let server: TestServer;
let browser: TestBrowser & { pageErrors: string[] };
let workDir: string;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  // a private help centre: a copy of knowledge/, its index, and an empty data folder
  workDir = await mkdtemp(path.join(tmpdir(), 'mujib-studio-e2e-'));
  const knowledgeDir = path.join(workDir, 'knowledge');
  const dataDir = path.join(workDir, 'data');
  const indexPath = path.join(workDir, 'knowledge-index.json');
  await cp('knowledge', knowledgeDir, { recursive: true });
  await mkdir(dataDir, { recursive: true });
  await writeFile(indexPath, JSON.stringify(await artifactFor('knowledge')));
  [server, browser] = await Promise.all([
    startTestServer({
      env: {
        MUJIB_KNOWLEDGE_DIR: knowledgeDir,
        MUJIB_DATA_DIR: dataDir,
        MUJIB_INDEX_PATH: indexPath,
        MUJIB_WRITER_TOKEN: WRITER_TOKEN,
      },
      knowledge: new FileKnowledgeSource(indexPath),
    }),
    launchBrowser(),
  ]);
}, 60_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await server?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

async function newTab(): Promise<Page> {
  const context = await browser.newContext();
  contexts.push(context);
  return context.newPage();
}

async function signIn(page: Page, name: string, token: string): Promise<void> {
  await page.goto(`${server.url}/staff`);
  await page.locator('#token').fill(token);
  await page.locator('#name').fill(name);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('table.queue').waitFor({ timeout: WAIT_MS });
}

/** Calls the API as the writer. */
async function writerApi<T>(method: string, pathname: string, body?: unknown) {
  const response = await fetch(`${server.url}${pathname}`, {
    method,
    headers: {
      authorization: `Bearer ${WRITER_TOKEN}`,
      'x-staff-name': 'Setup',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, json: (await response.json()) as T };
}

/** Opens the editor of `lang/id` and waits until the first lint has answered. */
async function openEditor(page: Page, lang: string, id: string): Promise<void> {
  await page.goto(`${server.url}/staff#/studio/${lang}/${id}`);
  await page.locator('#studio-source').waitFor({ timeout: WAIT_MS });
  await waitForLint(page);
}

/** Waits until the lint summary shows a result (not "Checking…"). */
async function waitForLint(page: Page): Promise<string> {
  const summary = page.locator('#lint-summary');
  await summary.filter({ hasNotText: 'Checking' }).waitFor({ timeout: WAIT_MS });
  return (await summary.textContent()) ?? '';
}

/** The source with one more listed question and a section that answers it. */
function edited(source: string): string {
  return source.replace(/^questions:\n/m, `questions:\n  - ${NEW_QUESTION}\n`) + NEW_SECTION;
}

describe('content studio', () => {
  it('lets a writer edit, lint, try, test, publish and roll back an article', async () => {
    // Prepare
    const page = await newTab();
    await signIn(page, 'Wafa', WRITER_TOKEN);
    const before = await askApi(server.url, NEW_QUESTION);

    // Act 1: from the nav to the article, through the list's search
    await page.getByRole('link', { name: 'Studio' }).click();
    await page.locator('table.studio-articles tbody tr').first().waitFor({ timeout: WAIT_MS });
    await page.locator('#studio-search').fill('loyalty-points');
    const row = page.locator('tr[data-article="loyalty-points"]');
    const badges = await row.locator('[data-badge]').allTextContents();
    await row.getByRole('link').click();
    const source = page.locator('#studio-source');
    await source.waitFor({ timeout: WAIT_MS });
    await waitForLint(page);
    const original = await source.inputValue();

    // Act 2: an edit with an empty section: lint finds it; its line takes the caret there
    const good = edited(original);
    await source.fill(good + EMPTY_SECTION);
    const error = page.locator('ul.problems li.error', { hasText: 'empty section' });
    await error.waitFor({ timeout: WAIT_MS });
    const errorLine = Number(await error.locator('button').getAttribute('data-line'));
    await error.locator('button').click();
    const caretLine = await source.evaluate(
      (el: HTMLTextAreaElement) => el.value.slice(0, el.selectionStart).split('\n').length,
    );
    const focused = await page.evaluate(() => document.activeElement?.id);
    await source.fill(good);
    await page
      .locator('ul.problems li.error')
      .first()
      .waitFor({ state: 'detached', timeout: WAIT_MS });
    const fixedSummary = await waitForLint(page);

    // Act 3: the SMS and Alexa previews of the draft
    await page.getByRole('tab', { name: 'SMS' }).click();
    const sms = (await page.locator('#preview-panel-sms .sms-summary').textContent()) ?? '';
    const segments = await page.locator('#preview-panel-sms pre.sms-text').allTextContents();
    await page.getByRole('tab', { name: 'Alexa' }).click();
    const alexa = await page.locator('#preview-panel-alexa').textContent();

    // Act 4: leaving with unsaved changes asks first; staying keeps the text
    const leaving = new Promise<string>((resolve) =>
      page.once('dialog', (dialog) => {
        resolve(dialog.message());
        void dialog.dismiss();
      }),
    );
    await page.getByRole('link', { name: '← All articles' }).click();
    const asked = await leaving;
    await page.waitForFunction(() => location.hash === '#/studio/en/loyalty-points');
    const stillEditing = new URL(page.url()).hash;
    const keptText = await source.inputValue();

    // Act 5: save the draft (nothing changes for customers yet)
    await page.getByRole('button', { name: 'Save draft' }).click();
    const status = page.locator('.editor-main p.ok[role="status"]');
    await status.filter({ hasText: 'Draft saved' }).waitFor({ timeout: WAIT_MS });
    const stateAfterSave = await page.locator('.state-line').textContent();
    const whileDraft = await askApi(server.url, NEW_QUESTION);

    // Act 6: try the new question on the draft
    await page.locator('#try-question').fill(NEW_QUESTION);
    await page.getByRole('button', { name: 'Try it' }).click();
    const draftResult = page.locator('.try-result.draft');
    await draftResult.waitFor({ timeout: WAIT_MS });
    const draftDecision = await draftResult.getAttribute('data-decision');
    const draftTop = await draftResult.locator('ol.top li').first().getAttribute('data-article');
    const liveDecision = await page.locator('.try-result.live').getAttribute('data-decision');
    const liveTop = await page
      .locator('.try-result.live ol.top li')
      .first()
      .getAttribute('data-article')
      .catch(() => null);

    // Act 7: test all
    await page.getByRole('button', { name: 'Test all' }).click();
    const summary = page.locator('.test-summary');
    await summary.waitFor({ timeout: 60_000 });
    const summaryText = (await summary.textContent()) ?? '';
    const gained = (await page.locator('table.test-rows.gained').textContent()) ?? '';

    // Act 8: publish; the bot answers the new way
    await page.getByRole('button', { name: 'Publish' }).click();
    await status.filter({ hasText: 'Published' }).waitFor({ timeout: 60_000 });
    const published = (await status.textContent()) ?? '';
    const afterPublish = await askApi(server.url, NEW_QUESTION);
    const historyAfterPublish = await page.locator('ol.history li.version').count();

    // Act 9: view the version before (the article as it was when we started) and roll back to it
    const older = page.locator('ol.history li.version').nth(1);
    await older.getByRole('button', { name: /^View/ }).click();
    const viewed = page.locator('.version-view pre');
    await viewed.waitFor({ timeout: WAIT_MS });
    const viewedText = await viewed.textContent();
    page.once('dialog', (dialog) => void dialog.accept());
    await older.getByRole('button', { name: /^Roll back/ }).click();
    await status.filter({ hasText: 'Rolled back' }).waitFor({ timeout: 60_000 });
    const rolledBackText = await source.inputValue();
    const afterRollback = await askApi(server.url, NEW_QUESTION);
    const history = await page.locator('ol.history li.version').allTextContents();
    const repoArticle = await readFile('knowledge/en/loyalty-points.md', 'utf8');
    // Act 10: the studio's list shows who changed what (the audit), newest first
    await page.locator('a', { hasText: 'All articles' }).first().click();
    const audit = page.locator('ul.studio-audit li');
    await audit.first().waitFor({ timeout: WAIT_MS });
    const recent = await audit.allTextContents();

    // Assess
    expect(badges).toContain('published');
    expect(errorLine).toBeGreaterThan(1);
    expect(caretLine).toBe(errorLine);
    expect(focused).toBe('studio-source');
    expect(fixedSummary).toMatch(/^(No problems\.|0 errors, \d+ warnings?\.)$/);
    expect(sms).toMatch(/^\d+ segments? · GSM-7 · \d+ septets$/);
    expect(segments).toHaveLength(Number(sms.split(' ')[0]));
    expect(segments.join('')).toContain('Nakheel Point');
    expect(alexa).toContain('<speak');
    expect(asked).toContain('unsaved changes');
    expect(stillEditing).toBe('#/studio/en/loyalty-points');
    expect(keptText).toBe(good);
    expect(stateAfterSave).toContain('Draft saved by Wafa');
    expect(whileDraft.reply.kind).toBe(before.reply.kind);
    expect(draftDecision).toBe('answer');
    expect(draftTop).toBe('loyalty-points');
    expect(liveDecision === 'answer' && liveTop === 'loyalty-points').toBe(false);
    expect(summaryText).toMatch(
      /^\d+ questions: \d+ unchanged, [1-9]\d* gained, \d+ lost, \d+ changed\.$/,
    );
    expect(gained).toContain(NEW_QUESTION);
    expect(published).toMatch(/version \S+; rebuild published/);
    expect(before.reply.article?.id === 'loyalty-points').toBe(false);
    expect(afterPublish.reply.kind).toBe('answer');
    expect(afterPublish.reply.article?.id).toBe('loyalty-points');
    expect(historyAfterPublish).toBeGreaterThanOrEqual(2);
    expect(viewedText).toBe(original);
    expect(rolledBackText).toBe(original);
    expect(afterRollback.reply.kind).toBe(before.reply.kind);
    expect(afterRollback.reply.article?.id).toBe(before.reply.article?.id);
    expect(history).toHaveLength(3);
    expect(history[0]).toMatch(/^rollback by Wafa .* live now/);
    expect(history[1]).toMatch(/^publish by Wafa /);
    expect(history[2]).toMatch(/^publish by seed /);
    expect(repoArticle).not.toContain('zephyrine');
    expect(recent[0]).toMatch(/Wafa rolled back en\/loyalty-points\.md/);
    expect(recent.some((line) => /Wafa published en\/loyalty-points\.md/.test(line))).toBe(true);
    expect(browser.pageErrors).toEqual([]);
  }, 120_000);

  it('refuses to publish errors (422) or over a newer version (409), saying why', async () => {
    // Prepare: the writer opens an article; meanwhile someone else publishes a change to it
    const page = await newTab();
    await signIn(page, 'Wafa', WRITER_TOKEN);
    await openEditor(page, 'en', 'gift-cards');
    const source = page.locator('#studio-source');
    const original = await source.inputValue();
    const alert = page.locator('.page > [role="alert"]');

    // Act 1: publish an empty section
    await source.fill(original + EMPTY_SECTION);
    await page.getByRole('button', { name: 'Publish' }).click();
    await alert.filter({ hasText: 'Not published' }).waitFor({ timeout: WAIT_MS });
    const refused = (await alert.textContent()) ?? '';
    const listed = await page.locator('ul.problems li.error').allTextContents();

    // Act 2: someone else publishes first; this writer's publish is now a conflict
    const other = await writerApi<{ version: string }>(
      'POST',
      '/api/staff/studio/articles/en/gift-cards/publish',
      { source: original.replace(/^title: .*$/m, 'title: Gift cards and e-gift cards') },
    );
    await source.fill(`${original}\nOne more line from Wafa.\n`);
    await page.getByRole('button', { name: 'Publish' }).click();
    await alert.filter({ hasText: 'Someone published' }).waitFor({ timeout: WAIT_MS });
    const conflict = (await alert.textContent()) ?? '';

    // Assess
    expect(refused).toContain('Fix the errors listed under Problems');
    expect(listed.some((text) => text.includes('empty section'))).toBe(true);
    expect(other.status).toBe(200);
    expect(conflict).toContain('Your text is still in the editor');
    expect(await source.inputValue()).toContain('One more line from Wafa.');
  });

  it('turns a ticket marked "answered by" into a phrasing the writer accepts into a draft', async () => {
    // Prepare: a customer question the help centre does not answer opens a ticket
    const question = 'is zephyrine wrapping paper recyclable';
    const { reply } = await askApi(server.url, question);
    if (!reply.ticketRef) throw new Error(`"${question}" did not open a ticket (${reply.kind})`);
    const page = await newTab();
    await signIn(page, 'Wafa', WRITER_TOKEN);

    // Act 1: on the ticket, mark it as answered by an article typed in
    await page.goto(`${server.url}/staff#/tickets/${reply.ticketRef}`);
    await page
      .locator('#answered-by-select')
      .selectOption({ label: 'Another article (type its id)' });
    await page.locator('#answered-by-id').fill('gift-orders');
    await page.getByRole('button', { name: 'Mark as answered by this article' }).click();
    const marked = page.locator('.answered-by-article');
    await marked.waitFor({ timeout: WAIT_MS });
    const markedText = await marked.textContent();

    // Act 2: the suggestion appears; accept it with an edited wording
    await page.getByRole('link', { name: 'Suggestions' }).click();
    const item = page.locator('li.suggestion.phrasing', { hasText: 'gift-orders' }).first();
    await item.waitFor({ timeout: WAIT_MS });
    const examples = await item.locator('ul.examples').textContent();
    const effect = page.locator('.suggestion-group[data-article="gift-orders"] table.effect-table');
    await effect.waitFor({ timeout: WAIT_MS });
    const effectRows = await effect.locator('tbody th').allTextContents();
    await item.locator('input').fill('is your gift wrapping paper recyclable');
    await item.getByRole('button', { name: 'Accept' }).click();
    const open = item.getByRole('link', { name: 'Open draft of gift-orders' });
    await open.waitFor({ timeout: WAIT_MS });
    await open.click();
    await page.locator('#studio-source').waitFor({ timeout: WAIT_MS });
    const draft = await page.locator('#studio-source').inputValue();
    const state = await page.locator('.state-line').textContent();

    // Assess
    expect(markedText).toContain('gift-orders');
    expect(markedText).toContain('Wafa');
    expect(examples).toContain(question);
    expect(effectRows).toEqual([
      expect.stringMatching(/^Before \(\d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d\)$/),
      expect.stringMatching(/^After \(\d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d\)$/),
    ]);
    expect(draft).toMatch(/^ {2}- is your gift wrapping paper recyclable$/m);
    expect(state).toContain('Draft saved by');
  });

  it('creates a new Arabic article as a draft, right to left, and discards it (phone width)', async () => {
    // Prepare
    const page = await newTab();
    await page.setViewportSize({ width: 390, height: 844 });
    await signIn(page, 'Wafa', WRITER_TOKEN);
    await page.goto(`${server.url}/staff#/studio?lang=ar`);
    await page.locator('table.studio-articles tbody tr').first().waitFor({ timeout: WAIT_MS });
    const listOverflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );

    // Act 1: new article from the list
    await page.getByRole('button', { name: 'New article' }).click();
    await page.locator('#new-id').fill('zephyrine-wrap');
    await page.locator('#new-title').fill('تغليف زفيرين');
    const template = await page.locator('#new-source').inputValue();
    await page.getByRole('button', { name: 'Create draft' }).click();
    await page.waitForURL(/#\/studio\/ar\/zephyrine-wrap$/, { timeout: WAIT_MS });
    await page.locator('#studio-source').waitFor({ timeout: WAIT_MS });
    const lint = await waitForLint(page);
    await page.locator('.web-preview').filter({ hasText: /\S/ }).waitFor({ timeout: WAIT_MS });
    const state = await page.locator('.state-line').textContent();
    const previewDir = await page.locator('.web-preview').getAttribute('dir');
    const headingFocused = await page.evaluate(() => document.activeElement?.tagName);
    const editorOverflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    const listed = await writerApi<{
      items: { id: string; draft?: unknown; published: boolean }[];
    }>('GET', '/api/staff/studio/articles?lang=ar');

    // Act 2: discard the draft
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Discard draft' }).click();
    await page
      .locator('.editor-main p.ok[role="status"]')
      .filter({ hasText: 'Draft discarded' })
      .waitFor({ timeout: WAIT_MS });
    const gone = await writerApi('GET', '/api/staff/studio/articles/ar/zephyrine-wrap');

    // Assess
    expect(listOverflow).toBeLessThanOrEqual(0);
    expect(template).toMatch(/^id: zephyrine-wrap$/m);
    expect(template).toMatch(/^title: تغليف زفيرين$/m);
    expect(template).toMatch(/^lang: ar$/m);
    expect(lint).not.toMatch(/^[1-9]\d* errors?/);
    expect(state).toContain('Not published. Draft saved by Wafa');
    expect(previewDir).toBe('rtl');
    expect(headingFocused).toBe('H1');
    expect(editorOverflow).toBeLessThanOrEqual(0);
    expect(listed.json.items.find((a) => a.id === 'zephyrine-wrap')).toMatchObject({
      published: false,
      draft: { by: 'Wafa' },
    });
    expect(gone.status).toBe(404);
  });

  it('shows an agent no studio links and the writer-role message on a studio page', async () => {
    // Prepare
    const page = await newTab();
    await signIn(page, 'Alice', server.staffToken);

    // Act
    await page.locator('nav[data-roles="agent"]').waitFor({ state: 'attached', timeout: WAIT_MS });
    const studioLinks = await page.locator('nav a[data-role="writer"]:visible').count();
    await page.goto(`${server.url}/staff#/studio?lang=en`);
    const notice = page.locator('.forbidden[role="alert"]');
    await notice.waitFor({ timeout: WAIT_MS });
    const noticeText = await notice.textContent();
    await page.goto(`${server.url}/staff#/suggestions`);
    await page.locator('.forbidden[role="alert"]').waitFor({ timeout: WAIT_MS });

    // Assess
    expect(studioLinks).toBe(0);
    expect(noticeText).toContain('needs the writer role');
    expect(noticeText).toContain('HTTP 403');
    expect(await page.locator('#studio-source').count()).toBe(0);
  });
});
