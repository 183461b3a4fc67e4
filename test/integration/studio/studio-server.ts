/**
 * Test helper: the local server (the real app and routes) with the content studio on disk — a
 * copy of a small collection (test/fixtures/kb/valid) as the live folder, the studio's drafts,
 * history and audit in a temporary data folder, and the bot answering from an artifact file
 * that publishing rebuilds and reloads (FileKnowledgeSource), as `npm start` does.
 */
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { loadCollection } from '#core/knowledge/load-collection.ts';
import { encodeArtifact } from '#core/retrieval/artifact-container.ts';
import { buildIndexArtifact } from '#core/retrieval/build-index.ts';
import { DiskDocumentStore } from '#adapters/disk/disk-document-store.ts';
import { FileKnowledgeSource } from '#adapters/knowledge/file-knowledge-source.ts';
import { startLocalServer } from '../../../functions/local/server.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';

export const FIXTURE_DIR = 'test/fixtures/kb/valid';

export interface StudioResponse {
  status: number;
  body: Record<string, any>;
}

export interface StudioServer {
  readonly url: string;
  readonly app: TestApp;
  /** The live folder (a copy of the fixture collection). */
  readonly knowledgeDir: string;
  /** A JSON request; `body` is JSON-encoded unless it is a string. */
  call(
    method: string,
    path: string,
    options?: { body?: unknown; headers?: Record<string, string> },
  ): Promise<StudioResponse>;
  /** Headers of a writer / an agent. */
  writer(name?: string): Record<string, string>;
  agent(name?: string): Record<string, string>;
  /** Asks the bot (web chat). */
  chat(text: string, options?: { lang?: string; sessionId?: string }): Promise<Record<string, any>>;
}

/** Starts a studio server before the calling file's tests and removes it after them. */
export function useStudioServer(options: { env?: Record<string, string> } = {}): StudioServer {
  let started: { url: string; app: TestApp; folder: string; close(): Promise<void> } | undefined;
  beforeAll(async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'mujib-studio-http-'));
    const knowledgeDir = path.join(folder, 'knowledge');
    await cp(FIXTURE_DIR, knowledgeDir, { recursive: true });
    const artifactFile = path.join(folder, 'index.bin');
    const { articles } = await loadCollection(knowledgeDir);
    await writeFile(artifactFile, encodeArtifact(buildIndexArtifact(articles)));
    const app = await createTestApp({
      env: { MUJIB_DATA_DIR: path.join(folder, 'data'), ...options.env },
      knowledge: new FileKnowledgeSource(artifactFile, { checkEveryMs: 3_600_000 }),
      studio: {
        live: new DiskDocumentStore({ root: knowledgeDir }),
        studio: new DiskDocumentStore({ root: path.join(folder, 'data', 'studio') }),
      },
    });
    const server = await startLocalServer({ app, port: 0 });
    started = {
      url: server.url,
      app,
      folder,
      close: async () => {
        await server.close();
        await rm(folder, { recursive: true, force: true });
      },
    };
  });
  afterAll(async () => {
    await started?.close();
  });
  const get = () => {
    if (!started) throw new Error('the studio server is used before beforeAll started it');
    return started;
  };
  const headers = (token: string | undefined, name: string) => ({
    authorization: `Bearer ${token ?? ''}`,
    'x-staff-name': name,
  });
  const call: StudioServer['call'] = async (method, route, { body, headers: extra = {} } = {}) => {
    const response = await fetch(get().url + route, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...extra },
      ...(body === undefined
        ? {}
        : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Record<string, any>) : {} };
  };
  return {
    get url() {
      return get().url;
    },
    get app() {
      return get().app;
    },
    get knowledgeDir() {
      return path.join(get().folder, 'knowledge');
    },
    call,
    writer: (name = 'Mariam') => headers(get().app.config.writerToken, name),
    agent: (name = 'Huda') => headers(get().app.config.staffToken, name),
    chat: async (text, { lang, sessionId } = {}) => {
      const { status, body } = await call('POST', '/api/chat', {
        body: { text, ...(lang ? { lang } : {}), ...(sessionId ? { sessionId } : {}) },
      });
      if (status !== 200) throw new Error(`chat answered ${status}: ${JSON.stringify(body)}`);
      return body;
    },
  };
}
