import { readFileSync } from 'node:fs';
import { createServer, type Http2Server, type IncomingHttpHeaders } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { LexRuntimeV2Client } from '@aws-sdk/client-lex-runtime-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LexIntentRecognizer } from '#adapters/lex/lex-intent-recognizer.ts';
import { createTestApp } from '../../helpers/test-app.ts';

interface Seen {
  method?: string;
  path?: string;
  headers: IncomingHttpHeaders;
  body: { text?: string; sessionState?: unknown };
}

const GREETING = readFileSync('test/fixtures/lex/recognize-text-greeting.json', 'utf8');

/** An HTTP/2 cleartext stand-in for the Lex V2 runtime: records requests, answers by text. */
function lexStandIn(seen: Seen[]): Http2Server {
  const server = createServer();
  server.on('stream', (stream, headers) => {
    let raw = '';
    stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    stream.on('end', () => {
      const body = JSON.parse(raw || '{}') as Seen['body'];
      seen.push({ method: headers[':method'], path: headers[':path'], headers, body });
      if (body.text === 'hang') return; // never answers: the recognizer must time out
      if (body.text === 'boom') {
        stream.respond({
          ':status': 500,
          'content-type': 'application/json',
          'x-amzn-errortype': 'InternalServerException',
        });
        stream.end(JSON.stringify({ message: 'internal failure' }));
        return;
      }
      if (body.text === 'forbidden') {
        stream.respond({
          ':status': 403,
          'content-type': 'application/json',
          'x-amzn-errortype': 'AccessDeniedException',
        });
        stream.end(JSON.stringify({ message: 'no access' }));
        return;
      }
      const answer =
        body.text === 'مع السلامة'
          ? JSON.stringify({
              sessionState: { intent: { name: 'Goodbye', state: 'ReadyForFulfillment' } },
              interpretations: [{ intent: { name: 'Goodbye' }, nluConfidence: { score: 0.88 } }],
              messages: [{ content: 'مع السلامة', contentType: 'PlainText' }],
              sessionId: 'x',
            })
          : GREETING;
      stream.respond({ ':status': 200, 'content-type': 'application/json' });
      stream.end(answer);
    });
  });
  return server;
}

describe('LexIntentRecognizer on an HTTP/2 Lex stand-in', () => {
  const seen: Seen[] = [];
  const logs: Record<string, unknown>[] = [];
  let server: Http2Server;
  let client: LexRuntimeV2Client;
  let recognizer: LexIntentRecognizer;

  beforeAll(async () => {
    server = lexStandIn(seen);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    client = new LexRuntimeV2Client({
      endpoint: `http://127.0.0.1:${port}`,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
      maxAttempts: 1,
    });
    recognizer = new LexIntentRecognizer({
      botId: 'BOT1234567',
      botAliasId: 'TSTALIASID',
      localeIds: { en: 'en_US', ar: 'ar_AE' },
      client,
      timeoutMs: 500,
      log: (event) => logs.push(event),
    });
  });

  afterAll(async () => {
    client?.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  it('sends RecognizeText as the SDK really does and maps the answer', async () => {
    const result = await recognizer.recognize('hello there', 'en', 'sms:3f9a0c:20412');

    expect(result).toEqual({ intent: 'greeting', confidence: 0.94 });
    const request = seen.at(-1)!;
    expect(request.method).toBe('POST');
    expect(request.path).toBe(
      '/bots/BOT1234567/botAliases/TSTALIASID/botLocales/en_US/sessions/sms%3A3f9a0c%3A20412/text',
    );
    expect(request.body.text).toBe('hello there');
    expect(String(request.headers.authorization)).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/lex\/aws4_request, SignedHeaders=[^,]+, Signature=[0-9a-f]{64}$/,
    );
    expect(request.headers['x-amz-date']).toMatch(/^\d{8}T\d{6}Z$/);
  });

  it('uses the Arabic locale and a session id Lex accepts', async () => {
    const result = await recognizer.recognize('مع السلامة', 'ar', 'web/session with spaces');

    expect(result).toEqual({ intent: 'goodbye', confidence: 0.88 });
    const path = decodeURIComponent(seen.at(-1)!.path ?? '');
    expect(path).toMatch(/\/botLocales\/ar_AE\/sessions\/[0-9a-zA-Z._:-]{2,100}\/text$/);
    expect(seen.at(-1)!.body.text).toBe('مع السلامة');
  });

  it.each([['boom'], ['forbidden']])(
    'falls back to the built-in recognizer when Lex fails (%s) and logs it',
    async (text) => {
      const before = logs.length;

      const result = await recognizer.recognize(text, 'en', 'sms:abc');

      expect(result.intent).toBe('question');
      expect(logs.length).toBe(before + 1);
      expect(logs.at(-1)).toMatchObject({ event: 'lex.recognize_failed' });
    },
  );

  it('falls back within the timeout when Lex does not answer', async () => {
    const started = Date.now();

    const result = await recognizer.recognize('hang', 'en', 'sms:abc');

    expect(result.intent).toBe('question');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(logs.at(-1)).toMatchObject({ event: 'lex.recognize_failed', error: 'Timeout' });
  });

  it('answers with the built-in recognizer for a language without a Lex locale', async () => {
    const only = new LexIntentRecognizer({
      botId: 'BOT1234567',
      botAliasId: 'TSTALIASID',
      localeIds: { en: 'en_US' },
      client,
    });
    const count = seen.length;

    const result = await only.recognize('ابي اكلم موظف', 'ar', 'sms:abc');

    expect(result.intent).toBe('ask-for-human');
    expect(seen.length).toBe(count);
  });

  it('is what the conversation core uses when a Lex bot is configured', async () => {
    const app = await createTestApp({
      env: { MUJIB_LEX_BOT_ID: 'BOT1234567', MUJIB_LEX_BOT_ALIAS_ID: 'TSTALIASID' },
      lexClient: client,
    });
    const before = seen.length;

    const handled = await app.conversation.handle({
      sessionId: 'web-lex-1',
      messageId: 'm-1',
      channel: 'web',
      text: 'hello there',
    });

    expect(handled.reply).toMatchObject({ kind: 'smalltalk', intent: 'greeting' });
    expect(seen.length).toBe(before + 1);
    expect(seen.at(-1)!.path).toContain('/botLocales/en_US/sessions/web-lex-1/text');
  });
});
