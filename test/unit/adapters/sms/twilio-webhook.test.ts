import { readFileSync } from 'node:fs';
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks.js';
import { describe, expect, it } from 'vitest';
import { InvalidSignatureError, ValidationError } from '#core/errors.ts';
import { parseTwilioWebhook } from '#adapters/sms/twilio-webhook.ts';
import { twimlMessage } from '#adapters/sms/twiml.ts';

const TOKEN = 'f0e1d2c3b4a5968778695a4b3c2d1e0f';
const PUBLIC_URL = 'https://mujib.example.com/sms/twilio';
const FIXTURE = readFileSync('test/fixtures/sms/twilio-inbound-en.form', 'utf8');

/** Signs a form body the way Twilio does, with the twilio library itself. */
function signed(rawBody: string, url = PUBLIC_URL): Record<string, string> {
  const params = Object.fromEntries(new URLSearchParams(rawBody));
  return { 'X-Twilio-Signature': getExpectedTwilioSignature(TOKEN, url, params) };
}

const options = { authToken: TOKEN, publicUrl: PUBLIC_URL };

describe('parseTwilioWebhook', () => {
  it('returns the message fields of a correctly signed webhook', () => {
    const sms = parseTwilioWebhook(FIXTURE, signed(FIXTURE), options);

    expect(sms).toMatchObject({
      from: '+971501234567',
      to: '+14155550100',
      body: 'How do I reset my password?',
      messageSid: 'SM1f0e8ae6ade43cb3c0ce4525424e404f',
    });
  });

  it('reads an Arabic body signed by Twilio, with the header in any case', () => {
    const body = FIXTURE.replace(/Body=[^&]*/, `Body=${encodeURIComponent('ابي اكلم موظف')}`);
    const headers = { 'x-twilio-signature': signed(body)['X-Twilio-Signature'] };

    expect(parseTwilioWebhook(body, headers, options).body).toBe('ابي اكلم موظف');
  });

  it('rejects a missing signature as InvalidSignatureError', () => {
    expect(() => parseTwilioWebhook(FIXTURE, {}, options)).toThrow(InvalidSignatureError);
  });

  it('rejects a forged body (signature of another body)', () => {
    const forged = FIXTURE.replace('reset+my+password', 'delete+my+account');

    expect(() => parseTwilioWebhook(forged, signed(FIXTURE), options)).toThrow(
      InvalidSignatureError,
    );
  });

  it('rejects a signature made for another URL: the configured public URL is part of it', () => {
    const headers = signed(FIXTURE, 'https://attacker.example.com/sms/twilio');

    expect(() => parseTwilioWebhook(FIXTURE, headers, options)).toThrow(InvalidSignatureError);
  });

  it('rejects a signed but malformed webhook as ValidationError', () => {
    const form = new URLSearchParams(FIXTURE);
    form.delete('MessageSid');
    form.delete('SmsSid');
    const noSid = form.toString();
    const badFrom = FIXTURE.replace('From=%2B971501234567', 'From=not-a-number');
    const tooLong = FIXTURE.replace(/Body=[^&]*/, `Body=${'a'.repeat(1601)}`);

    for (const body of [noSid, badFrom, tooLong]) {
      expect(() => parseTwilioWebhook(body, signed(body), options)).toThrow(ValidationError);
    }
  });

  it('rejects a missing body as InvalidSignatureError', () => {
    expect(() => parseTwilioWebhook(undefined, signed(''), options)).toThrow(InvalidSignatureError);
  });
});

describe('twimlMessage', () => {
  it('wraps the reply in an XML-escaped Message', () => {
    expect(twimlMessage('Fish & chips <today> "now" it\'s')).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response><Message>Fish &amp; chips &lt;today&gt; &quot;now&quot; it&apos;s</Message></Response>',
    );
  });

  it('keeps Arabic and newlines and drops characters XML cannot carry', () => {
    expect(twimlMessage('مرحبا\nhi\u0000\u0007')).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response><Message>مرحبا\nhi</Message></Response>',
    );
  });

  it('answers an empty Response when there is nothing to send', () => {
    expect(twimlMessage(undefined)).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
    expect(twimlMessage('  ')).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
  });
});
