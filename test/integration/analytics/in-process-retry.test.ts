/**
 * The in-process aggregator counts each event once even when the store client retries a counter
 * write whose first attempt landed but whose response was lost (a request timeout on a busy
 * machine): the write carries the aggregator's origin, so the retry is skipped, not added again.
 * Real dynalite, the real AWS SDK and its retry strategy; the lost response is a middleware below
 * the retry step that throws a retryable timeout after the first UpdateItem reached the store.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryLogger } from '#adapters/log/json-logger.ts';
import { DynamoStatsStore } from '#adapters/stats/dynamo-stats-store.ts';
import { InProcessAnalytics } from '#adapters/stats/in-process-analytics.ts';
import { localClient, startTestDynamo, type TestDynamo } from '../../helpers/dynalite.ts';
import { turnEvent } from '../../helpers/analytics-events.ts';

let dynamo: TestDynamo;

beforeAll(async () => {
  dynamo = await startTestDynamo();
});
afterAll(async () => {
  await dynamo?.close();
});

/** A client that loses the response of the first `lost` UpdateItems that land. */
function clientLosingResponses(endpoint: string, lost: number) {
  const client = localClient(endpoint, { maxAttempts: 3 });
  let left = lost;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      // Below the deserializer: `result.response` is the raw HTTP response. Only a write that
      // landed (200) loses its response; a refused one (400) reaches the deserializer as is.
      const result = await next(args);
      const status = (result.response as { statusCode?: number }).statusCode;
      if (context.commandName === 'UpdateItemCommand' && status === 200 && left > 0) {
        left--;
        throw Object.assign(new Error('request timed out (the response was lost)'), {
          name: 'TimeoutError',
          $metadata: {},
        });
      }
      return result;
    },
    { step: 'deserialize', name: 'loseResponse', priority: 'low' },
  );
  return client;
}

describe('in-process analytics and store retries', () => {
  it('counts a batch once when the client retries a write that had landed', async () => {
    // Prepare: every counter write of the batch loses its first response
    const { stats: tableName } = await dynamo.freshTables();
    const client = clientLosingResponses(dynamo.server.endpoint, 100);
    const store = new DynamoStatsStore({ client, tableName });
    const logger = new MemoryLogger();
    const analytics = new InProcessAnalytics(store, logger);

    // Act: three turns in one batch
    for (let n = 0; n < 3; n++) analytics.emit(turnEvent(n));
    await analytics.settled();

    // Assert: three turns counted (a plain ADD retried would give six)
    const reader = new DynamoStatsStore({ client: dynamo.client, tableName });
    const [day] = await reader.dailyCounters('all', '2026-06-01', '2026-06-01');
    expect(day?.counts['turns']).toBe(3);
    expect(logger.lines).toEqual([]);
    expect(analytics.progress.dropped).toBe(0);
    client.destroy();
  });

  it('counts the next batches too: each batch has its own position', async () => {
    const { stats: tableName } = await dynamo.freshTables();
    const store = new DynamoStatsStore({ client: dynamo.client, tableName });
    const analytics = new InProcessAnalytics(store, new MemoryLogger());

    for (let n = 0; n < 4; n++) {
      analytics.emit(turnEvent(n));
      await analytics.settled();
    }

    const [day] = await store.dailyCounters('all', '2026-06-01', '2026-06-01');
    expect(day?.counts['turns']).toBe(4);
  });
});
