/**
 * The answer and staff functions check support.json during INIT: a bad file (here one named by
 * MUJIB_SUPPORT_CONFIG) fails the cold start with the file's problems; with the bundled one a
 * hand-off through the chat function tells the customer when a person will reply.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startTestDynamo, type TestDynamo } from '../../helpers/dynalite.ts';
import {
  captureLogs,
  httpApiEvent,
  lambdaContext,
  setLambdaEnv,
} from '../../helpers/lambda-env.ts';

let dir: string;
let dynamo: TestDynamo;
const saved = { ...process.env };

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mujib-support-lambda-'));
  dynamo = await startTestDynamo();
  await writeFile(
    path.join(dir, 'bad-support.json'),
    JSON.stringify({ timeZone: 'Mars/Olympus', queues: [], defaultQueue: 'general' }),
  );
});

beforeEach(async () => {
  process.env = { ...saved };
  await setLambdaEnv({
    dir,
    dynamoEndpoint: dynamo.server.endpoint,
    tables: await dynamo.freshTables(),
  });
  vi.resetModules(); // each import below is a fresh cold start
});

afterAll(async () => {
  process.env = saved;
  await dynamo?.close();
  await rm(dir, { recursive: true, force: true });
});

async function coldStart(module: string): Promise<{ handler?: any; error?: unknown }> {
  const logs = captureLogs();
  try {
    const loaded = (await import(`../../../functions/handlers/${module}.ts`)) as { handler: any };
    return { handler: loaded.handler };
  } catch (error) {
    return { error };
  } finally {
    logs.stop();
  }
}

describe('support.json in the Lambda functions', () => {
  it.each(['chat-api', 'staff-api'])('%s fails INIT on a bad support configuration', async (fn) => {
    // Prepare
    process.env.MUJIB_SUPPORT_CONFIG = path.join(dir, 'bad-support.json');

    // Act
    const { error } = await coldStart(fn);

    // Assess
    expect(error).toMatchObject({ name: 'FunctionInitError' });
    expect((error as Error).message).toContain('is not a valid support configuration');
    expect((error as Error).message).toContain('timeZone: "Mars/Olympus" is not a time zone');
    expect((error as Error).message).toContain('queues: required: a non-empty list of queues');
  });

  it('with the bundled support.json, a hand-off tells when a person will reply', async () => {
    // Prepare
    const { handler, error } = await coldStart('chat-api');
    expect(error).toBeUndefined();

    // Act
    const result = await handler(
      httpApiEvent({
        method: 'POST',
        path: '/api/chat',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: 'I want to talk to a person', lang: 'en' }),
      }),
      lambdaContext('support-req'),
    );

    // Assess: nobody is on shift in a fresh table, so never "within minutes": as soon as someone
    // is free while the queue is open (with its closing time), else when it opens (the real clock)
    const body = JSON.parse(result.body);
    expect(body.reply.kind).toBe('escalate');
    expect(body.reply.text).toMatch(
      /(when they are back, .* Saudi time\.|as soon as someone is \(we are open until .* Saudi time\)\.)$/,
    );
    expect(body.reply.text).not.toContain('within minutes');
  });
});
