/**
 * Property-based fuzzing (fast-check) of the WhatsApp webhook through the real router, core and
 * stores: whatever the form fields (prefixed or bare addresses, quick-reply buttons, odd field
 * names, long bodies) and however it is signed, the answer is a 2xx (TwiML) or a 4xx, never a
 * 5xx, and a refused request changes nothing (no ticket, no WhatsApp session).
 */
import fc from 'fast-check';
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { phoneCustomerKey } from '#adapters/sms/sms-session.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';

const TOKEN = 'fuzz-twilio-token';
let app: TestApp;
let seq = 0;

beforeAll(async () => {
  app = await createTestApp({ env: { MUJIB_TWILIO_AUTH_TOKEN: TOKEN } });
});
afterAll(async () => {
  await app?.close();
});

async function ticketCount(): Promise<number> {
  let n = 0;
  for (const status of ['open', 'claimed', 'answered', 'closed'] as const) {
    n += (await app.tickets.list({ status }, { limit: 100 })).items.length;
  }
  return n;
}

const e164 = fc
  .tuple(fc.integer({ min: 1, max: 9 }), fc.stringMatching(/^\d{6,13}$/))
  .map(([first, rest]) => `+${first}${rest}`);
const address = fc.oneof(
  e164.map((phone) => `whatsapp:${phone}`),
  e164,
  fc.string({ maxLength: 24 }).map((s) => `whatsapp:${s}`),
  fc.string({ maxLength: 20 }),
);

const whatsAppParams = fc
  .record(
    {
      From: address,
      To: fc.oneof(fc.constant('whatsapp:+14155238886'), address),
      Body: fc.oneof(
        fc.string({ maxLength: 200 }),
        fc.string({ unit: 'grapheme', maxLength: 100 }),
        fc.constantFrom('STOP', 'START', 'HELP', '2', '٢', 'talk to a person', 'إيقاف', ''),
        fc.string({ minLength: 4090, maxLength: 4100 }),
      ),
      MessageSid: fc.oneof(fc.stringMatching(/^SM[0-9a-f]{32}$/), fc.string({ maxLength: 40 })),
      ButtonPayload: fc.oneof(
        fc.constantFrom('1', '2', '9', '0', ''),
        fc.string({ maxLength: 30 }),
      ),
      ButtonText: fc.string({ maxLength: 30 }),
      AccountSid: fc.constant('AC' + '0'.repeat(32)),
    },
    { requiredKeys: [] },
  )
  .chain((base) =>
    fc
      .dictionary(fc.string({ maxLength: 12 }), fc.string({ maxLength: 20 }), { maxKeys: 3 })
      .map((extra) => ({ ...extra, ...base }) as Record<string, string>),
  );

describe('the WhatsApp webhook under random input', () => {
  it('answers TwiML or a 4xx, and a refused request leaves no trace', async () => {
    const url = app.config.whatsapp.webhookUrl;
    await fc.assert(
      fc.asyncProperty(
        whatsAppParams,
        fc.constantFrom('signed', 'unsigned', 'forged'),
        async (params, signing) => {
          const headers: Record<string, string> = {
            'content-type': 'application/x-www-form-urlencoded',
          };
          if (signing !== 'unsigned') {
            const token = signing === 'signed' ? TOKEN : 'not-it';
            headers['x-twilio-signature'] = getExpectedTwilioSignature(token, url, params);
          }
          const phone = /^whatsapp:(\+[1-9]\d{6,14})$/.exec(params.From ?? '')?.[1];
          const key = phone ? phoneCustomerKey('whatsapp', phone, app.config.piiSecret ?? '') : '';
          const sessionBefore = key ? await app.smsSessions.latest(key) : undefined;
          const ticketsBefore = await ticketCount();

          const response = await app.router.handle({
            method: 'POST',
            path: '/whatsapp/twilio',
            query: new URLSearchParams(),
            headers,
            body: new URLSearchParams(params).toString(),
            requestId: `fuzz-${++seq}`,
          });

          expect(response.status, response.body).toBeGreaterThanOrEqual(200);
          expect(response.status, response.body).toBeLessThan(500);
          if (signing !== 'signed') expect(response.status).toBe(403);
          if (response.status === 200) {
            expect(response.headers['content-type']).toMatch(/text\/xml/);
          } else {
            expect(await ticketCount()).toBe(ticketsBefore);
            if (key) expect(await app.smsSessions.latest(key)).toEqual(sessionBefore);
          }
        },
      ),
      { numRuns: 200 },
    );
  }, 60_000);
});
