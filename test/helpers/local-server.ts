/**
 * Test helper: the whole local stack as `npm start` runs it — real dynalite on a random port,
 * tables created, the real app and the local HTTP server on 127.0.0.1 — with the index built
 * from knowledge/ and the web files built into web/dist.
 */
import { LOCAL_DEV_STAFF_TOKEN } from '#app/config.ts';
import { startLocalServer } from '../../functions/local/server.ts';
import { startTestDynamo, type TestDynamo } from './dynalite.ts';
import { createTestApp, type TestApp, type TestAppOptions } from './test-app.ts';

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
  if (buildWeb) {
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
      await dynamo.close();
    },
  };
}
