/**
 * Session log on DynamoDB (table `turns`, see table-design.ts). One item per inbound message,
 * written once with a conditional put; a retried message gets the stored turn back from the same
 * call (`ReturnValuesOnConditionCheckFailure`), or from one read where the store does not return
 * it. Feedback is one UpdateItem that returns the value it replaced. Turns expire by TTL after
 * `retentionDays`. Customer text is redacted again here, defensively.
 */
import type { AttributeValue, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import {
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { NotFoundError } from '#core/errors.ts';
import { SessionLog, type Feedback, type FeedbackChange, type Turn } from '#core/ports.ts';
import { documentClient } from './dynamo-client.ts';
import { errorName, storeCall } from './store-error.ts';
import {
  checkFeedback,
  checkRetentionDays,
  checkLimit,
  DEFAULT_TURN_LIST_LIMIT,
  MAX_TURN_LIST_LIMIT,
  prepareTurn,
} from '#core/tickets/store-rules.ts';

export interface DynamoSessionLogOptions {
  client: DynamoDBClient;
  tableName: string;
  /** Days a turn is kept before DynamoDB TTL removes it. Default 90. */
  retentionDays?: number;
}

export class DynamoSessionLog extends SessionLog {
  private readonly doc: DynamoDBDocumentClient;
  private readonly tableName: string;
  private readonly retentionDays: number;

  constructor(options: DynamoSessionLogOptions) {
    super();
    this.doc = documentClient(options.client);
    this.tableName = options.tableName;
    this.retentionDays = checkRetentionDays(options.retentionDays);
  }

  override async recordTurn(turn: Turn): Promise<{ created: boolean; turn: Turn }> {
    const item = prepareTurn(turn, this.retentionDays);
    const context = this.context(item.sessionId, item.messageId);
    try {
      await storeCall('PutItem', context, () =>
        this.doc.send(
          new PutCommand({
            TableName: this.tableName,
            Item: item,
            ConditionExpression: 'attribute_not_exists(messageId)',
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        ),
      );
      return { created: true, turn: item };
    } catch (error) {
      if (errorName(error) !== 'ConditionalCheckFailedException') throw error;
      const returned = (error as { Item?: Record<string, AttributeValue> }).Item;
      const stored = returned
        ? (unmarshall(returned) as Turn)
        : await this.getTurn(item.sessionId, item.messageId);
      if (!stored) throw error;
      return { created: false, turn: stored };
    }
  }

  override async getTurn(sessionId: string, messageId: string): Promise<Turn | undefined> {
    if (!sessionId || !messageId) return undefined;
    const { Item } = await storeCall('GetItem', this.context(sessionId, messageId), () =>
      this.doc.send(
        new GetCommand({
          TableName: this.tableName,
          Key: { sessionId, messageId },
          ConsistentRead: true,
        }),
      ),
    );
    return Item as Turn | undefined;
  }

  override async listTurns(sessionId: string, options: { limit?: number } = {}): Promise<Turn[]> {
    const limit = checkLimit(options.limit, DEFAULT_TURN_LIST_LIMIT, MAX_TURN_LIST_LIMIT);
    if (!sessionId) return [];
    // Newest first from the byTime index, then put back in order: "the last `limit` turns".
    const { Items = [] } = await storeCall('Query', this.context(sessionId), () =>
      this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: 'byTime',
          KeyConditionExpression: 'sessionId = :s',
          ExpressionAttributeValues: { ':s': sessionId },
          ScanIndexForward: false,
          ConsistentRead: true,
          Limit: limit,
        }),
      ),
    );
    return (Items as Turn[]).reverse();
  }

  override async setFeedback(
    sessionId: string,
    messageId: string,
    feedback: Feedback,
  ): Promise<FeedbackChange> {
    checkFeedback(feedback);
    const context = this.context(sessionId, messageId);
    if (!sessionId || !messageId) throw new NotFoundError('turn not found', context);
    try {
      const { Attributes } = await storeCall('UpdateItem', context, () =>
        this.doc.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: { sessionId, messageId },
            UpdateExpression: 'SET feedback = :f',
            ConditionExpression: 'attribute_exists(messageId)',
            ExpressionAttributeValues: { ':f': feedback },
            ReturnValues: 'ALL_OLD',
          }),
        ),
      );
      const before = Attributes as Turn;
      return {
        turn: { ...before, feedback },
        ...(before.feedback ? { previous: before.feedback } : {}),
      };
    } catch (error) {
      if (errorName(error) === 'ConditionalCheckFailedException') {
        throw new NotFoundError('turn not found', context);
      }
      throw error;
    }
  }

  private context(sessionId: string, messageId?: string): Record<string, unknown> {
    return { table: this.tableName, sessionId, ...(messageId ? { messageId } : {}) };
  }
}
