/**
 * Property-based fuzzing (fast-check) of the public entry points through the real router, core
 * and stores: the JSON chat routes and the Twilio form webhook. Whatever the body and headers,
 * the answer is a 2xx or a 4xx (never a 5xx), it comes back in bounded time, and a rejected
 * request changes nothing (no turn, no ticket, no SMS session).
 */
import fc from 'fast-check';
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpRequest, HttpResponse } from '#adapters/http/http-types.ts';
import { smsCustomerKey } from '#adapters/sms/sms-session.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

const TOKEN = 'fuzz-twilio-token';
const MAX_MS = 5_000; // a stall, not a benchmark: stalls wait for 30 s+ timeouts

let app: TestApp;
let seq = 0;

beforeAll(async () => {
  app = await createTestApp({ env: { MUJIB_TWILIO_AUTH_TOKEN: TOKEN } });
});
afterAll(async () => {
  await app?.close();
});

async function call(request: Omit<HttpRequest, 'requestId' | 'query'> & { query?: string }) {
  const started = performance.now();
  const response: HttpResponse = await app.router.handle({
    ...request,
    query: new URLSearchParams(request.query ?? ''),
    requestId: `fuzz-${++seq}`,
  });
  return { response, ms: performance.now() - started };
}

async function ticketCount(): Promise<number> {
  let n = 0;
  for (const status of ['open', 'claimed', 'answered', 'closed'] as const) {
    n += (await app.tickets.list({ status }, { limit: 100 })).items.length;
  }
  return n;
}

/** A value of any JSON shape, biased towards the fields the routes read. */
const fieldValue = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.constantFrom('up', 'down', 'en', 'ar', 'fr', 'MJ-ZZZZZZ', 'talk to a person', 'a@b.co'),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 2 }),
  fc.string({ minLength: 190, maxLength: 260 }),
);

const chatBody = fc.oneof(
  fc
    .record(
      {
        text: fieldValue,
        lang: fieldValue,
        sessionId: fieldValue,
        messageId: fieldValue,
        choice: fieldValue,
        value: fieldValue,
        ticketRef: fieldValue,
        email: fieldValue,
      },
      { requiredKeys: [] },
    )
    .map((body) => JSON.stringify(body)),
  fc.json(),
  fc.string({ maxLength: 200 }),
  fc.constantFrom('', '{', '[]', 'null', '{"text":', '{"__proto__":{"text":1}}'),
);

const contentType = fc.oneof(
  fc.constantFrom(
    'application/json',
    'application/json; charset=utf-8',
    'application/json-patch+json',
    'text/plain',
    'application/x-www-form-urlencoded',
    '',
  ),
  fc.string({ maxLength: 40 }),
);

const chatPath = fc.oneof(
  fc.constantFrom('/api/chat', '/api/chat/feedback', '/api/chat/contact'),
  fc
    .oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom('web-1', 'alexa:abc', '..', '%', '%E0%A4%A'),
    )
    .map((id) => `/api/chat/${id.replaceAll('/', '_')}/updates`),
);

describe('JSON chat routes under random input', () => {
  it('answer 2xx or 4xx in bounded time, and a rejected request changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        chatPath,
        fc.constantFrom('POST', 'GET', 'PUT'),
        contentType,
        chatBody,
        async (path, method, type, body) => {
          const parsed = safeJson(body);
          const sessionId =
            typeof parsed?.sessionId === 'string' && parsed.sessionId ? parsed.sessionId : '';
          const turnsBefore = sessionId ? (await app.sessionLog.listTurns(sessionId)).length : 0;
          const ticketsBefore = await ticketCount();

          const { response, ms } = await call({
            method,
            path,
            headers: type ? { 'content-type': type } : {},
            body,
          });

          expect(response.status, response.body).toBeGreaterThanOrEqual(200);
          expect(response.status, response.body).toBeLessThan(500);
          expect(ms).toBeLessThan(MAX_MS);
          if (response.status >= 400) {
            expect(() => JSON.parse(response.body)).not.toThrow();
            expect(await ticketCount()).toBe(ticketsBefore);
            if (sessionId) {
              expect((await app.sessionLog.listTurns(sessionId)).length).toBe(turnsBefore);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

const e164 = fc
  .tuple(fc.integer({ min: 1, max: 9 }), fc.stringMatching(/^\d{6,13}$/))
  .map(([first, rest]) => `+${first}${rest}`);
const messageSid = fc.oneof(
  fc.stringMatching(/^SM[0-9a-f]{32}$/),
  fc.string({ maxLength: 40 }),
  fc.constant(''),
);

const twilioParams = fc
  .record(
    {
      From: fc.oneof(e164, fc.string({ maxLength: 20 })),
      To: fc.oneof(fc.constant('+15005550006'), fc.string({ maxLength: 16 })),
      Body: fc.oneof(
        fc.string({ maxLength: 200 }),
        fc.string({ unit: 'grapheme', maxLength: 100 }),
        fc.constantFrom('STOP', 'START', 'HELP', '2', 'talk to a person', 'إيقاف'),
        fc.string({ minLength: 1590, maxLength: 1700 }),
      ),
      MessageSid: messageSid,
      AccountSid: fc.constant('AC' + '0'.repeat(32)),
    },
    { requiredKeys: [] },
  )
  .chain((base) =>
    fc
      .dictionary(fc.string({ maxLength: 12 }), fc.string({ maxLength: 20 }), { maxKeys: 3 })
      .map((extra) => ({ ...extra, ...base }) as Record<string, string>),
  );

describe('Twilio webhook under random input', () => {
  it('answers 2xx or 4xx in bounded time, and a rejected request leaves no trace', async () => {
    const url = app.config.twilio.webhookUrl;
    await fc.assert(
      fc.asyncProperty(
        twilioParams,
        fc.constantFrom('signed', 'unsigned', 'forged', 'raw'),
        fc.string({ maxLength: 300 }),
        async (params, signing, rawBody) => {
          const body = signing === 'raw' ? rawBody : new URLSearchParams(params).toString();
          const headers: Record<string, string> = {
            'content-type': 'application/x-www-form-urlencoded',
          };
          if (signing === 'signed') {
            headers['x-twilio-signature'] = getExpectedTwilioSignature(TOKEN, url, params);
          }
          if (signing === 'forged' || signing === 'raw') {
            headers['x-twilio-signature'] = getExpectedTwilioSignature('not-it', url, params);
          }
          const from = params.From ?? '';
          const customerKey = from ? smsCustomerKey(from, app.config.piiSecret ?? '') : '';
          const sessionBefore = customerKey ? await app.smsSessions.latest(customerKey) : undefined;
          const ticketsBefore = await ticketCount();

          const { response, ms } = await call({
            method: 'POST',
            path: '/sms/twilio',
            headers,
            body,
          });

          expect(response.status, response.body).toBeGreaterThanOrEqual(200);
          expect(response.status, response.body).toBeLessThan(500);
          expect(ms).toBeLessThan(MAX_MS);
          if (response.status === 200) {
            expect(response.headers['content-type']).toMatch(/text\/xml/);
          } else {
            expect(await ticketCount()).toBe(ticketsBefore);
            if (customerKey) {
              expect(await app.smsSessions.latest(customerKey)).toEqual(sessionBefore);
            }
          }
        },
      ),
      {
        numRuns: 300,
        // Found by this property: a form field named like an Object.prototype method gave 500.
        examples: [
          [
            {
              toString: '',
              From: '+6615643678321',
              Body: '2',
              AccountSid: 'AC00000000000000000000000000000000',
              MessageSid: 'SM00000000000000000000000000000001',
            },
            'signed',
            '',
          ],
          [
            {
              __proto__x: '1',
              hasOwnProperty: 'x',
              From: '+966500000001',
              Body: 'hi',
              MessageSid: 'SM00000000000000000000000000000002',
            },
            'signed',
            '',
          ],
        ],
      },
    );
  });
});

function safeJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
