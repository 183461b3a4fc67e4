/**
 * Every SmsOptOutStore behaves the same: STOP holds until START, idempotently, per customer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoSmsOptOutStore } from '#adapters/dynamodb/dynamo-sms-opt-out-store.ts';
import { MemorySmsOptOutStore, type SmsOptOutStore } from '#adapters/sms/sms-opt-out-store.ts';
import { startTestDynamo, type TestDynamo } from '../helpers/dynalite.ts';

let dynamo: TestDynamo;
beforeAll(async () => {
  dynamo = await startTestDynamo();
});
afterAll(async () => {
  await dynamo?.close();
});

const adapters: [string, () => Promise<SmsOptOutStore>][] = [
  ['memory', async () => new MemorySmsOptOutStore()],
  [
    'dynamodb',
    async () =>
      new DynamoSmsOptOutStore({
        client: dynamo.client,
        tableName: (await dynamo.freshTables()).stats,
      }),
  ],
];

describe.each(adapters)('SmsOptOutStore contract (%s)', (_name, create) => {
  it('keeps a STOP until START, for that customer only', async () => {
    const store = await create();

    await store.optOut('sms:aaa', '2026-11-23T10:00:00.000Z');
    await store.optOut('sms:aaa', '2026-11-23T11:00:00.000Z');
    const stopped = await store.isOptedOut('sms:aaa');
    const other = await store.isOptedOut('sms:bbb');
    await store.optIn('sms:aaa');
    await store.optIn('sms:aaa');

    expect(stopped).toBe(true);
    expect(other).toBe(false);
    expect(await store.isOptedOut('sms:aaa')).toBe(false);
  });
});
