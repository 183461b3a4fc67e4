/**
 * The one place where errors become HTTP statuses. Client errors carry their message; anything
 * unexpected is logged with the request id and answered with a plain 500.
 */
import {
  InvalidCursorError,
  InvalidSignatureError,
  MessageConflictError,
  NotFoundError,
  StoreUnavailableError,
  TicketStateConflictError,
  TicketVersionConflictError,
  ValidationError,
} from '#core/errors.ts';
import type { Logger } from '#core/ports.ts';
import { HttpError, json, type HttpRequest, type HttpResponse } from './http-types.ts';

export function errorResponse(error: unknown, request: HttpRequest, logger: Logger): HttpResponse {
  const body = (status: number, message: string, extra: Record<string, unknown> = {}) =>
    json(status, { error: message, requestId: request.requestId, ...extra });

  if (error instanceof HttpError) return body(error.status, error.message, error.details);
  if (error instanceof ValidationError) return body(400, error.message);
  if (error instanceof InvalidCursorError) return body(400, error.message);
  if (error instanceof NotFoundError) return body(404, error.message);
  if (error instanceof TicketStateConflictError) {
    return body(409, error.message, { currentStatus: error.currentStatus });
  }
  if (error instanceof TicketVersionConflictError) return body(409, error.message);
  if (error instanceof MessageConflictError) return body(409, error.message);
  if (error instanceof InvalidSignatureError) return body(403, error.message);
  if (error instanceof StoreUnavailableError) {
    logger.error('store_unavailable', {
      requestId: request.requestId,
      path: request.path,
      error: error.message,
    });
    return body(503, 'storage is unavailable, please try again shortly', {});
  }
  logger.error('unexpected_error', {
    requestId: request.requestId,
    method: request.method,
    path: request.path,
    error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    stack: error instanceof Error ? error.stack : undefined,
  });
  return body(500, 'internal error');
}
