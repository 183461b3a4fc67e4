/**
 * The learning loop through the real local server (dynalite, the real app and routes): a "did
 * you mean" pick and a staff "answered by article" mark become suggestions; writers accept or
 * dismiss them (audited, 409 on a second decision); picks and bare "2" replies stay out of the
 * gap report; the per-article effect compares containment before and after a day.
 */
import { describe, expect, it } from 'vitest';
import { GAP_CONFIDENCE } from '#core/analytics/stats-events.ts';
import { MemoryDocumentStore } from '#adapters/memory/memory-document-store.ts';
import { useTestServer } from '../../helpers/local-server.ts';

/** Thresholds that make close calls of ordinary questions (as in the SMS clarification test). */
const CLARIFY_BAND = {
  MUJIB_THRESHOLD_ANSWER: '1',
  MUJIB_THRESHOLD_CLARIFY: '0.0001',
  MUJIB_THRESHOLD_CLARIFY_MARGIN: '1',
};
const CLOSE_CALL = 'locked out of my account password';

// The studio's stores in memory: accepting a phrasing must not write drafts into .data/.
const server = useTestServer({
  buildWeb: false,
  env: CLARIFY_BAND,
  studio: { live: new MemoryDocumentStore(), studio: new MemoryDocumentStore() },
});
const { get, post, staff } = server;
/** Headers of a signed-in writer (suggestions are writers' work). */
const writer = (name = 'Huda') => ({
  authorization: `Bearer ${server.app.config.writerToken}`,
  'x-staff-name': name,
});

async function chat(sessionId: string | undefined, text: string) {
  const { status, body } = await post('/api/chat', { ...(sessionId ? { sessionId } : {}), text });
  expect(status).toBe(200);
  return body as { sessionId: string; messageId: string; reply: Record<string, any> };
}

/** Asks the close call, picks option 2; returns the picked article and the pick's turn. */
async function clarifyAndPick() {
  const asked = await chat(undefined, CLOSE_CALL);
  expect(asked.reply.kind).toBe('clarify');
  const picked = await chat(asked.sessionId, '2');
  expect(picked.reply.kind).toBe('answer');
  const articleId = asked.reply.options[1].articleId as string;
  expect(picked.reply.article.id).toBe(articleId);
  return { asked, picked, articleId };
}

async function suggestions(lang = 'en') {
  const { status, body } = await get(`/api/staff/suggestions?lang=${lang}`, writer());
  expect(status).toBe(200);
  return body.items as Record<string, any>[];
}

describe('the learning loop on the local server', () => {
  it('keeps a chosen "did you mean" option and a bare "2" out of the gap report', async () => {
    const { picked } = await clarifyAndPick();
    const stray = await chat(undefined, '2');
    // A real gap: three close calls in a row escalate.
    const gap = await chat(undefined, 'password');
    await chat(gap.sessionId, 'my password');
    const escalated = await chat(gap.sessionId, 'can I pay my bill with bitcoin');
    const pickTurn = await server.app.sessionLog.getTurn(picked.sessionId, picked.messageId);
    const strayTurn = await server.app.sessionLog.getTurn(stray.sessionId, stray.messageId);

    // Before the fix both were gap questions: the pick carries the option's (low) confidence,
    // and a stray "2" is a question nothing matches.
    expect(pickTurn?.confidence).toBeLessThan(GAP_CONFIDENCE);
    expect(pickTurn?.picked?.question).toBe(CLOSE_CALL);
    expect(['answer', 'clarify', 'escalate']).toContain(strayTurn?.outcome);
    expect(escalated.reply.kind).toBe('escalate');
    const { body } = await get('/api/staff/gaps/clusters?lang=en&days=30', staff());
    const examples = (body.clusters as { examples: string[] }[]).flatMap((c) => c.examples);
    expect(examples).toContain('can I pay my bill with bitcoin');
    expect(examples).not.toContain('2');
  });

  it('turns picks into an "add this phrasing" suggestion with counts and examples', async () => {
    const { articleId } = await clarifyAndPick();
    const items = await suggestions();
    const phrasing = items.find((s) => s.kind === 'phrasing' && s.articleId === articleId);
    expect(phrasing).toMatchObject({
      phrasing: CLOSE_CALL,
      examples: [CLOSE_CALL],
      lang: 'en',
    });
    expect(phrasing!.picked).toBeGreaterThanOrEqual(2);
    expect(phrasing!.count).toBe(phrasing!.picked);
    // "Write an article about …" comes from the gap clusters (the escalation above).
    expect(items.some((s) => s.kind === 'article' && s.examples.length > 0)).toBe(true);
  });

  it('a thumbs down on a picked answer is counted against the phrasing', async () => {
    const { picked, articleId } = await clarifyAndPick();
    const feedback = await post('/api/chat/feedback', {
      sessionId: picked.sessionId,
      messageId: picked.messageId,
      value: 'down',
    });
    expect(feedback.status).toBeLessThan(300);
    const phrasing = (await suggestions()).find(
      (s) => s.kind === 'phrasing' && s.articleId === articleId,
    );
    expect(phrasing?.thumbsDown).toBe(1);
    expect(phrasing!.count).toBeGreaterThan(phrasing!.thumbsDown);
  });

  it('"answered by article" on an escalated ticket becomes a suggestion that says it ranked first', async () => {
    // Three close calls in a row: the bot stops asking and opens a ticket.
    const first = await chat(undefined, 'password');
    await chat(first.sessionId, 'my password');
    const third = await chat(first.sessionId, 'password reset link never came');
    expect(third.reply.kind).toBe('escalate');
    const ref = third.reply.ticketRef as string;
    const ticket = (await get(`/api/staff/tickets/${ref}`, staff())).body;
    const top = ticket.candidates[0].articleId as string;

    const marked = await post(`/api/staff/tickets/${ref}/answered-by`, { articleId: top }, staff());
    expect(marked.status).toBe(200);
    expect(marked.body.answeredBy).toMatchObject({ articleId: top, by: 'Huda' });
    expect(
      (await post(`/api/staff/tickets/${ref}/answered-by`, { articleId: 'no spaces!' }, staff()))
        .status,
    ).toBe(400);
    expect(
      (await post('/api/staff/tickets/MJ-ZZZZZZ/answered-by', { articleId: top }, staff())).status,
    ).toBe(404);

    const phrasing = (await suggestions()).find(
      (s) => s.kind === 'phrasing' && s.phrasing === 'password reset link never came',
    );
    expect(phrasing).toMatchObject({ articleId: top, answeredBy: 1, rankedFirst: 1, count: 1 });
    // Answered by an article: a phrasing to add, not also an article to write.
    const articles = (await suggestions()).filter((s) => s.kind === 'article');
    expect(articles.flatMap((s) => s.examples)).not.toContain('password reset link never came');
  });

  it('accepting records who and when and returns the (edited) phrasing; a second decision is a 409', async () => {
    const { articleId } = await clarifyAndPick();
    const pending = (await suggestions()).find(
      (s) => s.kind === 'phrasing' && s.articleId === articleId,
    )!;

    const accepted = await post(
      `/api/staff/suggestions/${pending.id}/accept`,
      { phrasing: 'I am locked out of my account' },
      writer('Mariam'),
    );
    const again = await post(`/api/staff/suggestions/${pending.id}/dismiss`, '', writer());
    const accepted2 = await get(`/api/staff/articles/${articleId}/accepted-phrasings`, writer());

    expect(accepted.status).toBe(200);
    expect(accepted.body.phrasingToAdd).toBe('I am locked out of my account');
    expect(accepted.body.decision).toMatchObject({
      status: 'accepted',
      by: 'Mariam',
      articleId,
      phrasing: 'I am locked out of my account',
    });
    expect(Date.parse(accepted.body.decision.at)).not.toBeNaN();
    expect(again.status).toBe(409);
    expect(again.body.error ?? again.body.message).toMatch(/already accepted by Mariam/);
    expect(accepted2.body.phrasings).toEqual(['I am locked out of my account']);
    expect((await suggestions()).some((s) => s.id === pending.id)).toBe(false);
  });

  it('dismissing hides a suggestion; unknown ids are 404 and the writer role is required', async () => {
    const article = (await suggestions()).find((s) => s.kind === 'article')!;
    const dismissed = await post(`/api/staff/suggestions/${article.id}/dismiss`, '', writer());
    expect(dismissed.status).toBe(200);
    expect(dismissed.body.decision).toMatchObject({ status: 'dismissed', kind: 'article' });
    expect((await suggestions()).some((s) => s.id === article.id)).toBe(false);

    expect(
      (await post('/api/staff/suggestions/phr-0123456789abcdef/accept', '', writer())).status,
    ).toBe(404);
    expect((await post('/api/staff/suggestions/../../x/accept', '', writer())).status).toBe(404);
    expect((await get('/api/staff/suggestions?lang=en')).status).toBe(401);
    expect((await get('/api/staff/suggestions?lang=en', staff())).status).toBe(403);
    expect((await get('/api/staff/suggestions?lang=fr', writer())).status).toBe(400);
  });

  it("shows an article's containment and escalations before and after a day", async () => {
    const { articleId } = await clarifyAndPick();
    const today = new Date().toISOString().slice(0, 10);
    const { status, body } = await get(
      `/api/staff/articles/${articleId}/effect?since=${today}`,
      writer(),
    );
    expect(status).toBe(200);
    expect(body.before).toMatchObject({ answers: 0, escalations: 0, containment: null });
    expect(body.after.answers).toBeGreaterThanOrEqual(1);
    expect(body.after.containment).toBeGreaterThan(0);
    expect(
      (await get(`/api/staff/articles/${articleId}/effect?since=yesterday`, writer())).status,
    ).toBe(400);
  });

  it("erasing a customer's data also deletes the learning signals quoting their questions", async () => {
    const { picked } = await clarifyAndPick();
    await server.app.settleAnalytics();

    const erased = await post('/api/staff/erasures', { sessionId: picked.sessionId }, staff());
    const again = await post('/api/staff/erasures', { sessionId: picked.sessionId }, staff());

    expect(erased.status).toBe(201);
    // The pick's signal (the store's contract test checks deletion by key itself).
    expect(erased.body.learningSignals).toBe(1);
    expect(again.body.learningSignals).toBe(0);
  });
});
