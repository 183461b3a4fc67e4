import { describe, expect, it } from 'vitest';
import { smsKeyword } from '#adapters/sms/sms-keywords.ts';
import { MemorySmsOptOutStore } from '#adapters/sms/sms-opt-out-store.ts';
import { maskPhone, smsCustomerKey, smsSessionId } from '#adapters/sms/sms-session.ts';

describe('smsKeyword', () => {
  it.each([
    ['STOP', 'stop'],
    ['stop', 'stop'],
    ['Stop.', 'stop'],
    ['STOPALL', 'stop'],
    ['unsubscribe', 'stop'],
    ['CANCEL', 'stop'],
    ['end', 'stop'],
    ['QUIT', 'stop'],
    ['إيقاف', 'stop'],
    ['ايقاف', 'stop'],
    ['الغاء', 'stop'],
    ['إلغاء', 'stop'],
    ['START', 'start'],
    ['unstop', 'start'],
    ['YES', 'start'],
    ['ابدأ', 'start'],
    ['HELP', 'help'],
    ['info', 'help'],
    ['مساعدة', 'help'],
    [' help! ', 'help'],
  ])('"%s" is the %s keyword', (text, keyword) => {
    expect(smsKeyword(text)).toBe(keyword);
  });

  it.each([
    ['how do I stop emails'],
    ['help me reset my password'],
    ['stop it now'],
    ['كيف الغاء الطلب'],
    [''],
  ])('"%s" is not a keyword', (text) => {
    expect(smsKeyword(text)).toBeUndefined();
  });
});

describe('SMS session ids and customer keys', () => {
  const SECRET = 'test-secret';
  const PHONE = '+971501234567';

  it('keeps one session within the window and starts a new one after it', () => {
    const morning = smsSessionId(PHONE, new Date('2026-11-23T08:00:00Z'), 24, SECRET);
    const evening = smsSessionId(PHONE, new Date('2026-11-23T22:00:00Z'), 24, SECRET);
    const nextDay = smsSessionId(PHONE, new Date('2026-11-24T08:00:00Z'), 24, SECRET);

    expect(morning).toBe(evening);
    expect(nextDay).not.toBe(morning);
    expect(morning).toMatch(/^sms:[0-9a-f]{20}:\d+$/);
  });

  it('never contains the number and differs per number and per secret', () => {
    const now = new Date('2026-11-23T08:00:00Z');
    const id = smsSessionId(PHONE, now, 24, SECRET);

    expect(id).not.toContain('501234567');
    expect(smsSessionId('+971501234568', now, 24, SECRET)).not.toBe(id);
    expect(smsSessionId(PHONE, now, 24, 'other-secret')).not.toBe(id);
  });

  it('gives a stable customer key that ignores formatting of the number', () => {
    expect(smsCustomerKey('+971 50-123 4567', SECRET)).toBe(smsCustomerKey(PHONE, SECRET));
    expect(smsCustomerKey(PHONE, SECRET)).toMatch(/^sms:[0-9a-f]{20}$/);
  });

  it('refuses an empty secret', () => {
    expect(() => smsCustomerKey(PHONE, '')).toThrow(RangeError);
  });

  it('masks numbers for logs', () => {
    expect(maskPhone(PHONE)).toBe('+9715••••••67');
    expect(maskPhone(PHONE)).not.toContain('1234');
  });
});

describe('MemorySmsOptOutStore', () => {
  it('remembers an opt-out until the number opts back in', async () => {
    const store = new MemorySmsOptOutStore();

    await store.optOut('sms:abc', '2026-11-23T08:00:00Z');
    await store.optOut('sms:abc', '2026-11-23T09:00:00Z');
    const afterStop = await store.isOptedOut('sms:abc');
    await store.optIn('sms:abc');

    expect(afterStop).toBe(true);
    expect(await store.isOptedOut('sms:abc')).toBe(false);
    expect(await store.isOptedOut('sms:other')).toBe(false);
  });
});
