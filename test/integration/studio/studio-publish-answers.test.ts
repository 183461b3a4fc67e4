/**
 * A writer's round trip on the local server, checked through the bot itself: after publish
 * returns, web chat answers a new question with the new article; a rollback brings the previous
 * answer back; a withdrawal stops the answer at once, even though other articles link to it.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useStudioServer } from './studio-server.ts';
import { GIFT_WRAP_SOURCE } from '../../unit/studio/studio-fixture.ts';

const server = useStudioServer();
const { call, writer, chat } = server;
const ARTICLE = '/api/staff/studio/articles';

const LOYALTY = `---
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

async function answeredBy(text: string): Promise<string> {
  const { reply } = await chat(text, { lang: 'en' });
  return reply.kind === 'answer' ? (reply.article.id as string) : (reply.kind as string);
}

describe('publishing through the studio changes what the bot answers', () => {
  it('publish → the bot answers a new question with the new article; rollback restores the old answer', async () => {
    expect(await answeredBy('do you offer gift wrapping')).not.toBe('gift-wrap');
    const saved = await call('PUT', `${ARTICLE}/en/gift-wrap/draft`, {
      body: { source: GIFT_WRAP_SOURCE },
      headers: writer(),
    });
    expect(saved.status).toBe(200);

    const published = await call('POST', `${ARTICLE}/en/gift-wrap/publish`, {
      body: { expectedHash: '' },
      headers: writer(),
    });

    expect(published.status).toBe(200);
    expect(published.body.rebuild.status).toBe('published');
    expect(await answeredBy('do you offer gift wrapping')).toBe('gift-wrap');
    expect(await readFile(path.join(server.knowledgeDir, 'en', 'gift-wrap.md'), 'utf8')).toBe(
      GIFT_WRAP_SOURCE,
    );

    // Replaced by an article about something else: the question no longer finds it.
    const replaced = await call('POST', `${ARTICLE}/en/gift-wrap/publish`, {
      body: { source: LOYALTY },
      headers: writer(),
    });
    expect(replaced.status).toBe(200);
    expect(await answeredBy('do you offer gift wrapping')).not.toBe('gift-wrap');

    const rolled = await call('POST', `${ARTICLE}/en/gift-wrap/rollback`, {
      body: { version: published.body.version },
      headers: writer(),
    });

    expect(rolled.status).toBe(200);
    expect(await answeredBy('do you offer gift wrapping')).toBe('gift-wrap');
  });

  it('withdrawing an article others link to takes effect at once', async () => {
    // en/refunds.md and en/reset-password.md link to delivery-times.md.
    expect(await answeredBy('how long is shipping')).toBe('delivery-times');

    const withdrawn = await call('DELETE', `${ARTICLE}/en/delivery-times`, { headers: writer() });

    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.rebuild).toEqual({ status: 'published', rejected: [] });
    expect(await answeredBy('how long is shipping')).not.toBe('delivery-times');
    const lint = await call('POST', '/api/staff/studio/lint', {
      body: {
        file: 'en/refunds.md',
        source: await readFile(path.join(server.knowledgeDir, 'en', 'refunds.md'), 'utf8'),
      },
      headers: writer(),
    });
    expect(lint.body.problems).toContainEqual(
      expect.objectContaining({
        severity: 'warning',
        message: expect.stringMatching(/broken link/),
      }),
    );
  });
});
