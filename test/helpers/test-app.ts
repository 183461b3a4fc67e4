/**
 * Test helper: the real app (conversation core, ticket service, routes) on the real index built
 * from knowledge/, with in-memory stores by default or DynamoDB (dynalite) when asked.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { loadConfig, type Config } from '#app/config.ts';
import { createApp, type App, type AppOverrides } from '#app/create-app.ts';
import { StaticKnowledgeSource } from '#adapters/knowledge/file-knowledge-source.ts';
import { MemoryLogger } from '#adapters/log/json-logger.ts';
import { settleBeforeStoreCloses } from './dynalite.ts';
import { indexFor } from './knowledge.ts';

export interface TestAppOptions extends AppOverrides {
  knowledgeDir?: string;
  env?: Record<string, string>;
  /** Table names on `dynamo` (required with store: 'dynamo'). */
  tables?: Partial<Config['tables']>;
  dynamo?: DynamoDBClient;
}

export interface TestApp extends App {
  logs: MemoryLogger;
  close(): Promise<void>;
}

export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const { knowledgeDir, env, tables, ...overrides } = options;
  // No durable turn queue unless a test asks for one: test files run in parallel and must not
  // share (and replay each other's turns from) the default file in .data/.
  const base = loadConfig({
    MUJIB_MODE: 'local',
    MUJIB_LOG_LEVEL: 'error',
    MUJIB_TURN_QUEUE_FILE: 'off',
    ...env,
  });
  const config: Config = { ...base, tables: { ...base.tables, ...tables } };
  const logs = new MemoryLogger();
  const app = createApp(config, {
    store: overrides.dynamo ? 'dynamo' : 'memory',
    knowledge: new StaticKnowledgeSource(await indexFor(knowledgeDir)),
    logger: logs,
    ...overrides,
  });
  // The app aggregates analytics after a batching window: it writes what it holds before the
  // test closes the store (a late write to a closed dynalite is an uncaught error).
  if (overrides.dynamo) settleBeforeStoreCloses(overrides.dynamo, () => app.settleAnalytics());
  return { ...app, logs, close: () => app.settleAnalytics() };
}
