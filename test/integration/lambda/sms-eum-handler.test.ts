/**
 * The End User Messaging SMS Lambda (functions/handlers/sms-eum.ts) as SNS invokes it: two-way
 * SMS notifications whose Message is End User Messaging's JSON payload. Each message is answered
 * through SendTextMessage (the real AWS SDK, against a stand-in on 127.0.0.1); SNS redelivering
 * the same message is answered again from the session log, never logged twice; a record that is not such a payload is reported and
 * skipped without losing the good ones.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { SNSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDynamo, type TestDynamo } from '../../helpers/dynalite.ts';
import {
  captureLogs,
  lambdaContext,
  setLambdaEnv,
  snsEvent,
  startAwsJsonStandIn,
  type AwsJsonStandIn,
} from '../../helpers/lambda-env.ts';

type Handler = (event: SNSEvent, context: ReturnType<typeof lambdaContext>) => Promise<void>;

const OUR_NUMBER = '+15005550006';

let dir: string;
let dynamo: TestDynamo;
let eum: AwsJsonStandIn;
let handler: Handler;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mujib-eum-lambda-'));
  dynamo = await startTestDynamo();
  const tables = await dynamo.freshTables();
  let sent = 0;
  eum = await startAwsJsonStandIn({
    'PinpointSMSVoiceV2.SendTextMessage': () => ({ MessageId: `eum-${++sent}` }),
  });
  await setLambdaEnv({
    dir,
    dynamoEndpoint: dynamo.server.endpoint,
    tables,
    extra: {
      MUJIB_SMS_ORIGINATION: OUR_NUMBER,
      AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2: eum.endpoint,
      MUJIB_LOG_LEVEL: 'info',
    },
  });
  ({ handler } = (await import('../../../functions/handlers/sms-eum.ts')) as unknown as {
    handler: Handler;
  });
});

afterAll(async () => {
  await eum?.close();
  await dynamo?.close();
  await rm(dir, { recursive: true, force: true });
});

function inbound(text: string, id: string, from = '+966501112233') {
  return {
    originationNumber: from,
    destinationNumber: OUR_NUMBER,
    messageKeyword: 'KEYWORD_123456789012',
    messageBody: text,
    inboundMessageId: id,
    previousPublishedMessageId: 'prev-' + id,
  };
}

async function invoke(event: SNSEvent) {
  const logs = captureLogs();
  try {
    await handler(event, lambdaContext('eum-req'));
    return logs.lines;
  } finally {
    logs.stop();
  }
}

describe('the End User Messaging SMS Lambda handler', () => {
  it('answers each SNS message with one SendTextMessage to the sender', async () => {
    await invoke(snsEvent([inbound('How do I track my order?', 'in-1')]));

    const sends = eum.calls.filter((c) => c.target === 'PinpointSMSVoiceV2.SendTextMessage');
    expect(sends).toHaveLength(1);
    expect(sends[0]!.body).toMatchObject({
      DestinationPhoneNumber: '+966501112233',
      OriginationIdentity: OUR_NUMBER,
      MessageType: 'TRANSACTIONAL',
    });
    expect(sends[0]!.body.MessageBody).toMatch(/order/i);
  });

  it('answers a message SNS delivers again with the same reply, from the session log', async () => {
    const first = eum.calls.at(-1)!.body.MessageBody as string;
    const before = eum.calls.length;

    const lines = await invoke(snsEvent([inbound('How do I track my order?', 'in-1')]));

    // At-least-once: the earlier attempt may have failed before its reply went out.
    expect(eum.calls.slice(before).map((c) => c.body.MessageBody)).toEqual([first]);
    expect(lines.find((l) => l.event === 'sms.replied')).toMatchObject({ duplicate: true });
    expect(lines.filter((l) => l.event === 'turn')).toHaveLength(0); // no second turn
  });

  it('reports a record that is not an SMS payload and still answers the others', async () => {
    const before = eum.calls.length;

    const lines = await invoke(
      snsEvent(['not json', inbound('How do I reset my password?', 'in-2', '+966504445566')]),
    );

    const sends = eum.calls.slice(before);
    expect(sends).toHaveLength(1);
    expect(sends[0]!.body.DestinationPhoneNumber).toBe('+966504445566');
    expect(lines.find((l) => l.event === 'sms_eum_rejected')).toMatchObject({
      level: 'WARN',
      service: 'sms-eum',
      index: 0,
    });
  });
});
