/**
 * Test helper: a dynalite server (one per test file, random port), a DynamoDB client pointed at
 * it through the real AWS SDK, fresh table names per call, and teardown.
 */
import { randomUUID } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDynamoClient, type DynamoClientOptions } from '#adapters/dynamodb/dynamo-client.ts';
import { ensureTables } from '#adapters/dynamodb/ensure-tables.ts';
import type { TableNames } from '#adapters/dynamodb/table-design.ts';
import { startLocalDynamo, type LocalDynamo } from '../../functions/local/dynalite.ts';

export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

/** Work to finish before the store behind a client closes (an app's pending analytics). */
const beforeClose = new WeakMap<DynamoDBClient, (() => Promise<void>)[]>();

/**
 * Runs `settle` before the TestDynamo whose client this is closes: an app built on it writes what
 * it still holds (its analytics batch) instead of writing into a closed store later.
 */
export function settleBeforeStoreCloses(client: DynamoDBClient, settle: () => Promise<void>): void {
  beforeClose.set(client, [...(beforeClose.get(client) ?? []), settle]);
}

export interface TestDynamo {
  server: LocalDynamo;
  client: DynamoDBClient;
  /** Table names never used before on this server, tables created. */
  freshTables(): Promise<TableNames>;
  close(): Promise<void>;
}

/** A client for a local endpoint: dummy credentials, region `local`, fail-fast defaults. */
export function localClient(endpoint: string, options: DynamoClientOptions = {}): DynamoDBClient {
  return createDynamoClient({
    endpoint,
    region: 'local',
    credentials: LOCAL_CREDENTIALS,
    ...options,
  });
}

/** Fresh, unique table names (nothing created). */
export function freshTableNames(): TableNames {
  const id = randomUUID().slice(0, 8);
  return {
    turns: `turns-${id}`,
    tickets: `tickets-${id}`,
    gaps: `gaps-${id}`,
    stats: `stats-${id}`,
  };
}

export async function startTestDynamo(options: { dataDir?: string } = {}): Promise<TestDynamo> {
  const server = await startLocalDynamo({ port: 0, ...options });
  const client = localClient(server.endpoint);
  return {
    server,
    client,
    async freshTables() {
      const names = freshTableNames();
      await ensureTables(client, names);
      return names;
    },
    async close() {
      await Promise.allSettled((beforeClose.get(client) ?? []).map((settle) => settle()));
      client.destroy();
      await server.close();
    },
  };
}
