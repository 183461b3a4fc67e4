/**
 * The cold-start baseline (bench/cold-start.ts): a Lambda handler that only imports and
 * constructs the DynamoDB client — what any function that touches a table pays at least.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

const client = new DynamoDBClient({});

export const handler = async (): Promise<{ ok: boolean }> => ({
  ok: typeof client.send === 'function',
});
