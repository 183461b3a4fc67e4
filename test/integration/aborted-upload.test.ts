/**
 * A client that gives up on a slow upload is not a server failure: the real local server, sent
 * part of a chat body over a raw socket that is then destroyed, logs the abort at info level and
 * nothing at error level.
 */
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startLocalServer, type LocalServer } from '../../functions/local/server.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

let app: TestApp;
let server: LocalServer;

beforeAll(async () => {
  app = await createTestApp();
  server = await startLocalServer({ app, port: 0 });
}, 60_000);
afterAll(async () => {
  await server?.close();
  await app?.close();
});

/** Opens a connection and resolves once it is established. */
function open(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket));
    socket.once('error', reject);
  });
}

describe('a client aborting an upload', () => {
  it('is logged at info level, not as a server error', async () => {
    // Prepare: a request whose headers promise more body than the client will send
    const requestSeen = new Promise<void>((resolve) =>
      server.server.once('request', () => resolve()),
    );
    const socket = await open(server.port);
    socket.write(
      [
        'POST /api/chat HTTP/1.1',
        'Host: 127.0.0.1',
        'Content-Type: application/json',
        'Content-Length: 4000',
        '',
        '{"text":"How do I track my ',
      ].join('\r\n'),
    );
    await requestSeen;

    // Act: the client gives up mid-body
    socket.destroy();

    // Assess
    await vi.waitFor(
      () => expect(app.logs.lines.map((l) => l.event)).toContain('local_request_aborted'),
      { timeout: 5_000, interval: 20 },
    );
    const aborted = app.logs.lines.find((l) => l.event === 'local_request_aborted');
    expect(aborted).toMatchObject({ level: 'info', fields: { method: 'POST', path: '/api/chat' } });
    expect(app.logs.lines.filter((l) => l.level === 'error')).toEqual([]);
  });
});
