import { readFileSync } from 'node:fs';
import twilio from 'twilio';
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks.js';
import { describe, expect, it } from 'vitest';
import { twilioSignature, verifyTwilioSignature } from '#adapters/sms/twilio-signature.ts';

const TOKEN = '12345678901234567890123456789012';
const URL = 'https://mujib.example.com/sms/twilio?tenant=nakheel';

const fixtureParams = Object.fromEntries(
  new URLSearchParams(readFileSync('test/fixtures/sms/twilio-inbound-en.form', 'utf8')),
);

const CASES: [name: string, params: Record<string, string>][] = [
  ['a real-shaped webhook', fixtureParams],
  ['an Arabic body', { ...fixtureParams, Body: 'ابي اكلم موظف، طلبي ما وصل!' }],
  [
    'emoji and symbols',
    { ...fixtureParams, Body: 'Where is my order? 📦 & <script> "quotes" 100% +1' },
  ],
  ['an empty body', { ...fixtureParams, Body: '' }],
  ['Arabic field names sort order', { b: '2', a: '1', B: '3', ا: 'x', _: 'y' }],
];

describe('Twilio signatures', () => {
  it.each(CASES)('match the twilio library for %s', (_name, params) => {
    const ours = twilioSignature(TOKEN, URL, params);

    expect(ours).toBe(getExpectedTwilioSignature(TOKEN, URL, params));
    expect(twilio.validateRequest(TOKEN, ours, URL, params)).toBe(true);
  });

  it.each(CASES)('verify what the twilio library signs for %s', (_name, params) => {
    const signature = getExpectedTwilioSignature(TOKEN, URL, params);

    expect(verifyTwilioSignature(TOKEN, URL, params, signature)).toBe(true);
  });

  it('matches the library for repeated fields', () => {
    const params = { MediaUrl: ['https://b.example/2', 'https://a.example/1'], Body: 'x' };

    expect(twilioSignature(TOKEN, URL, params)).toBe(
      getExpectedTwilioSignature(TOKEN, URL, params),
    );
  });

  it('accepts the URL with or without the default port, as the library does', () => {
    const signature = getExpectedTwilioSignature(
      TOKEN,
      'https://mujib.example.com:443/sms',
      fixtureParams,
    );

    expect(
      verifyTwilioSignature(TOKEN, 'https://mujib.example.com/sms', fixtureParams, signature),
    ).toBe(true);
    expect(
      twilio.validateRequest(TOKEN, signature, 'https://mujib.example.com/sms', fixtureParams),
    ).toBe(true);
  });

  it('rejects a forged, tampered, missing or other-URL signature', () => {
    const signature = twilioSignature(TOKEN, URL, fixtureParams);

    expect(
      verifyTwilioSignature('another-token-000000000000000000', URL, fixtureParams, signature),
    ).toBe(false);
    expect(
      verifyTwilioSignature(TOKEN, URL, { ...fixtureParams, Body: 'changed' }, signature),
    ).toBe(false);
    expect(
      verifyTwilioSignature(
        TOKEN,
        'https://evil.example.com/sms/twilio?tenant=nakheel',
        fixtureParams,
        signature,
      ),
    ).toBe(false);
    expect(verifyTwilioSignature(TOKEN, URL, fixtureParams, undefined)).toBe(false);
    expect(verifyTwilioSignature(TOKEN, URL, fixtureParams, '')).toBe(false);
    expect(verifyTwilioSignature(TOKEN, URL, fixtureParams, `${signature.slice(0, -2)}A=`)).toBe(
      false,
    );
    expect(verifyTwilioSignature('', URL, fixtureParams, signature)).toBe(false);
  });
});
