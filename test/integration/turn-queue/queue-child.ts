/**
 * A child process for the crash test: the real app on DynamoDB (whatever MUJIB_DYNAMO_ENDPOINT
 * says, up or down) with the durable turn queue file from the environment, served by the local
 * server, with local mode's flush schedule. Prints `{"url": …}` once it listens.
 */
import { StaticKnowledgeSource } from '#adapters/knowledge/file-knowledge-source.ts';
import { localClient } from '../../helpers/dynalite.ts';
import { indexFor } from '../../helpers/knowledge.ts';
import { createTestApp } from '../../helpers/test-app.ts';
import { startLocalServer } from '../../../functions/local/server.ts';
import { startQueuedTurnFlush } from '../../../functions/local/flush-queued-turns.ts';

const endpoint = process.env.MUJIB_DYNAMO_ENDPOINT as string;
const tables = JSON.parse(process.env.TEST_TABLES as string) as Record<string, string>;
const app = await createTestApp({
  dynamo: localClient(endpoint, { maxAttempts: 1 }),
  tables,
  knowledge: new StaticKnowledgeSource(await indexFor('test/fixtures/kb/valid')),
  env: {
    MUJIB_TURN_QUEUE_FILE: process.env.MUJIB_TURN_QUEUE_FILE as string,
    MUJIB_TURN_QUEUE_FLUSH_MS: '200',
  },
});
const server = await startLocalServer({ app, port: 0 });
startQueuedTurnFlush(app);
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
