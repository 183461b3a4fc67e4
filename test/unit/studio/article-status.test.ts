/**
 * The studio's article list: published and draft articles of one language with their statuses —
 * rejected by the last rebuild, missing translation, out of date, contradicting the other
 * language, latest version.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ValidationError } from '#core/errors.ts';
import { isOutOfDate } from '#core/studio/article-status.ts';
import { articleRef, REPORT_KEY } from '#core/studio/studio-keys.ts';
import { createStudioFixture, type StudioFixture } from './studio-fixture.ts';

let f: StudioFixture;
beforeEach(async () => {
  // The fixture's articles were updated on 2026-08-01, 09-30 and 10-14; "now" is 2026-12-01.
  f = await createStudioFixture({ staleAfterDays: 60 });
});
afterEach(async () => {
  await f.close();
});

const byFile = async (lang: string) =>
  new Map((await f.studio.listArticles(lang)).items.map((item) => [item.file, item]));

describe('article statuses', () => {
  it('lists every published article of the language with its title, owner and dates', async () => {
    const list = await f.studio.listArticles('en');

    expect(list.staleAfterDays).toBe(60);
    expect(list.items.map((i) => i.file).sort()).toEqual([
      'en/delivery-times.md',
      'en/refunds.md',
      'en/reset-password.md',
    ]);
    expect(list.items.find((i) => i.id === 'refunds')).toMatchObject({
      lang: 'en',
      title: 'Get a refund',
      owner: 'payments',
      updated: '2026-08-01',
      published: true,
      missingTranslation: false,
    });
  });

  it('marks articles not updated within staleAfterDays as out of date', async () => {
    const items = await byFile('en');

    expect(items.get('en/refunds.md')?.outOfDate).toBe(true);
    expect(items.get('en/delivery-times.md')?.outOfDate).toBe(true);
    expect(items.get('en/reset-password.md')?.outOfDate).toBe(false);
    expect(isOutOfDate(undefined, new Date(), 180)).toBe(true);
    expect(isOutOfDate('soon', new Date(), 180)).toBe(true);
  });

  it('shows the facts that contradict the other language, from each side', async () => {
    const en = (await byFile('en')).get('en/delivery-times.md');
    const ar = (await byFile('ar')).get('ar/delivery-times.md');

    expect(en?.contradicts).toContainEqual({ fact: 'time', here: '14:00', there: '(not stated)' });
    expect(ar?.contradicts).toContainEqual({ fact: 'time', here: '(not stated)', there: '14:00' });
    expect((await byFile('en')).get('en/refunds.md')?.contradicts).toEqual([]);
  });

  it('lists drafts of new articles, missing their translation until one is drafted', async () => {
    const source = '---\ntitle: Gift wrapping\nquestions: [a, b, c]\n---\nWrap it.\n';
    await f.studio.saveDraft(articleRef('en', 'gift-wrap'), source, 'Huda');
    const before = (await byFile('en')).get('en/gift-wrap.md');
    await f.studio.saveDraft(articleRef('ar', 'gift-wrap'), source.replace('Gift', 'هدية'), 'Huda');
    const after = (await byFile('en')).get('en/gift-wrap.md');

    expect(before).toMatchObject({
      title: 'Gift wrapping',
      published: false,
      draft: { by: 'Huda', at: '2026-12-01T09:00:00.000Z' },
      missingTranslation: true,
      outOfDate: true,
      contradicts: [],
    });
    expect(before?.version).toBeUndefined();
    expect(after?.missingTranslation).toBe(false);
  });

  it("shows the last rebuild's rejection with its lint messages, and the latest version", async () => {
    await f.store.put(
      REPORT_KEY,
      JSON.stringify({
        at: '2026-12-01T08:00:00.000Z',
        rejected: [
          {
            file: 'en/refunds.md',
            serving: 'last-good',
            problems: [
              { file: 'en/refunds.md', line: 14, severity: 'error', message: 'empty section' },
            ],
          },
        ],
      }),
    );
    const published = await f.studio.publish(
      articleRef('en', 'reset-password'),
      { source: f.source('en/reset-password.md') + '\nMore.\n' },
      'Huda',
    );

    const items = await byFile('en');

    // The publish rebuilt the index: its report replaced the one above.
    expect(items.get('en/refunds.md')?.rejected).toBeUndefined();
    expect(items.get('en/reset-password.md')?.version).toBe(published.version);
  });

  it('reads a rejection report written by the indexer', async () => {
    await f.store.put(
      REPORT_KEY,
      JSON.stringify({
        at: '2026-12-01T08:00:00.000Z',
        rejected: [
          {
            file: 'en/refunds.md',
            serving: 'none',
            problems: [
              { file: 'en/refunds.md', line: 14, severity: 'error', message: 'empty section' },
            ],
          },
        ],
      }),
    );

    expect((await byFile('en')).get('en/refunds.md')?.rejected).toEqual({
      serving: 'none',
      problems: [{ line: 14, severity: 'error', message: 'empty section' }],
    });
  });

  it('refuses an unknown language', async () => {
    await expect(f.studio.listArticles('fr')).rejects.toThrow(ValidationError);
  });
});
