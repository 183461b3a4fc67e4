/**
 * The content studio's HTTP API on the local server (real app, routes, disk stores): roles,
 * every route's happy path, and the errors a client can act on (400, 401, 403, 404, 409, 413,
 * 415, 422).
 */
import { describe, expect, it } from 'vitest';
import { useStudioServer } from './studio-server.ts';

const server = useStudioServer();
const { call, writer, agent } = server;
const STUDIO = '/api/staff/studio';

const NEW_ARTICLE = `---
title: Store opening hours
lang: en
questions:
  - when are your stores open
  - what time does the shop close
  - opening hours on Friday
summary: Stores open 10:00 to 22:00 every day.
updated: 2026-11-01
---
# Store opening hours

## Every day
Stores open 10:00 to 22:00.
`;

describe('roles', () => {
  it('GET /api/staff/me names the caller and their roles', async () => {
    expect(await call('GET', '/api/staff/me', { headers: writer('Mariam') })).toEqual({
      status: 200,
      body: { name: 'Mariam', roles: ['agent', 'writer'] },
    });
    expect((await call('GET', '/api/staff/me', { headers: agent('Huda') })).body).toEqual({
      name: 'Huda',
      roles: ['agent'],
    });
    expect((await call('GET', '/api/staff/me')).status).toBe(401);
  });

  it('agents get 403 on the studio and suggestions; writers also work tickets', async () => {
    const refused = await call('GET', `${STUDIO}/articles?lang=en`, { headers: agent() });
    const suggestions = await call('GET', '/api/staff/suggestions?lang=en', { headers: agent() });

    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatch(/writer role/);
    expect(suggestions.status).toBe(403);
    expect((await call('GET', `${STUDIO}/articles?lang=en`)).status).toBe(401);
    expect((await call('GET', '/api/staff/tickets', { headers: writer() })).status).toBe(200);
    expect((await call('GET', '/api/staff/tickets', { headers: agent() })).status).toBe(200);
  });
});

describe('reading', () => {
  it('lists articles with statuses; an unknown language is a 400', async () => {
    const list = await call('GET', `${STUDIO}/articles?lang=ar`, { headers: writer() });

    expect(list.status).toBe(200);
    expect(list.body.staleAfterDays).toBe(180);
    expect(list.body.items).toHaveLength(3);
    expect(list.body.items[0]).toMatchObject({ lang: 'ar', published: true });
    expect((await call('GET', `${STUDIO}/articles?lang=fr`, { headers: writer() })).status).toBe(
      400,
    );
  });

  it('gets an article; unknown is 404, a bad language or id is 400', async () => {
    const got = await call('GET', `${STUDIO}/articles/en/refunds`, { headers: writer() });

    expect(got.status).toBe(200);
    expect(got.body.file).toBe('en/refunds.md');
    expect(got.body.live.source).toContain('title: Get a refund');
    expect(got.body.live.hash).toMatch(/^[0-9a-f]{64}$/);
    const status = async (route: string) =>
      (await call('GET', `${STUDIO}/articles/${route}`, { headers: writer() })).status;
    expect(await status('en/no-such-article')).toBe(404);
    expect(await status('fr/refunds')).toBe(400);
    expect(await status('en/..%2F..%2Fetc')).toBe(400);
    expect(await status('en/bad%20id')).toBe(400);
  });
});

describe('drafts, lint, preview, try it, test all', () => {
  it('saves and discards a draft; oversized, malformed and non-JSON bodies are refused', async () => {
    const route = `${STUDIO}/articles/en/opening-hours/draft`;
    const saved = await call('PUT', route, { body: { source: NEW_ARTICLE }, headers: writer() });
    const got = await call('GET', `${STUDIO}/articles/en/opening-hours`, { headers: writer() });
    const huge = await call('PUT', route, {
      body: { source: 'x'.repeat(70 * 1024) },
      headers: writer(),
    });
    const noSource = await call('PUT', route, { body: {}, headers: writer() });
    const notJson = await call('PUT', route, {
      body: 'source=x',
      headers: { ...writer(), 'content-type': 'text/plain' },
    });
    const discarded = await call('DELETE', route, { headers: writer() });

    expect(saved.status).toBe(200);
    expect(saved.body.draft).toMatchObject({
      file: 'en/opening-hours.md',
      by: 'Mariam',
      baseHash: '',
    });
    expect(saved.body.problems).toEqual(expect.any(Array));
    expect(got.body.draft.source).toBe(NEW_ARTICLE);
    expect(got.body.live).toBeUndefined();
    expect(huge.status).toBe(413);
    expect(noSource.status).toBe(400);
    expect(notJson.status).toBe(415);
    expect(discarded.body).toEqual({ discarded: true });
    expect(
      (await call('GET', `${STUDIO}/articles/en/opening-hours`, { headers: writer() })).status,
    ).toBe(404);
  });

  it('lints a draft in the collection: a broken link is a warning', async () => {
    const source = NEW_ARTICLE.replace('22:00.\n', '22:00. See [holidays](holiday-hours.md).\n');

    const linted = await call('POST', `${STUDIO}/lint`, {
      body: { file: 'en/opening-hours.md', source },
      headers: writer(),
    });

    expect(linted.status).toBe(200);
    expect(linted.body.problems).toContainEqual(
      expect.objectContaining({
        severity: 'warning',
        message: "broken link 'holiday-hours.md': no file en/holiday-hours.md in the collection",
      }),
    );
    const badFile = await call('POST', `${STUDIO}/lint`, {
      body: { file: 'en/../x.md', source },
      headers: writer(),
    });
    expect(badFile.status).toBe(400);
  });

  it('previews web, SMS and Alexa; a draft that does not parse is a 422 with problems', async () => {
    const preview = await call('POST', `${STUDIO}/preview`, {
      body: { file: 'en/opening-hours.md', source: NEW_ARTICLE },
      headers: writer(),
    });
    const broken = await call('POST', `${STUDIO}/preview`, {
      body: { file: 'en/opening-hours.md', source: '---\ntitle: [\n---\n' },
      headers: writer(),
    });

    expect(preview.status).toBe(200);
    expect(preview.body.web.html).toBe('<p>Stores open 10:00 to 22:00 every day.</p>');
    expect(preview.body.sms).toMatchObject({ encoding: 'GSM-7', segments: 1 });
    expect(preview.body.alexa.ssml).toMatch(/^<speak>.*10:00.*<\/speak>$/s);
    expect(broken.status).toBe(422);
    expect(broken.body.problems[0].message).toMatch(/invalid YAML/);
  });

  it('tries a question against the draft and the live index; too long a question is a 400', async () => {
    const tried = await call('POST', `${STUDIO}/try`, {
      body: {
        file: 'en/opening-hours.md',
        source: NEW_ARTICLE,
        question: 'what time does the shop close',
        lang: 'en',
      },
      headers: writer(),
    });
    const long = await call('POST', `${STUDIO}/try`, {
      body: { file: 'en/opening-hours.md', source: NEW_ARTICLE, question: 'x'.repeat(501) },
      headers: writer(),
    });

    expect(tried.status).toBe(200);
    expect(tried.body.draft.decision).toBe('answer');
    expect(tried.body.draft.top[0].articleId).toBe('opening-hours');
    expect(tried.body.draft.why).toContain('lang en (given)');
    expect(tried.body.live.top.map((t: { articleId: string }) => t.articleId)).not.toContain(
      'opening-hours',
    );
    expect(long.status).toBe(400);
  });

  it('test all reports the questions a draft would lose when it deletes its listed questions', async () => {
    const live = (await call('GET', `${STUDIO}/articles/en/reset-password`, { headers: writer() }))
      .body.live.source as string;

    const report = await call('POST', `${STUDIO}/test-all`, {
      body: {
        file: 'en/reset-password.md',
        source: live.replace(/questions:\n(?: {2}- .*\n)+/, ''),
      },
      headers: writer(),
    });

    expect(report.status).toBe(200);
    expect(report.body.lost).toContainEqual(
      expect.objectContaining({
        question: 'locked out of my account',
        expected: 'reset-password',
        lang: 'en',
        source: 'listed',
        live: expect.objectContaining({ decision: 'answer', articleId: 'reset-password' }),
      }),
    );
    expect(report.body.total).toBeGreaterThan(report.body.lost.length);
  });
});

describe('publishing errors, history and audit', () => {
  it('422 with problems on lint errors, 409 on a stale hash, 400 on a malformed hash', async () => {
    const route = `${STUDIO}/articles/en/opening-hours/publish`;
    const broken = NEW_ARTICLE.replace('Stores open 10:00 to 22:00.\n', '');

    const rejected = await call('POST', route, { body: { source: broken }, headers: writer() });
    const stale = await call('POST', route, {
      body: { source: NEW_ARTICLE, expectedHash: 'a'.repeat(64) },
      headers: writer(),
    });
    const malformed = await call('POST', route, {
      body: { source: NEW_ARTICLE, expectedHash: 'abc' },
      headers: writer(),
    });
    const nothing = await call('POST', route, { headers: writer() });

    expect(rejected.status).toBe(422);
    expect(rejected.body.problems).toContainEqual(
      expect.objectContaining({ severity: 'error', message: "empty section '## Every day'" }),
    );
    expect(stale.status).toBe(409);
    expect(stale.body.liveHash).toBe('');
    expect(malformed.status).toBe(400);
    expect(nothing.status).toBe(404);
  });

  it('publishes, lists history newest first, reads a version, rolls back and audits it all', async () => {
    const route = `${STUDIO}/articles/en/opening-hours`;
    const first = await call('POST', `${route}/publish`, {
      body: { source: NEW_ARTICLE, expectedHash: '' },
      headers: writer('Mariam'),
    });
    const liveHash = (await call('GET', route, { headers: writer() })).body.live.hash;
    const second = await call('POST', `${route}/publish`, {
      body: { source: NEW_ARTICLE.replace('22:00', '23:00'), expectedHash: liveHash },
      headers: writer('Mariam'),
    });
    const history = await call('GET', `${route}/history`, { headers: writer() });
    const version = await call('GET', `${route}/history/${first.body.version}`, {
      headers: writer(),
    });
    const rolled = await call('POST', `${route}/rollback`, {
      body: { version: first.body.version },
      headers: writer('Huda'),
    });
    const audit = await call('GET', `${STUDIO}/audit?limit=3`, { headers: writer() });

    expect(first.status).toBe(200);
    expect(first.body.rebuild).toEqual({ status: 'published', rejected: [] });
    expect(second.status).toBe(200);
    expect(history.body.items.map((i: { version: string }) => i.version)).toEqual([
      second.body.version,
      first.body.version,
    ]);
    expect(version.body).toMatchObject({ version: first.body.version, source: NEW_ARTICLE });
    expect(rolled.status).toBe(200);
    expect((await call('GET', route, { headers: writer() })).body.live.source).toBe(NEW_ARTICLE);
    expect(audit.body.items).toEqual([
      expect.objectContaining({ action: 'rollback', by: 'Huda', version: rolled.body.version }),
      expect.objectContaining({ action: 'publish', by: 'Mariam', version: second.body.version }),
      expect.objectContaining({ action: 'publish', by: 'Mariam', version: first.body.version }),
    ]);
    const status = async (method: string, path: string, body?: unknown) =>
      (await call(method, path, { ...(body ? { body } : {}), headers: writer() })).status;
    expect(await status('GET', `${route}/history/20200101T000000000Z-00000000`)).toBe(404);
    expect(await status('GET', `${route}/history/not-a-version`)).toBe(400);
    expect(
      await status('POST', `${route}/rollback`, { version: '20200101T000000000Z-00000000' }),
    ).toBe(404);
    expect(await status('GET', `${STUDIO}/audit?limit=0`)).toBe(400);
  });

  it('withdraws a published article; withdrawing again is a 404', async () => {
    const route = `${STUDIO}/articles/en/opening-hours`;
    await call('POST', `${route}/publish`, { body: { source: NEW_ARTICLE }, headers: writer() });

    const withdrawn = await call('DELETE', route, { headers: writer() });
    const again = await call('DELETE', route, { headers: writer() });

    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.rebuild.status).toBe('published');
    expect(again.status).toBe(404);
    expect(
      (await call('GET', `${route}/history`, { headers: writer() })).body.items[0],
    ).toMatchObject({ action: 'delete', bytes: 0 });
  });
});
