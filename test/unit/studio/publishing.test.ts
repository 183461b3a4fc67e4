/**
 * Publishing through the studio core: the live index answers the new way when publish returns,
 * every version is kept with an audit entry, a stale view is a conflict, lint errors refuse the
 * article, rollback restores an earlier answer, withdrawing always takes effect, and accepted
 * phrasings land in the article's draft.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NotFoundError, ValidationError } from '#core/errors.ts';
import { DEFAULT_THRESHOLDS } from '#core/retrieval/default-thresholds.ts';
import { parseArticle } from '#core/knowledge/parse-article.ts';
import {
  ArticleRejectedError,
  ArticleTooLargeError,
  StudioConflictError,
} from '#core/studio/studio-errors.ts';
import { articleRef, REPORT_KEY, sourceHash } from '#core/studio/studio-keys.ts';
import { createStudioFixture, type StudioFixture } from './studio-fixture.ts';
import { GIFT_WRAP_SOURCE } from './studio-fixture.ts';

const GIFT = articleRef('en', 'gift-wrap');
const REFUNDS = articleRef('en', 'refunds');

let f: StudioFixture;
beforeEach(async () => {
  f = await createStudioFixture();
});
afterEach(async () => {
  await f.close();
});

async function answerTo(text: string): Promise<string> {
  const decision = (await f.knowledge.current()).decide({ text, lang: 'en' }, DEFAULT_THRESHOLDS);
  return decision.kind === 'answer' ? decision.answer.articleId : decision.kind;
}

describe('publish', () => {
  it('publishes the saved draft: the live index answers with it when publish returns', async () => {
    expect(await answerTo('do you offer gift wrapping')).not.toBe('gift-wrap');
    await f.studio.saveDraft(GIFT, GIFT_WRAP_SOURCE, 'Huda');

    const published = await f.studio.publish(GIFT, {}, 'Huda');

    expect(published.rebuild).toEqual({ status: 'published', rejected: [] });
    expect(published.version).toMatch(/^\d{8}T\d{9}Z-[0-9a-f]{8}$/);
    expect(await answerTo('do you offer gift wrapping')).toBe('gift-wrap');
    expect((await f.live.get(GIFT.file))?.text).toBe(GIFT_WRAP_SOURCE);
    expect((await f.studio.getArticle(GIFT)).draft).toBeUndefined();
    expect((await f.studio.history(GIFT)).items).toEqual([
      expect.objectContaining({
        version: published.version,
        by: 'Huda',
        action: 'publish',
        hash: sourceHash(GIFT_WRAP_SOURCE),
        bytes: Buffer.byteLength(GIFT_WRAP_SOURCE),
      }),
    ]);
    expect((await f.studio.auditLog(10)).items).toEqual([
      expect.objectContaining({
        by: 'Huda',
        action: 'publish',
        file: GIFT.file,
        version: published.version,
      }),
    ]);
    expect(JSON.parse((await f.store.get(REPORT_KEY))!.text)).toMatchObject({ rejected: [] });
  });

  it('refuses an article with lint errors (422 with problems) and publishes nothing', async () => {
    const broken = GIFT_WRAP_SOURCE.replace('At checkout, tick **Gift wrap this order**.', '');

    const error = await f.studio.publish(GIFT, { source: broken }, 'Huda').catch((e) => e);

    expect(error).toBeInstanceOf(ArticleRejectedError);
    expect((error as ArticleRejectedError).problems).toContainEqual(
      expect.objectContaining({
        severity: 'error',
        message: "empty section '## Add gift wrapping'",
      }),
    );
    expect(await f.live.get(GIFT.file)).toBeUndefined();
    expect((await f.studio.history(GIFT)).items).toEqual([]);
  });

  it('is a conflict when the live article changed since the writer opened it', async () => {
    const opened = sourceHash(f.source(REFUNDS.file));
    await f.studio.publish(
      REFUNDS,
      { source: f.source(REFUNDS.file).replace('30 days', '31 days'), expectedHash: opened },
      'Mariam',
    );

    const explicit = await f.studio
      .publish(REFUNDS, { source: 'x', expectedHash: opened }, 'Huda')
      .catch((e: unknown) => e);

    expect(explicit).toBeInstanceOf(StudioConflictError);
    expect((explicit as Error).message).toMatch(/changed since you opened it/);
    expect((await f.live.get(REFUNDS.file))?.text).toContain('31 days');
  });

  it('publishing a draft whose live base changed outside the studio is a conflict', async () => {
    await f.studio.saveDraft(REFUNDS, f.source(REFUNDS.file).replace('30 days', '45 days'), 'Huda');
    f.advance(5_000);
    await f.live.put(REFUNDS.file, f.source(REFUNDS.file).replace('30 days', '31 days'));

    const stale = await f.studio.publish(REFUNDS, {}, 'Huda').catch((e: unknown) => e);

    expect(stale).toBeInstanceOf(StudioConflictError);
    expect((await f.live.get(REFUNDS.file))?.text).toContain('31 days');
    expect((await f.studio.getArticle(REFUNDS)).draft?.source).toContain('45 days');
  });

  it('without a draft or a source there is nothing to publish; oversized sources are refused', async () => {
    await expect(f.studio.publish(GIFT, {}, 'Huda')).rejects.toThrow(NotFoundError);
    await expect(
      f.studio.publish(GIFT, { source: GIFT_WRAP_SOURCE + 'x'.repeat(66_000) }, 'Huda'),
    ).rejects.toThrow(ArticleTooLargeError);
  });
});

describe('rollback and withdraw', () => {
  it('rolls back to an earlier version: the previous answer comes back', async () => {
    const first = await f.studio.publish(GIFT, { source: GIFT_WRAP_SOURCE }, 'Huda');
    f.advance(60_000);
    const renamed = `---
title: Loyalty points
lang: en
questions:
  - how many points do I have
  - when do my loyalty points expire
  - spend points on an order
summary: Points are shown in Account, Rewards and expire after 12 months.
updated: 2026-11-20
---
# Loyalty points

## Spend points
Pick **Use points** at checkout.
`;
    await f.studio.publish(
      GIFT,
      { source: renamed, expectedHash: sourceHash(GIFT_WRAP_SOURCE) },
      'Huda',
    );
    expect(await answerTo('do you offer gift wrapping')).not.toBe('gift-wrap');
    f.advance(60_000);

    const rolled = await f.studio.rollback(GIFT, first.version, 'Mariam');

    expect(rolled.rebuild.status).toBe('published');
    expect(await answerTo('do you offer gift wrapping')).toBe('gift-wrap');
    const history = (await f.studio.history(GIFT)).items;
    expect(history.map((h) => h.action)).toEqual(['rollback', 'publish', 'publish']);
    expect(history[0]).toMatchObject({
      version: rolled.version,
      fromVersion: first.version,
      by: 'Mariam',
    });
    expect((await f.studio.historyVersion(GIFT, first.version)).source).toBe(GIFT_WRAP_SOURCE);
  });

  it('the first studio edit of an article from git can be rolled back: its live source is seeded', async () => {
    const original = f.source(REFUNDS.file);
    const edited = await f.studio.publish(
      REFUNDS,
      { source: original.replace('30 days', '45 days'), expectedHash: sourceHash(original) },
      'Huda',
    );
    const history = (await f.studio.history(REFUNDS)).items;

    expect(history.map((h) => [h.action, h.by])).toEqual([
      ['publish', 'Huda'],
      ['publish', 'seed'],
    ]);
    expect(history[0]?.version).toBe(edited.version);
    expect(history[1]?.hash).toBe(sourceHash(original));

    await f.studio.rollback(REFUNDS, history[1]!.version, 'Huda');

    expect((await f.live.get(REFUNDS.file))?.text).toBe(original);
    expect((await f.studio.history(REFUNDS)).items.map((h) => h.action)).toEqual([
      'rollback',
      'publish',
      'publish',
    ]);
  });

  it('an unknown, malformed or withdrawal version cannot be rolled back to', async () => {
    await f.studio.publish(GIFT, { source: GIFT_WRAP_SOURCE }, 'Huda');
    f.advance(1_000);
    const withdrawn = await f.studio.withdraw(GIFT, 'Huda');

    await expect(f.studio.rollback(GIFT, '20260101T000000000Z-00000000', 'H')).rejects.toThrow(
      NotFoundError,
    );
    await expect(f.studio.rollback(GIFT, '../../x', 'H')).rejects.toThrow(ValidationError);
    await expect(f.studio.rollback(GIFT, withdrawn.version, 'H')).rejects.toThrow(/withdrawal/);
  });

  it('withdrawing an article others link to takes effect; the links become warnings', async () => {
    // en/refunds.md links to delivery-times.md#parcels.
    const withdrawn = await f.studio.withdraw(articleRef('en', 'delivery-times'), 'Huda');

    expect(withdrawn.rebuild).toEqual({ status: 'published', rejected: [] });
    expect((await f.knowledge.current()).article('en', 'delivery-times')).toBeUndefined();
    expect((await f.studio.history(articleRef('en', 'delivery-times'))).items[0]).toMatchObject({
      action: 'delete',
      bytes: 0,
    });
    expect(await f.studio.lint(REFUNDS.file, f.source(REFUNDS.file))).toContainEqual(
      expect.objectContaining({
        severity: 'warning',
        message: expect.stringMatching(/broken link/),
      }),
    );
    await expect(f.studio.withdraw(articleRef('en', 'delivery-times'), 'Huda')).rejects.toThrow(
      NotFoundError,
    );
  });

  it('a broken live file is left out while the rest publish, its last good version serving', async () => {
    await f.studio.publish(GIFT, { source: GIFT_WRAP_SOURCE }, 'Huda');
    // Someone edits the file outside the studio and breaks it.
    f.advance(5_000);
    await f.live.put(
      GIFT.file,
      GIFT_WRAP_SOURCE.replace('At checkout, tick **Gift wrap this order**.', ''),
    );

    const next = await f.studio.publish(
      REFUNDS,
      { source: f.source(REFUNDS.file) + '\nMore.\n' },
      'Huda',
    );

    expect(next.rebuild.rejected).toEqual([
      expect.objectContaining({ file: GIFT.file, serving: 'last-good' }),
    ]);
    expect(await answerTo('do you offer gift wrapping')).toBe('gift-wrap');
    const statuses = (await f.studio.listArticles('en')).items;
    expect(statuses.find((s) => s.file === GIFT.file)?.rejected?.problems[0]?.message).toMatch(
      /empty section/,
    );
  });
});

describe('accepted phrasings', () => {
  it('go into the draft, created from the live article when there is none (both languages)', async () => {
    const en = await f.studio.addQuestionToDraft(
      'en',
      'refunds',
      'money back after a return',
      'Huda',
    );
    const again = await f.studio.addQuestionToDraft('en', 'refunds', 'refund to my card', 'Mariam');
    const ar = await f.studio.addQuestionToDraft('ar', 'refunds', 'متى أستلم فلوسي', 'Huda');

    expect(en).toEqual({ file: 'en/refunds.md', added: true });
    expect(again).toEqual({ file: 'en/refunds.md', added: true });
    expect(ar).toEqual({ file: 'ar/refunds.md', added: true });
    const enDraft = (await f.studio.getArticle(REFUNDS)).draft!;
    expect(enDraft.baseHash).toBe(sourceHash(f.source(REFUNDS.file)));
    expect(
      parseArticle(enDraft.source, REFUNDS.file, { defaultLang: 'en' }).article?.questions.slice(
        -2,
      ),
    ).toEqual(['money back after a return', 'refund to my card']);
    const arDraft = (await f.studio.getArticle(articleRef('ar', 'refunds'))).draft!;
    expect(arDraft.source.replace('\n  - متى أستلم فلوسي', '')).toBe(f.source('ar/refunds.md'));
    expect(await f.studio.addQuestionToDraft('en', 'no-such-article', 'x', 'H')).toBeUndefined();
  });
});
