/**
 * Test helper: the whole local stack as `npm start` runs it — real dynalite on a random port,
 * tables created, the real app and the local HTTP server on 127.0.0.1 — with the index built
 * from knowledge/ and the web files built into web/dist. `useTestServer` runs one for a test file
 * and gives it a small JSON client.
 */
import { afterAll, beforeAll } from 'vitest';
import { LOCAL_DEV_STAFF_TOKEN } from '#app/config.ts';
import { startLocalServer } from '../../functions/local/server.ts';
import { startTestDynamo, type TestDynamo } from './dynalite.ts';
import { createTestApp, type TestApp, type TestAppOptions } from './test-app.ts';
import { WEB_BUILT_ENV } from '../setup/shared-fixture-env.ts';

export interface TestServer {
  url: string;
  staffToken: string;
  app: TestApp;
  dynamo: TestDynamo;
  close(): Promise<void>;
}

let webBuilt: Promise<unknown> | undefined;

export async function startTestServer(
  options: TestAppOptions & { buildWeb?: boolean } = {},
): Promise<TestServer> {
  const { buildWeb = true, ...appOptions } = options;
  if (buildWeb && !process.env[WEB_BUILT_ENV]) {
    webBuilt ??= import('../../web/build.ts').then((m) => m.buildWeb({ minify: false }));
    await webBuilt;
  }
  const dynamo = await startTestDynamo();
  const tables = await dynamo.freshTables();
  const app = await createTestApp({ dynamo: dynamo.client, tables, ...appOptions });
  const server = await startLocalServer({ app, port: 0 });
  return {
    url: server.url,
    staffToken: app.config.staffToken ?? LOCAL_DEV_STAFF_TOKEN,
    app,
    dynamo,
    async close() {
      await server.close();
      // Counter updates the in-process aggregator still holds (it batches for up to a second)
      // are written before the store goes away, not into a closed database.
      await app.settleAnalytics();
      await dynamo.close();
    },
  };
}

export interface JsonResponse {
  status: number;
  body: Record<string, any>;
}

/** The test server of one test file, with a JSON client for it. */
export interface ServedTestServer {
  readonly url: string;
  readonly staffToken: string;
  readonly app: TestApp;
  /** POST a body (JSON-encoded unless already a string) as application/json. */
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<JsonResponse>;
  get(path: string, headers?: Record<string, string>): Promise<JsonResponse>;
  /** Headers of a signed-in staff member. */
  staff(name?: string): Record<string, string>;
}

/**
 * Starts a test server before the calling file's tests and closes it after them.
 *
 * @example
 * const server = useTestServer({ buildWeb: false });
 * const { post, staff } = server;
 * it('…', async () => expect((await post('/api/chat', { text: 'hi' })).status).toBe(200));
 */
export function useTestServer(
  options: Parameters<typeof startTestServer>[0] = {},
): ServedTestServer {
  let server: TestServer | undefined;
  beforeAll(async () => {
    server = await startTestServer(options);
  });
  afterAll(async () => {
    await server?.close();
  });
  const started = () => {
    if (!server) throw new Error('the test server is used before beforeAll started it');
    return server;
  };
  const json = async (response: Response): Promise<JsonResponse> => ({
    status: response.status,
    body: (await response.json()) as Record<string, any>,
  });
  return {
    get url() {
      return started().url;
    },
    get staffToken() {
      return started().staffToken;
    },
    get app() {
      return started().app;
    },
    post: async (path, body, headers = {}) =>
      json(
        await fetch(started().url + path, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: typeof body === 'string' ? body : JSON.stringify(body),
        }),
      ),
    get: async (path, headers = {}) => json(await fetch(started().url + path, { headers })),
    staff: (name = 'Huda') => ({
      authorization: `Bearer ${started().staffToken}`,
      'x-staff-name': name,
    }),
  };
}
