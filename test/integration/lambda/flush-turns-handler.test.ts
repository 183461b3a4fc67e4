/**
 * The durable turn queue in Lambda, end to end on real parts: an answer function's app with the
 * store down sends each turn it could not write to SQS (an SQS-compatible server in this
 * process, through the real AWS SDK); the scheduled flush function (functions/handlers/
 * flush-turns.ts, driven as EventBridge drives it) receives them in batches, writes them to
 * DynamoDB (dynalite) once each — a duplicate message included — and deletes them.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoSessionLog } from '#adapters/dynamodb/dynamo-session-log.ts';
import { SqsTurnQueue } from '#adapters/turn-queue/sqs-turn-queue.ts';
import { localClient, startTestDynamo, type TestDynamo } from '../../helpers/dynalite.ts';
import { lambdaContext, setLambdaEnv } from '../../helpers/lambda-env.ts';
import { LOCAL_SQS_REGION, startLocalSqs, type LocalSqs } from '../../helpers/local-sqs.ts';
import { createTestApp } from '../../helpers/test-app.ts';

const SESSION = 'web:flush-1';

let dir: string;
let dynamo: TestDynamo;
let sqs: LocalSqs;
let queueUrl: string;
let log: DynamoSessionLog;
let tables: Awaited<ReturnType<TestDynamo['freshTables']>>;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mujib-flush-lambda-'));
  dynamo = await startTestDynamo();
  tables = await dynamo.freshTables();
  log = new DynamoSessionLog({ client: dynamo.client, tableName: tables.turns });
  sqs = await startLocalSqs();
  queueUrl = await sqs.createQueue({ visibilityTimeout: 2 });
  // What the Lambda runtime provides; the SDK sends to the queue URL's host (127.0.0.1).
  Object.assign(process.env, {
    AWS_REGION: LOCAL_SQS_REGION,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
  });
  await setLambdaEnv({
    dir,
    dynamoEndpoint: dynamo.server.endpoint,
    tables,
    extra: { MUJIB_TURN_QUEUE_URL: queueUrl },
  });
});

afterAll(async () => {
  await sqs?.close();
  await dynamo?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the turn queue in Lambda', () => {
  it('answer functions queue unwritten turns in SQS; the flush function writes each once and empties it', async () => {
    // Prepare: an answer function whose DynamoDB is unreachable, configured with the queue.
    const answering = await createTestApp({
      dynamo: localClient('http://127.0.0.1:9', { maxAttempts: 1 }),
      tables,
      env: { MUJIB_TURN_QUEUE_URL: queueUrl },
    });
    const questions = ['How do I track my order?', 'How do I reset my password?', 'hello'];
    for (const [i, text] of questions.entries()) {
      const handled = await answering.conversation.handle({
        sessionId: SESSION,
        messageId: `m-${i}`,
        channel: 'web',
        lang: 'en',
        text,
      });
      expect(handled.logged).toBe(false);
    }
    expect(answering.logs.lines.filter((l) => l.event === 'turn_queued')).toHaveLength(3);
    expect(answering.unsavedTurns()).toBe(0); // the flush function writes them, not this one
    // SQS delivers at least once: the same turn may arrive twice.
    const duplicate = new SqsTurnQueue({ queueUrl, waitSeconds: 0 });
    const [first] = await duplicate.receive(1);
    await duplicate.add(first!.turn);
    expect(await sqs.depth(queueUrl)).toBe(4);

    // Act: the scheduled invocation (EventBridge passes a Scheduled Event).
    const { handler } = await import('../../../functions/handlers/flush-turns.ts');
    const scheduled = {
      source: 'aws.events',
      'detail-type': 'Scheduled Event' as const,
      detail: {},
    };
    const deadline = Date.now() + 15_000;
    let result = await handler(scheduled, lambdaContext('flush-1'));
    // The message received above is hidden for the queue's visibility timeout; flush until empty.
    while ((await sqs.depth(queueUrl)) > 0 && Date.now() < deadline) {
      result = await handler(scheduled, lambdaContext('flush-2'));
    }

    // Assess: three turns in DynamoDB, one per message id, and nothing left in the queue.
    expect(result).toEqual({ queued: 0 });
    const turns = await log.listTurns(SESSION);
    expect(turns.map((t) => t.messageId).sort()).toEqual(['m-0', 'm-1', 'm-2']);
    expect(turns.find((t) => t.messageId === 'm-1')?.text).toBe('How do I reset my password?');
    expect(await sqs.depth(queueUrl)).toBe(0);
  });

  it('an erasure says (in the log) that it could not drop turns waiting in SQS', async () => {
    const app = await createTestApp({
      turnQueue: new SqsTurnQueue({ queueUrl: await sqs.createQueue(), waitSeconds: 0 }),
    });

    const record = await app.erasure.erase({ sessionId: 'web:erase-me' }, 'huda');

    expect(record.queuedTurns).toBe(0);
    expect(app.logs.lines).toContainEqual(
      expect.objectContaining({ level: 'warn', event: 'queued_turns_not_erased' }),
    );
  });
});
