/**
 * The content studio's core (StudioService) over in-memory stores and a real index: drafts, lint
 * in the collection, previews, try-it, test-all, publish with history, audit, conflicts and
 * rejections, rollback, withdraw, and adding accepted phrasings to drafts.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NotFoundError, ValidationError } from '#core/errors.ts';
import { ArticleRejectedError, ArticleTooLargeError } from '#core/studio/studio-errors.ts';
import { articleRef, sourceHash } from '#core/studio/studio-keys.ts';
import { createStudioFixture, type StudioFixture } from './studio-fixture.ts';

const GIFT_WRAP = `---
title: Gift wrapping
lang: en
questions:
  - can you gift wrap my order
  - do you offer gift wrapping
  - add a gift message and wrapping paper
summary: Choose gift wrapping at checkout for 10 SAR; add a message of up to 200 characters.
owner: orders-team
updated: 2026-11-20
---
# Gift wrapping

## Add gift wrapping
At checkout, tick **Gift wrap this order** and type your message.
`;
const NEW_QUESTION = 'do you offer gift wrapping';
const GIFT = articleRef('en', 'gift-wrap');
const REFUNDS = articleRef('en', 'refunds');

let f: StudioFixture;
beforeEach(async () => {
  f = await createStudioFixture();
});
afterEach(async () => {
  await f.close();
});

describe('drafts', () => {
  it('saves a draft on top of the live article, keeping the hash it started from', async () => {
    const live = f.source(REFUNDS.file);

    const saved = await f.studio.saveDraft(REFUNDS, live.replace('30 days', '45 days'), 'Huda');
    f.advance(1_000);
    await f.studio.saveDraft(REFUNDS, live.replace('30 days', '60 days'), 'Mariam');
    const article = await f.studio.getArticle(REFUNDS);

    expect(saved.draft).toMatchObject({
      file: 'en/refunds.md',
      by: 'Huda',
      baseHash: sourceHash(live),
    });
    expect(article.live).toEqual({ source: live, hash: sourceHash(live) });
    expect(article.draft).toMatchObject({ by: 'Mariam', baseHash: sourceHash(live) });
    expect(article.draft?.source).toContain('60 days');
    expect(await f.studio.discardDraft(REFUNDS)).toEqual({ discarded: true });
    expect((await f.studio.getArticle(REFUNDS)).draft).toBeUndefined();
  });

  it('a new article has no live version and an empty base hash; an unknown one is 404', async () => {
    const { draft } = await f.studio.saveDraft(GIFT, GIFT_WRAP, 'Huda');

    expect(draft.baseHash).toBe('');
    expect((await f.studio.getArticle(GIFT)).live).toBeUndefined();
    await expect(f.studio.getArticle(articleRef('ar', 'gift-wrap'))).rejects.toThrow(NotFoundError);
  });

  it('saving never fails on lint, but does on size', async () => {
    const saved = await f.studio.saveDraft(GIFT, '---\ntitle: [\n---\n', 'Huda');

    expect(saved.problems.some((p) => p.severity === 'error')).toBe(true);
    await expect(f.studio.saveDraft(GIFT, 'x'.repeat(70_000), 'Huda')).rejects.toThrow(
      ArticleTooLargeError,
    );
  });
});

describe('lint in the collection', () => {
  it('a broken link is a warning, a duplicate id and a mismatched id are errors', async () => {
    const broken = GIFT_WRAP.replace(
      'and type your message.',
      'see [wrapping](wrapping-paper.md).',
    );
    const duplicate = GIFT_WRAP.replace(
      'title: Gift wrapping',
      'id: refunds\ntitle: Gift wrapping',
    );

    const linkProblems = await f.studio.lint(GIFT.file, broken);
    const idProblems = await f.studio.lint(GIFT.file, duplicate);

    expect(linkProblems).toContainEqual(
      expect.objectContaining({
        severity: 'warning',
        message: expect.stringMatching(/broken link 'wrapping-paper.md'/),
      }),
    );
    expect(linkProblems.some((p) => p.severity === 'error')).toBe(false);
    expect(idProblems.filter((p) => p.severity === 'error').map((p) => p.message)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/duplicate id 'refunds'/),
        expect.stringMatching(/does not match the file name/),
      ]),
    );
  });

  it('an English draft hears about facts its Arabic version states differently', async () => {
    const problems = await f.studio.lint('en/delivery-times.md', f.source('en/delivery-times.md'));

    expect(problems).toContainEqual(
      expect.objectContaining({
        file: 'en/delivery-times.md',
        severity: 'warning',
        message: expect.stringMatching(/facts differ from en\/delivery-times.md/),
      }),
    );
  });

  it('refuses a file name that is not <lang>/<id>.md', async () => {
    await expect(f.studio.lint('../etc/passwd', 'x')).rejects.toThrow(ValidationError);
    await expect(f.studio.lint('fr/x.md', 'x')).rejects.toThrow(ValidationError);
  });
});

describe('preview', () => {
  it('renders the answer for the web (escaped), SMS (segments) and Alexa (SSML)', async () => {
    const risky = GIFT_WRAP.replace('Choose gift', '<script>alert(1)</script> Choose gift');

    const preview = await f.studio.preview(GIFT.file, risky);
    const arabic = await f.studio.preview('ar/refunds.md', f.source('ar/refunds.md'));

    expect(preview.web.html).not.toContain('<script>');
    expect(preview.web.html).toContain('&#60;script&#62;');
    expect(preview.web.sections.map((s) => s.heading)).toEqual(['Add gift wrapping']);
    expect(preview.sms).toMatchObject({ encoding: 'GSM-7', segments: expect.any(Number) });
    expect(preview.sms.text).toContain('https://help.example/help/en/gift-wrap');
    expect(preview.alexa.ssml).toMatch(/^<speak>.*Choose gift wrapping.*<\/speak>$/s);
    expect(arabic.sms.encoding).toBe('UCS-2');
    expect(arabic.sms.segments).toBeGreaterThanOrEqual(2);
  });

  it('a draft that does not parse into an article is a 422 with its problems', async () => {
    const error = await f.studio.preview(GIFT.file, '---\ntitle: [\n---\n').catch((e) => e);

    expect(error).toBeInstanceOf(ArticleRejectedError);
    expect((error as ArticleRejectedError).problems[0]?.message).toMatch(/invalid YAML/);
  });
});

describe('try it and test all', () => {
  it('the draft index answers a new question with the new article, the live one does not', async () => {
    const tried = await f.studio.tryQuestion(GIFT.file, GIFT_WRAP, NEW_QUESTION, 'en');

    expect(tried.draft.decision).toBe('answer');
    expect(tried.draft.top[0]).toMatchObject({ articleId: 'gift-wrap', title: 'Gift wrapping' });
    expect(tried.draft.top.length).toBeLessThanOrEqual(3);
    expect(tried.draft.why).toEqual(
      expect.arrayContaining(['lang en (given)', expect.stringMatching(/^matched .*gift/)]),
    );
    expect(tried.live.top.map((t) => t.articleId)).not.toContain('gift-wrap');
    await expect(f.studio.tryQuestion(GIFT.file, GIFT_WRAP, 'x'.repeat(501))).rejects.toThrow(
      /at most 500/,
    );
    await expect(f.studio.tryQuestion(GIFT.file, GIFT_WRAP, 'q', 'fr')).rejects.toThrow(
      ValidationError,
    );
  });

  it('reports a lost question when a draft deletes its listed questions', async () => {
    const live = f.source('en/reset-password.md');
    const withoutQuestions = live.replace(/questions:\n(?: {2}- .*\n)+/, '');

    const report = await f.studio.testAll('en/reset-password.md', withoutQuestions);

    expect(report.total).toBeGreaterThanOrEqual(18);
    expect(report.lost.map((r) => r.question)).toContain('locked out of my account');
    expect(report.lost[0]).toMatchObject({
      expected: 'reset-password',
      source: 'listed',
      live: { decision: 'answer', articleId: 'reset-password' },
    });
    expect(
      report.unchanged + report.gained.length + report.lost.length + report.changed.length,
    ).toBe(report.total);
  });

  it('asks the accepted suggestion phrasings too, and gains what a new article answers', async () => {
    const before = await f.studio.testAll(GIFT.file, GIFT_WRAP);
    f.accepted.push({ articleId: 'gift-wrap', lang: 'en', phrasing: 'gift wrapping for my order' });

    const report = await f.studio.testAll(GIFT.file, GIFT_WRAP);

    expect(before.gained.map((r) => r.question)).toContain(NEW_QUESTION);
    expect(report.total).toBe(before.total + 1);
    expect(report.gained).toContainEqual(
      expect.objectContaining({
        question: 'gift wrapping for my order',
        expected: 'gift-wrap',
        source: 'accepted-suggestion',
        draft: expect.objectContaining({ decision: 'answer', articleId: 'gift-wrap' }),
      }),
    );
  });

  it('the same content as live is the live index itself: nothing changes', async () => {
    const report = await f.studio.testAll(REFUNDS.file, f.source(REFUNDS.file));

    expect(report).toMatchObject({ gained: [], lost: [], changed: [] });
    expect(report.unchanged).toBe(report.total);
  });
});
