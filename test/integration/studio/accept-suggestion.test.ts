/**
 * The learning loop feeding the studio on the local server: a customer's pick from "did you
 * mean" becomes an "add this phrasing" suggestion; a writer accepts it and the phrasing is added
 * to the article's draft `questions` (the draft created from the live article, the rest of the
 * file unchanged), in English and in Arabic — nothing reaches customers until it is published.
 */
import { describe, expect, it } from 'vitest';
import { parseArticle } from '#core/knowledge/parse-article.ts';
import { useStudioServer } from './studio-server.ts';

/** Every question becomes a close call ("did you mean"), as in the learning loop's own test. */
const server = useStudioServer({
  env: {
    MUJIB_THRESHOLD_ANSWER: '1',
    MUJIB_THRESHOLD_CLARIFY: '0.0001',
    MUJIB_THRESHOLD_CLARIFY_MARGIN: '1',
  },
});
const { call, writer, agent, chat } = server;

/** Asks, then picks the option for `articleId`; returns the pending suggestion it made. */
async function pickAndSuggest(question: string, lang: 'en' | 'ar', articleId: string) {
  const asked = await chat(question, { lang });
  expect(asked.reply.kind).toBe('clarify');
  const index = (asked.reply.options as { articleId: string }[]).findIndex(
    (o) => o.articleId === articleId,
  );
  expect(index).toBeGreaterThanOrEqual(0);
  const picked = await chat(String(index + 1), { lang, sessionId: asked.sessionId });
  expect(picked.reply.article.id).toBe(articleId);
  const { status, body } = await call('GET', `/api/staff/suggestions?lang=${lang}`, {
    headers: writer(),
  });
  expect(status).toBe(200);
  const suggestion = (body.items as Record<string, any>[]).find(
    (s) => s.kind === 'phrasing' && s.articleId === articleId && s.phrasing === question,
  );
  expect(suggestion).toBeDefined();
  return suggestion!;
}

async function liveAndDraft(lang: string, id: string) {
  const { body } = await call('GET', `/api/staff/studio/articles/${lang}/${id}`, {
    headers: writer(),
  });
  return body as { live: { source: string }; draft?: { source: string; by: string } };
}

describe('accepting a phrasing suggestion adds it to the article draft', () => {
  it('in English: the draft is created from the live article with the phrasing added', async () => {
    const suggestion = await pickAndSuggest(
      'cannot sign in to my account password',
      'en',
      'reset-password',
    );
    expect(
      (await call('POST', `/api/staff/suggestions/${suggestion.id}/accept`, { headers: agent() }))
        .status,
    ).toBe(403);

    const accepted = await call('POST', `/api/staff/suggestions/${suggestion.id}/accept`, {
      body: { phrasing: 'I cannot get into my account' },
      headers: writer('Mariam'),
    });

    expect(accepted.status).toBe(200);
    expect(accepted.body.draft).toEqual({ file: 'en/reset-password.md', added: true });
    const { live, draft } = await liveAndDraft('en', 'reset-password');
    expect(draft?.by).toBe('Mariam');
    expect(draft!.source.replace('\n  - I cannot get into my account', '')).toBe(live.source);
    expect(
      parseArticle(draft!.source, 'en/reset-password.md', { defaultLang: 'en' }).article?.questions,
    ).toContain('I cannot get into my account');
  });

  it('in Arabic: the phrasing is added to the Arabic article, the rest byte-identical', async () => {
    const question = 'كلمة المرور لا تعمل';
    const suggestion = await pickAndSuggest(question, 'ar', 'reset-password');

    const accepted = await call('POST', `/api/staff/suggestions/${suggestion.id}/accept`, {
      headers: writer('Mariam'),
    });

    expect(accepted.status).toBe(200);
    expect(accepted.body.draft).toEqual({ file: 'ar/reset-password.md', added: true });
    const { live, draft } = await liveAndDraft('ar', 'reset-password');
    expect(draft!.source.replace(`\n  - ${question}`, '')).toBe(live.source);
    expect(
      parseArticle(draft!.source, 'ar/reset-password.md', { defaultLang: 'ar' }).article?.questions,
    ).toContain(question);
  });

  it('a second accepted phrasing goes into the existing draft', async () => {
    const suggestion = await pickAndSuggest(
      'my login password stopped working',
      'en',
      'reset-password',
    );
    const before = (await liveAndDraft('en', 'reset-password')).draft!.source;

    const accepted = await call('POST', `/api/staff/suggestions/${suggestion.id}/accept`, {
      headers: writer(),
    });

    expect(accepted.body.draft).toEqual({ file: 'en/reset-password.md', added: true });
    const after = (await liveAndDraft('en', 'reset-password')).draft!.source;
    expect(after.replace('\n  - my login password stopped working', '')).toBe(before);
  });
});
