import { readFile } from 'node:fs/promises';
import type { SNSEvent } from 'aws-lambda';
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEumSnsEvent } from '#adapters/sms/eum-sns-event.ts';
import { handleSmsMessage, type SmsHandlerDeps } from '#adapters/sms/handle-sms-message.ts';
import { MemorySmsOptOutStore } from '#adapters/sms/sms-opt-out-store.ts';
import { MemorySmsSessionStore } from '#adapters/sms/sms-sessions.ts';
import { parseTwilioWebhook } from '#adapters/sms/twilio-webhook.ts';
import { twimlMessage } from '#adapters/sms/twiml.ts';
import type { Candidate } from '#core/types.ts';
import { smsSegments } from '#core/render/sms.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';

const HELP_URL = 'https://help.nakheel.example';
const US = '+14155550100';
/** Questions that, on the sample help centre, are close calls between two articles. */
const CLOSE_CALLS = ['delete', 'delete my account or my data', 'password', 'account'];
const CLARIFY_BAND = {
  MUJIB_THRESHOLD_ANSWER: '1',
  MUJIB_THRESHOLD_CLARIFY: '0.0001',
  MUJIB_THRESHOLD_CLARIFY_MARGIN: '1',
};

describe('SMS through the real conversation core', () => {
  let app: TestApp;
  let deps: SmsHandlerDeps;
  let n = 0;
  const sid = () => `SM${(++n).toString(16).padStart(32, '0')}`;
  const send = (from: string, body: string, messageId = sid()) =>
    handleSmsMessage(deps, { from, to: US, body, messageId, channelTag: 'test' });

  beforeAll(async () => {
    app = await createTestApp();
    deps = {
      conversation: app.conversation,
      optOut: new MemorySmsOptOutStore(),
      helpUrl: HELP_URL,
      secret: 'integration-secret',
      now: () => new Date(),
      sessions: new MemorySmsSessionStore(),
    };
  });

  afterAll(async () => {
    await app.close();
  });

  it('asks a numbered clarification and answers the article the customer picks with "2"', async () => {
    // Thresholds that make close calls of ordinary questions, so this tests the SMS flow rather
    // than where the tuned thresholds happen to fall on the sample articles.
    const clarifying = await createTestApp({ env: CLARIFY_BAND });
    const clarifyDeps = { ...deps, conversation: clarifying.conversation };
    const sendClarifying = (from: string, body: string) =>
      handleSmsMessage(clarifyDeps, { from, to: US, body, messageId: sid(), channelTag: 'test' });
    let question: string | undefined;
    let options: Candidate[] = [];
    for (const text of CLOSE_CALLS) {
      const probe = await clarifying.conversation.handle({
        sessionId: `probe-${text}`,
        messageId: 'probe',
        channel: 'sms',
        text,
      });
      if (probe.reply.kind === 'clarify') {
        question = text;
        options = probe.reply.options;
        break;
      }
    }
    expect(question, 'one of the close-call questions clarifies').toBeDefined();
    const phone = '+971500000001';

    const clarify = await sendClarifying(phone, question!);
    const picked = await sendClarifying(phone, '2');

    expect(clarify).toMatch(/^Did you mean:\n1\) .+\n2\) .+/);
    expect(clarify).toMatch(/Reply 1(, 2)? or \d\.$/);
    expect(smsSegments(clarify!).segments).toBeLessThanOrEqual(3);
    expect(picked).toContain(`Read more: ${HELP_URL}`);
    expect(picked).toContain(options[1]!.articleId);
    expect(smsSegments(picked!).segments).toBeLessThanOrEqual(3);
  });

  it('answers a question with at most 3 segments and the full article link', async () => {
    const text = await send('+971500000002', 'How do I reset my password?');

    expect(text).toMatch(/\nRead more: https:\/\/help\.nakheel\.example\/\S*reset-password\S*$/);
    expect(smsSegments(text!)).toMatchObject({ encoding: 'GSM-7' });
    expect(smsSegments(text!).segments).toBeLessThanOrEqual(3);
  });

  it('sends nothing after STOP until START, and answers again after START', async () => {
    const phone = '+971500000003';

    const stop = await send(phone, 'STOP');
    const ignored = await send(phone, 'How do I reset my password?');
    const start = await send(phone, 'START');
    const answered = await send(phone, 'How do I reset my password?');

    expect(stop).toBeUndefined();
    expect(ignored).toBeUndefined();
    expect(start).toMatch(/subscribed again/);
    expect(answered).toContain('Read more:');
  });

  it('opts out in Arabic too and answers HELP in the customer’s language', async () => {
    const phone = '+971500000004';

    const help = await send(phone, 'HELP');
    const helpAr = await send(phone, 'مساعدة');
    const stop = await send(phone, 'إيقاف');
    const ignored = await send(phone, 'مساعدة');

    expect(help).toContain(HELP_URL);
    expect(help).toMatch(/STOP/);
    expect(helpAr).toContain('مركز المساعدة');
    expect(stop).toBeUndefined();
    expect(ignored).toBeUndefined();
  });

  it('hands over to a person with a ticket reference when asked', async () => {
    const text = await send('+971500000005', 'I want to talk to a real person');

    expect(text).toMatch(/reference is [A-Z]{2}-[A-Z0-9]+/);
  });

  it('gives a retried delivery (same MessageSid) the same reply', async () => {
    const phone = '+971500000006';
    const messageId = sid();

    const first = await send(phone, 'agent please', messageId);
    const retry = await send(phone, 'agent please', messageId);

    expect(retry).toBe(first);
  });

  it('answers a signed Twilio webhook end to end as TwiML', async () => {
    const publicUrl = 'https://mujib.example.com/sms/twilio';
    const token = 'a'.repeat(32);
    const rawBody = (await readFile('test/fixtures/sms/twilio-inbound-en.form', 'utf8')).replace(
      'SM1f0e8ae6ade43cb3c0ce4525424e404f',
      sid(),
    );
    const params = Object.fromEntries(new URLSearchParams(rawBody));
    const headers = { 'X-Twilio-Signature': getExpectedTwilioSignature(token, publicUrl, params) };

    const inbound = parseTwilioWebhook(rawBody, headers, { authToken: token, publicUrl });
    const text = await send(inbound.from, inbound.body, inbound.messageSid);
    const twiml = twimlMessage(text);

    expect(twiml).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?><Response><Message>/);
    expect(twiml).toContain('reset-password');
  });

  it('answers an Arabic question arriving from End User Messaging in UCS-2 within 3 segments', async () => {
    const event = JSON.parse(
      await readFile('test/fixtures/sms/eum-inbound-sns.json', 'utf8'),
    ) as SNSEvent;
    const [message] = parseEumSnsEvent(event).messages;

    const text = await handleSmsMessage(deps, {
      from: message!.originationNumber,
      to: message!.destinationNumber,
      body: message!.messageBody,
      messageId: message!.inboundMessageId,
      channelTag: 'eum',
    });

    expect(smsSegments(text!)).toMatchObject({ encoding: 'UCS-2' });
    expect(smsSegments(text!).segments).toBeLessThanOrEqual(3);
    expect(text).toContain('للمزيد: https://help.nakheel.example/');
    expect(text).toMatch(/[\u0600-\u06FF]/);
  });
});
