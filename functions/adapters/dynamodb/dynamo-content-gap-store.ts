/**
 * Content gaps ("suggest an article") on DynamoDB (table `gaps`, see table-design.ts): one
 * partition per language, ids sort by time. Lists are newest first; without a language both
 * partitions are read and merged.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ValidationError } from '#core/errors.ts';
import { ContentGapStore, type ContentGap } from '#core/ports.ts';
import {
  checkGap,
  checkLimit,
  DEFAULT_GAP_LIST_LIMIT,
  MAX_GAP_LIST_LIMIT,
} from '#core/tickets/store-rules.ts';
import { LANGS, type Lang } from '#core/types.ts';
import { checkDays, DEFAULT_GAP_RETENTION_DAYS, gapWithExpiry } from '#core/privacy/retention.ts';
import { documentClient } from './dynamo-client.ts';
import { storeCall } from './store-error.ts';

export interface DynamoContentGapStoreOptions {
  client: DynamoDBClient;
  tableName: string;
  /** Days a suggestion is kept before DynamoDB TTL removes it. Default 180. */
  retentionDays?: number;
}

export class DynamoContentGapStore extends ContentGapStore {
  private readonly doc: DynamoDBDocumentClient;
  private readonly tableName: string;

  private readonly retentionDays: number;

  constructor(options: DynamoContentGapStoreOptions) {
    super();
    this.retentionDays = checkDays(
      options.retentionDays,
      DEFAULT_GAP_RETENTION_DAYS,
      'retentionDays',
    );
    this.doc = documentClient(options.client);
    this.tableName = options.tableName;
  }

  override async add(gap: ContentGap): Promise<void> {
    const item = gapWithExpiry(checkGap(gap), this.retentionDays);
    await storeCall('PutItem', { table: this.tableName, lang: item.lang, id: item.id }, () =>
      this.doc.send(new PutCommand({ TableName: this.tableName, Item: item })),
    );
  }

  /** Newest first, at most `limit` (default 50). */
  override async list(options: { lang?: Lang; limit?: number } = {}): Promise<ContentGap[]> {
    const limit = checkLimit(options.limit, DEFAULT_GAP_LIST_LIMIT, MAX_GAP_LIST_LIMIT);
    if (options.lang !== undefined && !LANGS.includes(options.lang)) {
      throw new ValidationError(`unknown language: ${String(options.lang)}`, {
        lang: options.lang,
      });
    }
    const langs = options.lang ? [options.lang] : LANGS;
    const perLang = await Promise.all(langs.map((lang) => this.newest(lang, limit)));
    return perLang
      .flat()
      .sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
      .slice(0, limit);
  }

  private async newest(lang: Lang, limit: number): Promise<ContentGap[]> {
    const { Items = [] } = await storeCall('Query', { table: this.tableName, lang }, () =>
      this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: '#lang = :l',
          ExpressionAttributeNames: { '#lang': 'lang' },
          ExpressionAttributeValues: { ':l': lang },
          ScanIndexForward: false,
          Limit: limit,
        }),
      ),
    );
    return Items as ContentGap[];
  }
}
