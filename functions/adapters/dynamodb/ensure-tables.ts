/**
 * Creates the tables of table-design.ts if they are missing and waits until they are ACTIVE.
 * Idempotent (an existing table is left as it is). Turns on TTL where the store supports it;
 * dynalite has no UpdateTimeToLive, which is tolerated.
 */
import {
  CreateTableCommand,
  DescribeTableCommand,
  UpdateTimeToLiveCommand,
  type CreateTableCommandInput,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { StoreUnavailableError } from '#core/errors.ts';
import { errorName, storeCall } from './store-error.ts';
import { TABLE_DESIGN, type TableDesign, type TableNames } from './table-design.ts';

/** How long to wait for a table to become ACTIVE, and how often to look. */
const ACTIVE_TIMEOUT_MS = 60_000;
const FIRST_POLL_MS = 2;
const MAX_POLL_MS = 500;

/** Creates any missing table (and its TTL setting); resolves when all are ACTIVE. */
export async function ensureTables(client: DynamoDBClient, names: TableNames): Promise<void> {
  const roles = Object.keys(TABLE_DESIGN) as (keyof TableNames)[];
  await Promise.all(
    roles.map(async (role) => {
      const design = TABLE_DESIGN[role];
      await createIfMissing(client, createTableInput(design, names[role]));
      await waitUntilActive(client, names[role]);
      if (design.timeToLiveAttribute) {
        await enableTimeToLive(client, names[role], design.timeToLiveAttribute);
      }
    }),
  );
}

/** The CreateTable request for `design` under `tableName` (on-demand billing). */
export function createTableInput(design: TableDesign, tableName: string): CreateTableCommandInput {
  const attributes = new Map<string, string>();
  const keySchema = (pk: { name: string; type: string }, sk?: { name: string; type: string }) => {
    attributes.set(pk.name, pk.type);
    if (sk) attributes.set(sk.name, sk.type);
    return [
      { AttributeName: pk.name, KeyType: 'HASH' as const },
      ...(sk ? [{ AttributeName: sk.name, KeyType: 'RANGE' as const }] : []),
    ];
  };
  const input: CreateTableCommandInput = {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    KeySchema: keySchema(design.partitionKey, design.sortKey),
  };
  if (design.localIndexes.length > 0) {
    input.LocalSecondaryIndexes = design.localIndexes.map((index) => ({
      IndexName: index.indexName,
      KeySchema: keySchema(design.partitionKey, index.sortKey),
      Projection: { ProjectionType: index.projection },
    }));
  }
  if (design.globalIndexes.length > 0) {
    input.GlobalSecondaryIndexes = design.globalIndexes.map((index) => ({
      IndexName: index.indexName,
      KeySchema: keySchema(index.partitionKey ?? design.partitionKey, index.sortKey),
      Projection: { ProjectionType: index.projection },
    }));
  }
  input.AttributeDefinitions = [...attributes].map(([name, type]) => ({
    AttributeName: name,
    AttributeType: type as 'S' | 'N',
  }));
  return input;
}

async function createIfMissing(client: DynamoDBClient, input: CreateTableCommandInput) {
  await storeCall('CreateTable', { table: input.TableName }, async () => {
    try {
      await client.send(new CreateTableCommand(input));
    } catch (error) {
      if (errorName(error) !== 'ResourceInUseException') throw error;
    }
  });
}

async function waitUntilActive(client: DynamoDBClient, tableName: string): Promise<void> {
  const deadline = Date.now() + ACTIVE_TIMEOUT_MS;
  for (let pollMs = FIRST_POLL_MS; ; pollMs = Math.min(pollMs * 2, MAX_POLL_MS)) {
    const { Table } = await storeCall('DescribeTable', { table: tableName }, () =>
      client.send(new DescribeTableCommand({ TableName: tableName })),
    );
    const indexesActive = (Table?.GlobalSecondaryIndexes ?? []).every(
      (index) => index.IndexStatus === 'ACTIVE',
    );
    if (Table?.TableStatus === 'ACTIVE' && indexesActive) return;
    if (Date.now() > deadline) {
      throw new StoreUnavailableError(`table ${tableName} did not become ACTIVE`, {
        table: tableName,
        status: Table?.TableStatus,
      });
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

async function enableTimeToLive(client: DynamoDBClient, tableName: string, attribute: string) {
  try {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: attribute, Enabled: true },
      }),
    );
  } catch (error) {
    const name = errorName(error);
    // dynalite: no such operation. AWS: TTL already enabled (ValidationException).
    if (name === 'UnknownOperationException' || name === 'ValidationException') return;
    await storeCall('UpdateTimeToLive', { table: tableName }, () => Promise.reject(error));
  }
}
