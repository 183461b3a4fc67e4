/**
 * Builds the DynamoDB client with options that fail fast: a short connection and request
 * timeout and few attempts, so a store that is down answers `StoreUnavailableError` within a
 * second or two instead of hanging a Lambda. Also wraps it as a document client for adapters.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface DynamoClientOptions {
  /** e.g. `http://127.0.0.1:4567` for dynalite; AWS's endpoint when omitted. */
  endpoint?: string;
  /** AWS region; `local` for dynalite. */
  region?: string;
  /** Static credentials (dynalite accepts any); the default provider chain when omitted. */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** Total attempts per call, including the first. Default 2. */
  maxAttempts?: number;
  /** Milliseconds to establish a connection. Default 500. */
  connectionTimeoutMs?: number;
  /** Milliseconds to wait for a response. Default 900 (two attempts stay under ~2 s). */
  requestTimeoutMs?: number;
}

export const DEFAULT_CLIENT_OPTIONS = {
  maxAttempts: 2,
  connectionTimeoutMs: 500,
  requestTimeoutMs: 900,
} as const;

/**
 * A DynamoDB client that gives up quickly.
 *
 * @example
 * const client = createDynamoClient({ endpoint: local.endpoint, region: 'local',
 *   credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
 */
export function createDynamoClient(options: DynamoClientOptions = {}): DynamoDBClient {
  return new DynamoDBClient({
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.region ? { region: options.region } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
    maxAttempts: options.maxAttempts ?? DEFAULT_CLIENT_OPTIONS.maxAttempts,
    requestHandler: {
      connectionTimeout: options.connectionTimeoutMs ?? DEFAULT_CLIENT_OPTIONS.connectionTimeoutMs,
      requestTimeout: options.requestTimeoutMs ?? DEFAULT_CLIENT_OPTIONS.requestTimeoutMs,
      // Without this, @smithy/node-http-handler 4.x only logs a warning and keeps waiting.
      throwOnRequestTimeout: true,
    },
  });
}

/** The document client every adapter uses: plain JS values, undefined fields dropped. */
export function documentClient(client: DynamoDBClient): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true },
  });
}
