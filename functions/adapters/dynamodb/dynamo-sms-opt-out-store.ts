/**
 * SMS opt-outs in DynamoDB, so every Lambda and every restart sees who said STOP. One small item
 * per opted-out customer in the general-purpose `stats` table (pk/sk); the key is the hashed
 * customer key, never the phone number.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { SmsOptOutStore } from '#adapters/sms/sms-opt-out-store.ts';
import { documentClient } from './dynamo-client.ts';
import { storeCall } from './store-error.ts';

const SK = 'sms-opt-out';

export class DynamoSmsOptOutStore extends SmsOptOutStore {
  private readonly doc: DynamoDBDocumentClient;

  constructor(private readonly options: { client: DynamoDBClient; tableName: string }) {
    super();
    this.doc = documentClient(options.client);
  }

  override async optOut(customerKey: string, at: string): Promise<void> {
    await storeCall('PutItem', { table: this.options.tableName }, () =>
      this.doc.send(
        new PutCommand({ TableName: this.options.tableName, Item: { ...key(customerKey), at } }),
      ),
    );
  }

  override async optIn(customerKey: string): Promise<void> {
    await storeCall('DeleteItem', { table: this.options.tableName }, () =>
      this.doc.send(
        new DeleteCommand({ TableName: this.options.tableName, Key: key(customerKey) }),
      ),
    );
  }

  override async isOptedOut(customerKey: string): Promise<boolean> {
    const result = await storeCall('GetItem', { table: this.options.tableName }, () =>
      this.doc.send(
        new GetCommand({
          TableName: this.options.tableName,
          Key: key(customerKey),
          ConsistentRead: true,
        }),
      ),
    );
    return result.Item !== undefined;
  }
}

function key(customerKey: string) {
  return { pk: `optout#${customerKey}`, sk: SK };
}
