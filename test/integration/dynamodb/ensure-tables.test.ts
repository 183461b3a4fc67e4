/**
 * ensureTables builds exactly the table design (keys, indexes) and is safe to run again.
 */
import { DescribeTableCommand, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTableInput, ensureTables } from '#adapters/dynamodb/ensure-tables.ts';
import { TICKETS_TABLE, TURNS_TABLE } from '#adapters/dynamodb/table-design.ts';
import { freshTableNames, startTestDynamo, type TestDynamo } from '../../helpers/dynalite.ts';

let dynamo: TestDynamo;
beforeAll(async () => {
  dynamo = await startTestDynamo();
});
afterAll(() => dynamo?.close());

describe('ensureTables', () => {
  it('creates the turns, tickets and gaps tables with their keys and indexes', async () => {
    const names = freshTableNames();
    await ensureTables(dynamo.client, names);
    const describe = async (name: string) =>
      (await dynamo.client.send(new DescribeTableCommand({ TableName: name }))).Table!;
    const turns = await describe(names.turns);
    const tickets = await describe(names.tickets);
    const gaps = await describe(names.gaps);
    expect(turns.TableStatus).toBe('ACTIVE');
    expect(turns.KeySchema).toEqual([
      { AttributeName: 'sessionId', KeyType: 'HASH' },
      { AttributeName: 'messageId', KeyType: 'RANGE' },
    ]);
    expect(
      turns.LocalSecondaryIndexes?.map((i) => [i.IndexName, i.KeySchema?.[1]?.AttributeName]),
    ).toEqual([['byTime', 'at']]);
    expect(
      tickets.GlobalSecondaryIndexes?.map((i) => [
        i.IndexName,
        ...(i.KeySchema ?? []).map((k) => k.AttributeName),
      ]).sort(),
    ).toEqual([
      ['byCustomer', 'customerKey', 'createdAt'],
      ['byQueue', 'queue', 'createdAt'],
      ['byStatus', 'status', 'createdAt'],
    ]);
    expect(gaps.KeySchema?.map((k) => k.AttributeName)).toEqual(['lang', 'id']);
  });

  it('running it again on existing tables changes nothing and does not fail', async () => {
    const names = freshTableNames();
    await ensureTables(dynamo.client, names);
    await ensureTables(dynamo.client, names);
    const { TableNames = [] } = await dynamo.client.send(new ListTablesCommand({}));
    expect(TableNames.filter((n) => Object.values(names).includes(n))).toHaveLength(
      Object.keys(names).length,
    );
  });

  it('derives CreateTable requests from the plain design (on-demand, all attributes declared)', () => {
    const turns = createTableInput(TURNS_TABLE, 'turns');
    const tickets = createTableInput(TICKETS_TABLE, 'tickets');
    expect(turns.BillingMode).toBe('PAY_PER_REQUEST');
    expect(turns.AttributeDefinitions?.map((a) => a.AttributeName).sort()).toEqual([
      'at',
      'messageId',
      'sessionId',
    ]);
    expect(tickets.AttributeDefinitions?.map((a) => a.AttributeName).sort()).toEqual([
      'createdAt',
      'customerKey',
      'queue',
      'ref',
      'status',
    ]);
  });
});
