/**
 * The learning loop's store on DynamoDB, in the stats table (pk, sk):
 *   learning signals   pk `learn#<lang>`   sk `<signal id>`        (TTL: the quoted turn's expiry)
 *   decisions          pk `sdecision`      sk `<suggestion id>`    (kept; an audit of who/when)
 * A signal put again replaces itself (idempotent under stream redelivery); a decision is a
 * conditional put, so two writers deciding the same suggestion cannot both win. Signals and
 * decisions are few (customer picks, staff marks, writers' decisions), so a language's signals
 * are one bounded query.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { LearningSignal, LearningSignalKey } from '#core/learning/learning-signal.ts';
import {
  checkDecision,
  checkSignal,
  MAX_SIGNALS,
  SuggestionDecidedError,
  SuggestionStore,
  type SuggestionDecision,
} from '#core/learning/suggestion-store.ts';
import type { Lang } from '#core/types.ts';
import { documentClient } from './dynamo-client.ts';
import { errorName, storeCall } from './store-error.ts';

export interface DynamoSuggestionStoreOptions {
  client: DynamoDBClient;
  /** The stats table (pk, sk strings). */
  tableName: string;
}

const DECISIONS_PK = 'sdecision';
const PARALLEL_PUTS = 10;

export class DynamoSuggestionStore extends SuggestionStore {
  private readonly doc: DynamoDBDocumentClient;
  private readonly tableName: string;

  constructor(options: DynamoSuggestionStoreOptions) {
    super();
    this.doc = documentClient(options.client);
    this.tableName = options.tableName;
  }

  override async addSignals(signals: readonly LearningSignal[]): Promise<void> {
    for (const signal of signals) checkSignal(signal);
    // Plain puts (signals are few: picks, staff marks, thumbs down): the stream consumer is
    // granted PutItem on the stats table and nothing more.
    const unique = [...new Map(signals.map((s) => [s.id, s])).values()];
    for (let at = 0; at < unique.length; at += PARALLEL_PUTS) {
      await Promise.all(
        unique.slice(at, at + PARALLEL_PUTS).map((signal) =>
          storeCall('PutItem', { table: this.tableName, signal: signal.kind }, () =>
            this.doc.send(
              new PutCommand({
                TableName: this.tableName,
                Item: { pk: `learn#${signal.lang}`, sk: signal.id, ...signal },
              }),
            ),
          ),
        ),
      );
    }
  }

  override async signals(lang: Lang, limit = MAX_SIGNALS): Promise<LearningSignal[]> {
    const items = await this.query(`learn#${lang}`, limit);
    return items.map((item) => strip(item) as unknown as LearningSignal);
  }

  override async deleteSignals(keys: readonly LearningSignalKey[]): Promise<number> {
    let deleted = 0;
    for (const { lang, id } of keys) {
      const result = await storeCall('DeleteItem', { table: this.tableName }, () =>
        this.doc.send(
          new DeleteCommand({
            TableName: this.tableName,
            Key: { pk: `learn#${lang}`, sk: id },
            ReturnValues: 'ALL_OLD',
          }),
        ),
      );
      if (result.Attributes) deleted++;
    }
    return deleted;
  }

  override async decide(decision: SuggestionDecision): Promise<SuggestionDecision> {
    checkDecision(decision);
    try {
      await storeCall('PutItem', { table: this.tableName, id: decision.id }, () =>
        this.doc.send(
          new PutCommand({
            TableName: this.tableName,
            Item: { pk: DECISIONS_PK, sk: decision.id, ...decision },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        ),
      );
      return decision;
    } catch (error) {
      if (errorName(error) !== 'ConditionalCheckFailedException') throw error;
      const { Item } = await storeCall('GetItem', { table: this.tableName }, () =>
        this.doc.send(
          new GetCommand({
            TableName: this.tableName,
            Key: { pk: DECISIONS_PK, sk: decision.id },
            ConsistentRead: true,
          }),
        ),
      );
      throw new SuggestionDecidedError(strip(Item ?? {}) as unknown as SuggestionDecision);
    }
  }

  override async decisions(lang?: Lang): Promise<SuggestionDecision[]> {
    const items = await this.query(DECISIONS_PK, Number.POSITIVE_INFINITY);
    return items
      .map((item) => strip(item) as unknown as SuggestionDecision)
      .filter((d) => !lang || d.lang === lang);
  }

  private async query(pk: string, limit: number): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await storeCall('Query', { table: this.tableName, pk }, () =>
        this.doc.send(
          new QueryCommand({
            TableName: this.tableName,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': pk },
            ...(start ? { ExclusiveStartKey: start } : {}),
            ...(Number.isFinite(limit) ? { Limit: Math.min(1000, limit - items.length) } : {}),
          }),
        ),
      );
      items.push(...((page.Items ?? []) as Record<string, unknown>[]));
      start = page.LastEvaluatedKey;
    } while (start && items.length < limit);
    return items;
  }
}

function strip(item: Record<string, unknown>): Record<string, unknown> {
  const { pk: _pk, sk: _sk, ...rest } = item;
  return rest;
}
