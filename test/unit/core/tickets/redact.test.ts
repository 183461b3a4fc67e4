import { describe, expect, it } from 'vitest';
import { redactPii } from '#core/tickets/redact.ts';

describe('redactPii', () => {
  it.each([
    ['call me on +44 7700 900123 please', 'call me on [phone] please'],
    ['my number is 0501234567', 'my number is [phone]'],
    ['(555) 123-4567', '[phone]'],
    ['+1 (555) 123-4567.', '[phone].'],
    ['00966 50 123 4567', '[phone]'],
    ['رقمي ٠٥٠١٢٣٤٥٦٧ شكرا', 'رقمي [phone] شكرا'],
    ['رقمي +٩٦٦٥٠١٢٣٤٥٦٧', 'رقمي [phone]'],
  ])('replaces the phone number in %j', (text, expected) => {
    expect(redactPii(text)).toBe(expected);
  });

  it.each([
    ['write to jo.smith+help@example.co.uk', 'write to [email]'],
    ['أرسل إلى user_1@mail.example.com', 'أرسل إلى [email]'],
    ['a@b.io and c@d.org', '[email] and [email]'],
  ])('replaces the email address in %j', (text, expected) => {
    expect(redactPii(text)).toBe(expected);
  });

  it.each([
    'order 12345 was late',
    'it happened on 2025-03-01',
    'since 01/03/2025',
    'ticket MJ-4K7Q2X',
    'code 123 456',
    'message SM1234567890abcdef',
    'how do I reset my password?',
  ])('leaves %j alone', (text) => {
    expect(redactPii(text)).toBe(text);
  });
});
