import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PinpointSMSVoiceV2Client } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import type { SNSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EumOutboundSms } from '#adapters/sms/eum-outbound-sms.ts';
import { parseEumSnsEvent } from '#adapters/sms/eum-sns-event.ts';
import { OutboxSms } from '#adapters/sms/outbox-sms.ts';
import { MemorySmsOptOutStore } from '#adapters/sms/sms-opt-out-store.ts';
import { OptOutGuardedSms } from '#adapters/sms/opt-out-guarded-sms.ts';
import { smsCustomerKey } from '#adapters/sms/sms-session.ts';
import { ValidationError } from '#core/errors.ts';

const fixture = async (): Promise<SNSEvent> =>
  JSON.parse(await readFile('test/fixtures/sms/eum-inbound-sns.json', 'utf8')) as SNSEvent;

describe('parseEumSnsEvent', () => {
  it('reads every inbound SMS of an SNS batch', async () => {
    const { messages, rejected } = parseEumSnsEvent(await fixture());

    expect(rejected).toEqual([]);
    expect(messages).toEqual([
      {
        originationNumber: '+971501234567',
        destinationNumber: '+12065550100',
        messageBody: 'وين طلبي؟',
        inboundMessageId: 'cae173d2-66b9-564c-8309-21f858e9fb84',
        messageKeyword: 'KEYWORD_123456789012',
        previousPublishedMessageId: 'wJalrXUtnFEMI-K7MDENG-bPxRfiCYEXAMPLEKEY',
      },
      expect.objectContaining({ originationNumber: '+14255550182', messageBody: 'STOP' }),
    ]);
  });

  it('reports unreadable records without dropping the good ones', async () => {
    const event = await fixture();
    const good = event.Records[0]!;
    event.Records = [
      good,
      { ...good, Sns: { ...good.Sns, MessageId: 'bad-json', Message: 'not json' } },
      { ...good, Sns: { ...good.Sns, MessageId: 'no-number', Message: '{"messageBody":"hi"}' } },
    ];

    const { messages, rejected } = parseEumSnsEvent(event);

    expect(messages).toHaveLength(1);
    expect(rejected.map((r) => r.snsMessageId)).toEqual(['bad-json', 'no-number']);
    expect(rejected.every((r) => r.error instanceof ValidationError)).toBe(true);
  });

  it('rejects something that is not an SNS event', () => {
    expect(() => parseEumSnsEvent({} as SNSEvent)).toThrow(ValidationError);
  });
});

describe('EumOutboundSms against a SendTextMessage stand-in', () => {
  const requests: {
    headers: IncomingMessage['headers'];
    url?: string;
    method?: string;
    body: unknown;
  }[] = [];
  let server: Server;
  let client: PinpointSMSVoiceV2Client;

  beforeAll(async () => {
    server = createServer((req, res) => {
      let raw = '';
      req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
      req.on('end', () => {
        const body = JSON.parse(raw) as { DestinationPhoneNumber?: string };
        requests.push({ headers: req.headers, url: req.url, method: req.method, body });
        res.setHeader('content-type', 'application/x-amz-json-1.0');
        if (body.DestinationPhoneNumber === '+14255550199') {
          res.statusCode = 400;
          res.end(
            JSON.stringify({
              __type: 'ConflictException',
              Message: 'opted out',
              Reason: 'DESTINATION_PHONE_NUMBER_OPTED_OUT',
            }),
          );
          return;
        }
        res.end(JSON.stringify({ MessageId: 'msg-0001' }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    client = new PinpointSMSVoiceV2Client({
      endpoint: `http://127.0.0.1:${port}`,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
      maxAttempts: 1,
    });
  });

  afterAll(async () => {
    client?.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  it('sends a transactional SendTextMessage from the origination identity', async () => {
    const sms = new EumOutboundSms({
      originationIdentity: 'pool-abc',
      configurationSetName: 'mujib',
      client,
    });

    const result = await sms.send('+971501234567', 'مرحبا من نخيل');

    expect(result).toEqual({ id: 'msg-0001', status: 'sent' });
    const request = requests.at(-1)!;
    expect(request.method).toBe('POST');
    expect(request.headers['x-amz-target']).toBe('PinpointSMSVoiceV2.SendTextMessage');
    expect(request.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/sms-voice\/aws4_request/,
    );
    expect(request.body).toEqual({
      DestinationPhoneNumber: '+971501234567',
      OriginationIdentity: 'pool-abc',
      MessageBody: 'مرحبا من نخيل',
      MessageType: 'TRANSACTIONAL',
      ConfigurationSetName: 'mujib',
    });
  });

  it('reports a refused send as failed with the reason, without throwing, and masks the number', async () => {
    const logs: Record<string, unknown>[] = [];
    const sms = new EumOutboundSms({
      originationIdentity: 'pool-abc',
      client,
      log: (e) => logs.push(e),
    });

    const result = await sms.send('+14255550199', 'hello');

    expect(result.status).toBe('failed');
    expect(result.detail).toContain('ConflictException');
    expect(result.detail).toContain('DESTINATION_PHONE_NUMBER_OPTED_OUT');
    expect(JSON.stringify(logs)).not.toContain('4255550199');
  });
});

describe('OutboxSms', () => {
  it('keeps sent messages in memory and appends them to a JSONL file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mujib-outbox-'));
    const file = join(dir, '.data', 'outbox.jsonl');
    const logs: Record<string, unknown>[] = [];
    const outbox = new OutboxSms({
      file,
      now: () => new Date('2026-11-23T10:00:00Z'),
      log: (e) => logs.push(e),
    });

    const first = await outbox.send('+971501234567', 'hello');
    await outbox.send('+971501234567', 'مرحبا');
    const lines = (await readFile(file, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));

    expect(first.status).toBe('sent');
    expect(outbox.sentTo('+971501234567').map((e) => e.body)).toEqual(['hello', 'مرحبا']);
    expect(lines).toMatchObject([
      {
        to: '+971501234567',
        body: 'hello',
        encoding: 'GSM-7',
        segments: 1,
        at: '2026-11-23T10:00:00.000Z',
      },
      { body: 'مرحبا', encoding: 'UCS-2' },
    ]);
    expect(JSON.stringify(logs)).not.toContain('501234567');
    await rm(dir, { recursive: true, force: true });
  });
});

describe('OptOutGuardedSms', () => {
  it('does not text a number that opted out and passes others through', async () => {
    const optOut = new MemorySmsOptOutStore();
    const outbox = new OutboxSms();
    const guarded = new OptOutGuardedSms(outbox, optOut, 'secret');
    await optOut.optOut(smsCustomerKey('+14255550182', 'secret'), '2026-11-23T10:00:00Z');

    const refused = await guarded.send('+14255550182', 'staff reply');
    const sent = await guarded.send('+971501234567', 'staff reply');

    expect(refused).toEqual({ id: '', status: 'failed', detail: 'opted-out' });
    expect(sent.status).toBe('sent');
    expect(outbox.sent.map((e) => e.to)).toEqual(['+971501234567']);
  });
});
