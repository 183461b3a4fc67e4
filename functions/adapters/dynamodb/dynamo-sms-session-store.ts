/**
 * SMS sessions in DynamoDB (see adapters/sms/sms-sessions.ts), in the general-purpose `stats`
 * table (pk/sk) like the opt-outs: one item per inbound message id (`smsmsg#<id>` → session,
 * written with a conditional put, `expiresAt` for TTL) and one per number (`smsconv#<hashed
 * customer key>` → latest session and when it was active). No phone number is stored.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SmsSessionStore, type SmsConversation } from '#adapters/sms/sms-sessions.ts';
import { documentClient } from './dynamo-client.ts';
import { errorName, storeCall } from './store-error.ts';

const MESSAGE_SK = 'sms-message';
const CONVERSATION_SK = 'sms-conversation';

export class DynamoSmsSessionStore extends SmsSessionStore {
  private readonly doc: DynamoDBDocumentClient;

  constructor(private readonly options: { client: DynamoDBClient; tableName: string }) {
    super();
    this.doc = documentClient(options.client);
  }

  override async boundSession(messageId: string): Promise<string | undefined> {
    const item = await this.get(messageKey(messageId));
    return typeof item?.sessionId === 'string' ? item.sessionId : undefined;
  }

  override async bindMessage(
    messageId: string,
    sessionId: string,
    expiresAt: number,
  ): Promise<string> {
    const won = await this.conditionalPut(
      { ...messageKey(messageId), sessionId, expiresAt },
      'attribute_not_exists(pk)',
      {},
    );
    if (won) return sessionId;
    return (await this.boundSession(messageId)) ?? sessionId;
  }

  override async latest(customerKey: string): Promise<SmsConversation | undefined> {
    const item = await this.get(conversationKey(customerKey));
    if (typeof item?.sessionId !== 'string' || typeof item.lastAt !== 'string') return undefined;
    return { sessionId: item.sessionId, lastAt: item.lastAt };
  }

  override async touch(
    customerKey: string,
    next: SmsConversation,
    expected: string | undefined,
  ): Promise<SmsConversation | undefined> {
    const won = await this.conditionalPut(
      { ...conversationKey(customerKey), sessionId: next.sessionId, lastAt: next.lastAt },
      expected === undefined ? 'attribute_not_exists(pk)' : 'sessionId = :expected',
      expected === undefined ? {} : { ':expected': expected },
    );
    return won ? { ...next } : this.latest(customerKey);
  }

  private async get(key: { pk: string; sk: string }) {
    const { Item } = await storeCall('GetItem', { table: this.options.tableName }, () =>
      this.doc.send(
        new GetCommand({ TableName: this.options.tableName, Key: key, ConsistentRead: true }),
      ),
    );
    return Item;
  }

  /** True when the put happened, false when its condition failed. */
  private async conditionalPut(
    item: Record<string, unknown>,
    condition: string,
    values: Record<string, unknown>,
  ): Promise<boolean> {
    try {
      await storeCall('PutItem', { table: this.options.tableName }, () =>
        this.doc.send(
          new PutCommand({
            TableName: this.options.tableName,
            Item: item,
            ConditionExpression: condition,
            ...(Object.keys(values).length ? { ExpressionAttributeValues: values } : {}),
          }),
        ),
      );
      return true;
    } catch (error) {
      if (errorName(error) === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }
}

function messageKey(messageId: string) {
  return { pk: `smsmsg#${messageId}`, sk: MESSAGE_SK };
}

function conversationKey(customerKey: string) {
  return { pk: `smsconv#${customerKey}`, sk: CONVERSATION_SK };
}
