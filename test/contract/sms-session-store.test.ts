/**
 * Every SmsSessionStore behaves the same: a message id is bound once (first binding wins, also
 * when deliveries race), and a number's latest conversation moves only from the one expected.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoSmsSessionStore } from '#adapters/dynamodb/dynamo-sms-session-store.ts';
import {
  MemorySmsSessionStore,
  smsSessionFor,
  type SmsSessionStore,
} from '#adapters/sms/sms-sessions.ts';
import { startTestDynamo, type TestDynamo } from '../helpers/dynalite.ts';

let dynamo: TestDynamo;
beforeAll(async () => {
  dynamo = await startTestDynamo();
});
afterAll(async () => {
  await dynamo?.close();
});

const adapters: [string, () => Promise<SmsSessionStore>][] = [
  ['memory', async () => new MemorySmsSessionStore()],
  [
    'dynamodb',
    async () =>
      new DynamoSmsSessionStore({
        client: dynamo.client,
        tableName: (await dynamo.freshTables()).stats,
      }),
  ],
];

describe.each(adapters)('SmsSessionStore contract (%s)', (_name, create) => {
  it('binds a message id once: the first session wins, later binds get it back', async () => {
    const store = await create();

    const unbound = await store.boundSession('SM1');
    const first = await store.bindMessage('SM1', 'sms:a:1', 2_000_000_000);
    const second = await store.bindMessage('SM1', 'sms:a:2', 2_000_000_000);

    expect(unbound).toBeUndefined();
    expect([first, second]).toEqual(['sms:a:1', 'sms:a:1']);
    expect(await store.boundSession('SM1')).toBe('sms:a:1');
  });

  it('binds concurrent deliveries of one message id to one session', async () => {
    const store = await create();

    const bound = await Promise.all(
      Array.from({ length: 8 }, (_, i) => store.bindMessage('SM2', `sms:a:${i}`, 2_000_000_000)),
    );

    expect(new Set(bound).size).toBe(1);
  });

  it('moves the latest conversation only from the session expected', async () => {
    const store = await create();
    const a = { sessionId: 'sms:a:1', lastAt: '2026-11-23T10:00:00.000Z' };
    const b = { sessionId: 'sms:a:2', lastAt: '2026-11-24T10:00:00.000Z' };

    const started = await store.touch('sms:a', a, undefined);
    const refused = await store.touch('sms:a', b, undefined);
    const moved = await store.touch('sms:a', b, 'sms:a:1');

    expect(started).toEqual(a);
    expect(refused).toEqual(a);
    expect(moved).toEqual(b);
    expect(await store.latest('sms:a')).toEqual(b);
    expect(await store.latest('sms:other')).toBeUndefined();
  });

  it('puts concurrent first messages of a number in one conversation', async () => {
    const store = await create();
    const now = new Date('2026-11-23T10:00:00.000Z');

    const sessions = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        smsSessionFor(
          store,
          { phone: '+966500000009', secret: 's', messageId: `SMc${i}` },
          { idleHours: 24, retentionDays: 90, now: new Date(now.getTime() + i) },
        ),
      ),
    );

    expect(new Set(sessions).size).toBe(1);
  });
});
