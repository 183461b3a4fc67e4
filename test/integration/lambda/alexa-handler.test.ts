/**
 * The Alexa Lambda entry point (functions/handlers/alexa.ts) driven as Lambda drives it: a real
 * Alexa request envelope and a Lambda context, the app built from the environment (aws mode,
 * dynalite for the tables). A malformed envelope ends the invocation with a ValidationError that
 * says what is wrong — the same check as the local /alexa route — never a TypeError from inside
 * ask-sdk, and the function keeps answering well-formed requests.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoSessionLog } from '#adapters/dynamodb/dynamo-session-log.ts';
import { ValidationError } from '#core/errors.ts';
import { startTestDynamo, type TestDynamo } from '../../helpers/dynalite.ts';
import { captureLogs, lambdaContext, setLambdaEnv } from '../../helpers/lambda-env.ts';

type Handler = (event: unknown, context: ReturnType<typeof lambdaContext>) => Promise<unknown>;

let dir: string;
let dynamo: TestDynamo;
let log: DynamoSessionLog;
let handler: Handler;
let fixture: RequestEnvelope;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mujib-alexa-lambda-'));
  dynamo = await startTestDynamo();
  const tables = await dynamo.freshTables();
  log = new DynamoSessionLog({ client: dynamo.client, tableName: tables.turns });
  fixture = JSON.parse(await readFile('test/fixtures/alexa/ask-question.json', 'utf8'));
  await setLambdaEnv({
    dir,
    dynamoEndpoint: dynamo.server.endpoint,
    tables,
    extra: {
      MUJIB_ALEXA_SKILL_ID: fixture.context.System.application.applicationId,
      MUJIB_LOG_LEVEL: 'warn',
    },
  });
  ({ handler } = (await import('../../../functions/handlers/alexa.ts')) as { handler: Handler });
});

afterAll(async () => {
  await dynamo?.close();
  await rm(dir, { recursive: true, force: true });
});

/** The fixture with `change` applied to a copy. */
function envelope(requestId: string, change: (e: any) => void = () => {}): unknown {
  const copy = structuredClone(fixture) as any;
  copy.request.requestId = requestId;
  change(copy);
  return copy;
}

describe('the Alexa Lambda handler', () => {
  it('answers a real Alexa question and logs the turn', async () => {
    const response = (await handler(
      envelope('amzn1.echo-api.request.lambda-1'),
      lambdaContext('l-1'),
    )) as ResponseEnvelope;

    expect(response.version).toBe('1.0');
    expect(response.response.outputSpeech).toMatchObject({ type: 'SSML' });
    expect((response.response.outputSpeech as { ssml: string }).ssml).toMatch(/^<speak>.*order/is);
    expect(
      await log.getTurn(fixture.session!.sessionId, 'amzn1.echo-api.request.lambda-1'),
    ).toMatchObject({ channel: 'alexa', text: 'track my order' });
  });

  it.each([
    ['no context', (e: any) => delete e.context, /context must be an object/],
    ['no user', (e: any) => delete e.context.System.user, /context\.System\.user must be/],
    ['slots as a string', (e: any) => (e.request.intent.slots = 'x'), /request\.intent\.slots/],
    ['a bad timestamp', (e: any) => (e.request.timestamp = 'soon'), /timestamp/],
    ['an intent without a name', (e: any) => delete e.request.intent.name, /intent\.name/],
  ])('rejects an envelope with %s: a clear ValidationError, logged', async (_, change, message) => {
    const logs = captureLogs();

    const error = await handler(
      envelope('amzn1.echo-api.request.bad', change),
      lambdaContext('l-bad'),
    ).then(
      () => undefined,
      (e: unknown) => e,
    );
    logs.stop();

    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toMatch(/^malformed Alexa request: /);
    expect((error as Error).message).toMatch(message);
    const logged = logs.lines.find((l) => l.event === 'alexa_request_rejected');
    expect(logged).toMatchObject({
      level: 'WARN',
      service: 'alexa',
      function_request_id: 'l-bad',
      lambdaRequestId: 'l-bad',
      alexaRequestId: 'amzn1.echo-api.request.bad',
    });
  });

  it('rejects an event that is not an envelope at all', async () => {
    await expect(handler('hello', lambdaContext('l-2'))).rejects.toThrow(
      /malformed Alexa request: the body must be an object/,
    );
  });

  it('keeps answering well-formed requests after malformed ones', async () => {
    await expect(handler({}, lambdaContext('l-3'))).rejects.toBeInstanceOf(ValidationError);

    const response = (await handler(
      envelope('amzn1.echo-api.request.lambda-4'),
      lambdaContext('l-4'),
    )) as ResponseEnvelope;

    expect((response.response.outputSpeech as { ssml: string }).ssml).toMatch(/^<speak>/);
  });
});
