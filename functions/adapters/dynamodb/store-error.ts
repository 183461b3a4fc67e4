/**
 * Maps AWS SDK failures to the core's typed errors: connection failures, timeouts, throttling,
 * server errors and missing tables become `StoreUnavailableError` (503) with the cause and
 * context; anything else (a bug in a request) is rethrown as it is.
 */
import { StoreUnavailableError } from '#core/errors.ts';

const UNAVAILABLE_NAMES = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'ResourceNotFoundException',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'AbortError',
  'UnrecognizedClientException',
]);

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNABORTED',
]);

interface SdkErrorShape {
  name?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
  $retryable?: unknown;
}

/** True when `error` means the store cannot serve us right now (retry later, answer 503). */
export function isStoreUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as SdkErrorShape;
  if (e.name && UNAVAILABLE_NAMES.has(e.name)) return true;
  if (e.code && NETWORK_CODES.has(e.code)) return true;
  const status = e.$metadata?.httpStatusCode;
  if (status !== undefined && status >= 500) return true;
  // No HTTP response at all: the request never reached a store.
  return e.$metadata !== undefined && status === undefined && e.$retryable !== undefined;
}

/** The SDK error name, when there is one (e.g. `ConditionalCheckFailedException`). */
export function errorName(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null ? (error as SdkErrorShape).name : undefined;
}

/**
 * Runs one store call; a store-unavailable failure becomes `StoreUnavailableError` carrying the
 * operation, table and the original error.
 */
export async function storeCall<T>(
  operation: string,
  context: Record<string, unknown>,
  call: () => Promise<T>,
): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (isStoreUnavailable(error)) {
      throw new StoreUnavailableError(
        `store unavailable during ${operation}: ${(error as Error).message ?? String(error)}`,
        { operation, ...context, errorName: errorName(error) },
        { cause: error },
      );
    }
    throw error;
  }
}
