/**
 * The studio wired from configuration alone, as `npm start` wires it (DynamoDB store mode):
 * the live folder is MUJIB_KNOWLEDGE_DIR, drafts and history go under MUJIB_DATA_DIR/studio, the
 * writer token is MUJIB_WRITER_TOKEN, and publishing rebuilds the artifact the FileKnowledgeSource
 * serves and reloads it.
 */
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCollection } from '#core/knowledge/load-collection.ts';
import { encodeArtifact } from '#core/retrieval/artifact-container.ts';
import { buildIndexArtifact } from '#core/retrieval/build-index.ts';
import { FileKnowledgeSource } from '#adapters/knowledge/file-knowledge-source.ts';
import { startTestServer, type TestServer } from '../../helpers/local-server.ts';
import { FIXTURE_DIR } from './studio-server.ts';
import { GIFT_WRAP_SOURCE } from '../../unit/studio/studio-fixture.ts';

const WRITER = { authorization: 'Bearer wiring-writer-token', 'x-staff-name': 'Mariam' };

let folder: string;
let server: TestServer;
beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'mujib-studio-wiring-'));
  const knowledgeDir = path.join(folder, 'knowledge');
  await cp(FIXTURE_DIR, knowledgeDir, { recursive: true });
  const indexPath = path.join(folder, 'index.bin');
  const { articles } = await loadCollection(knowledgeDir);
  await writeFile(indexPath, encodeArtifact(buildIndexArtifact(articles)));
  server = await startTestServer({
    buildWeb: false,
    env: {
      MUJIB_DATA_DIR: path.join(folder, 'data'),
      MUJIB_INDEX_PATH: indexPath,
      MUJIB_KNOWLEDGE_DIR: knowledgeDir,
      MUJIB_WRITER_TOKEN: 'wiring-writer-token',
    },
    knowledge: new FileKnowledgeSource(indexPath, { checkEveryMs: 3_600_000 }),
  });
});
afterAll(async () => {
  await server?.close();
  if (folder) await rm(folder, { recursive: true, force: true });
});

async function call(method: string, route: string, body?: unknown) {
  const response = await fetch(server.url + route, {
    method,
    headers: { ...WRITER, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

describe('the studio wired from configuration', () => {
  it('publishes into MUJIB_KNOWLEDGE_DIR, keeps history in the data folder, and the bot answers', async () => {
    const me = await call('GET', '/api/staff/me');
    const published = await call('POST', '/api/staff/studio/articles/en/gift-wrap/publish', {
      source: GIFT_WRAP_SOURCE,
    });
    const chat = await fetch(`${server.url}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'do you offer gift wrapping', lang: 'en' }),
    });
    const reply = ((await chat.json()) as { reply: { kind: string; article?: { id: string } } })
      .reply;

    expect(me.body.roles).toEqual(['agent', 'writer']);
    expect(published.status).toBe(200);
    expect(published.body.rebuild.status).toBe('published');
    expect(await readFile(path.join(folder, 'knowledge', 'en', 'gift-wrap.md'), 'utf8')).toBe(
      GIFT_WRAP_SOURCE,
    );
    expect(
      await readdir(path.join(folder, 'data', 'studio', 'history', 'en', 'gift-wrap.md')),
    ).toEqual([`${published.body.version}.json`]);
    expect(
      JSON.parse(
        await readFile(path.join(folder, 'data', 'studio', 'report', 'rejected.json'), 'utf8'),
      ),
    ).toMatchObject({ rejected: [] });
    expect(reply).toMatchObject({ kind: 'answer', article: { id: 'gift-wrap' } });
  });
});
