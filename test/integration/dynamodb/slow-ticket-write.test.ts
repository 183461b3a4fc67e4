/**
 * A ticket write that lands but whose answer never arrives (DynamoDB slower than the client's
 * timeout) is not reported as failed: the core re-reads the ticket by its derivable ref before
 * telling the customer anything. Real dynalite behind an HTTP proxy that forwards every request
 * but holds back the answers to ticket writes until the client has given up on them.
 */
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TableNames } from '#adapters/dynamodb/table-design.ts';
import { localClient, startTestDynamo, type TestDynamo } from '../../helpers/dynalite.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';

/** An HTTP proxy to `target`; answers to PutItem on `slowTable` are dropped once the client gives up. */
async function startSlowWriteProxy(target: string, slowTable: () => string) {
  const held = { count: 0 };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const slow =
        String(req.headers['x-amz-target']).endsWith('.PutItem') &&
        body.toString('utf8').includes(`"TableName":"${slowTable()}"`);
      const upstream = httpRequest(
        target + (req.url ?? '/'),
        { method: req.method, headers: req.headers },
        (answer) => {
          if (slow) {
            // The write has landed; its answer is never sent (the client times out and closes).
            held.count += 1;
            answer.resume();
            return;
          }
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    held,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('a slow ticket write', () => {
  let dynamo: TestDynamo;
  let tables: TableNames;
  let proxy: Awaited<ReturnType<typeof startSlowWriteProxy>>;
  let app: TestApp;

  beforeAll(async () => {
    dynamo = await startTestDynamo();
    tables = await dynamo.freshTables();
    proxy = await startSlowWriteProxy(dynamo.server.endpoint, () => tables.tickets);
    const client = localClient(proxy.url, { requestTimeoutMs: 300, maxAttempts: 2 });
    app = await createTestApp({ dynamo: client, tables });
  });
  afterAll(async () => {
    await proxy?.close();
    await dynamo?.close();
  });

  it('gives the customer the reference of the ticket that was written, and a retry opens no second one', async () => {
    const message = {
      sessionId: 'web-slow-1',
      messageId: 'slow-1',
      channel: 'web' as const,
      text: 'I want to talk to a person',
    };

    const handled = await app.conversation.handle(message);
    const retried = await app.conversation.handle({ ...message });

    // Assess: the write really timed out, yet the customer got the real ref, logged on the turn.
    expect(proxy.held.count).toBeGreaterThan(0);
    expect(handled.reply).toMatchObject({ kind: 'escalate', ticketFailed: false });
    const ref = handled.reply.kind === 'escalate' ? handled.reply.ticketRef : undefined;
    expect(ref).toMatch(/^MJ-/);
    expect(handled.turn.ticketRef).toBe(ref);
    expect(retried.reply).toMatchObject({ kind: 'escalate', ticketRef: ref, ticketFailed: false });
    const open = await app.ticketStore.list({ status: 'open' }, { limit: 10 });
    expect(open.items.map((t) => t.ref)).toEqual([ref]);
    expect(app.logs.lines.filter((l) => l.event === 'ticket_write_failed')).toEqual([]);
  });
});
