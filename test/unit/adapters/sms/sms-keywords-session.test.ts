import { describe, expect, it } from 'vitest';
import { smsKeyword } from '#adapters/sms/sms-keywords.ts';
import { MemorySmsOptOutStore } from '#adapters/sms/sms-opt-out-store.ts';
import { maskPhone, smsCustomerKey } from '#adapters/sms/sms-session.ts';
import { MemorySmsSessionStore, smsSessionFor } from '#adapters/sms/sms-sessions.ts';

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

  const sessionAt = (store: MemorySmsSessionStore, iso: string, sid: string, phone = PHONE) =>
    smsSessionFor(
      store,
      { phone, secret: SECRET, messageId: sid },
      { idleHours: 24, retentionDays: 90, now: new Date(iso) },
    );

  it('keeps one session while the number is active, across midnight, and starts a new one after a quiet day', async () => {
    const store = new MemorySmsSessionStore();

    const evening = await sessionAt(store, '2026-11-23T22:00:00Z', 'SM1');
    const afterMidnight = await sessionAt(store, '2026-11-24T00:30:00Z', 'SM2');
    const nextEvening = await sessionAt(store, '2026-11-24T20:00:00Z', 'SM3');
    const afterQuietDay = await sessionAt(store, '2026-11-25T21:00:00Z', 'SM4');

    expect(afterMidnight).toBe(evening);
    expect(nextEvening).toBe(evening);
    expect(afterQuietDay).not.toBe(evening);
    expect(evening).toMatch(/^sms:[0-9a-f]{20}:[0-9a-z]+$/);
  });

  it('puts a message id on the session it was first seen in, whenever it comes again', async () => {
    const store = new MemorySmsSessionStore();

    const first = await sessionAt(store, '2026-11-23T23:59:50Z', 'SM1');
    const quietWeekLater = await sessionAt(store, '2026-12-01T10:00:00Z', 'SM2');
    const replayed = await sessionAt(store, '2026-12-01T10:00:01Z', 'SM1');

    expect(quietWeekLater).not.toBe(first);
    expect(replayed).toBe(first);
  });

  it('never contains the number and differs per number and per secret', async () => {
    const store = new MemorySmsSessionStore();
    const id = await sessionAt(store, '2026-11-23T08:00:00Z', 'SM1');
    const other = await sessionAt(store, '2026-11-23T08:00:00Z', 'SM2', '+971501234568');

    expect(id).not.toContain('501234567');
    expect(other.split(':')[1]).not.toBe(id.split(':')[1]);
    expect(smsCustomerKey(PHONE, 'other-secret')).not.toBe(smsCustomerKey(PHONE, SECRET));
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
