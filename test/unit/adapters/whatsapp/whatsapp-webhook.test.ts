/**
 * Twilio's WhatsApp webhook: signed exactly like SMS (checked with the twilio library's own
 * signatures), `whatsapp:` addresses, quick-reply buttons; a WhatsApp message on the SMS webhook
 * and an SMS on the WhatsApp webhook are refused.
 */
import { readFileSync } from 'node:fs';
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks.js';
import { describe, expect, it } from 'vitest';
import { InvalidSignatureError, ValidationError } from '#core/errors.ts';
import { parseTwilioWebhook } from '#adapters/sms/twilio-webhook.ts';

const TOKEN = 'f0e1d2c3b4a5968778695a4b3c2d1e0f';
const URL = 'https://mujib.example.com/whatsapp/twilio';
const TEXT = readFileSync('test/fixtures/whatsapp/twilio-inbound-text.form', 'utf8');
const BUTTON = readFileSync('test/fixtures/whatsapp/twilio-inbound-button.form', 'utf8');
const SMS = readFileSync('test/fixtures/sms/twilio-inbound-en.form', 'utf8');
const options = { authToken: TOKEN, publicUrl: URL, channel: 'whatsapp' as const };

function signed(rawBody: string, url = URL): Record<string, string> {
  const params = Object.fromEntries(new URLSearchParams(rawBody));
  return { 'X-Twilio-Signature': getExpectedTwilioSignature(TOKEN, url, params) };
}

function edited(rawBody: string, change: (form: URLSearchParams) => void): string {
  const form = new URLSearchParams(rawBody);
  change(form);
  return form.toString();
}

describe('parseTwilioWebhook on the WhatsApp channel', () => {
  it('reads a signed WhatsApp text with the numbers freed of their whatsapp: prefix', () => {
    const message = parseTwilioWebhook(TEXT, signed(TEXT), options);

    expect(message).toMatchObject({
      from: '+966501234567',
      to: '+14155238886',
      body: 'How do I reset my password?',
      messageSid: 'SM7e0e5a2c4b9d4f1a8c3b2a1d0e9f8a7b',
    });
    expect(message.button).toBeUndefined();
  });

  it('reads a tapped quick reply: its payload and label', () => {
    const message = parseTwilioWebhook(BUTTON, signed(BUTTON), options);

    expect(message.button).toEqual({ payload: '2', text: 'Change your email' });
  });

  it('takes a WhatsApp text of 4,096 characters, which SMS would refuse', () => {
    const long = edited(TEXT, (f) => f.set('Body', 'ب'.repeat(4096)));
    const tooLong = edited(TEXT, (f) => f.set('Body', 'ب'.repeat(4097)));

    expect(parseTwilioWebhook(long, signed(long), options).body).toHaveLength(4096);
    expect(() => parseTwilioWebhook(tooLong, signed(tooLong), options)).toThrow(ValidationError);
  });

  it('refuses a forged body, a missing signature and a signature over the SMS URL', () => {
    const forged = TEXT.replace('reset+my+password', 'delete+my+account');
    const smsUrl = signed(TEXT, 'https://mujib.example.com/sms/twilio');

    expect(() => parseTwilioWebhook(forged, signed(TEXT), options)).toThrow(InvalidSignatureError);
    expect(() => parseTwilioWebhook(TEXT, {}, options)).toThrow(InvalidSignatureError);
    expect(() => parseTwilioWebhook(TEXT, smsUrl, options)).toThrow(InvalidSignatureError);
  });

  it('refuses, signed, an SMS on the WhatsApp webhook and a WhatsApp message on the SMS one', () => {
    const smsOnWhatsApp = () => parseTwilioWebhook(SMS, signed(SMS), options);
    const smsOptions = { authToken: TOKEN, publicUrl: URL };
    const whatsAppOnSms = () => parseTwilioWebhook(TEXT, signed(TEXT), smsOptions);

    expect(smsOnWhatsApp).toThrow(/From is not a WhatsApp address/);
    expect(whatsAppOnSms).toThrow(/From is not an E\.164 phone number/);
  });

  it('refuses, signed, a To that is not ours on WhatsApp and an oversized button', () => {
    const plainTo = edited(TEXT, (f) => f.set('To', '+14155238886'));
    const bigButton = edited(BUTTON, (f) => f.set('ButtonPayload', 'x'.repeat(1025)));
    const notANumber = edited(TEXT, (f) => f.set('From', 'whatsapp:+9665abc'));

    expect(() => parseTwilioWebhook(plainTo, signed(plainTo), options)).toThrow(
      /To is not a WhatsApp/,
    );
    expect(() => parseTwilioWebhook(bigButton, signed(bigButton), options)).toThrow(
      /ButtonPayload/,
    );
    expect(() => parseTwilioWebhook(notANumber, signed(notANumber), options)).toThrow(/E\.164/);
  });
});
