/**
 * One request/response contract for every HTTP entry: the local Node server and the API Gateway
 * Lambda handlers both translate to and from these, and share the same routes.
 */
export interface HttpRequest {
  method: string;
  /** Path without query string, e.g. `/api/chat`. */
  path: string;
  query: URLSearchParams;
  /** Header names in lower case. */
  headers: Record<string, string>;
  /** Raw body as text ('' when none). */
  body: string;
  requestId: string;
  /** Identity established before the route runs (API Gateway JWT authorizer claims). */
  auth?: {
    subject: string;
    name?: string;
    /** Cognito groups of the caller (`cognito:groups`), e.g. `writers`. */
    groups?: string[];
  };
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** An error with an HTTP status and a message safe to show to the client. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export function json(
  status: number,
  data: unknown,
  headers: Record<string, string> = {},
): HttpResponse {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(data),
  };
}

export function text(
  status: number,
  body: string,
  contentType = 'text/plain; charset=utf-8',
): HttpResponse {
  return { status, headers: { 'content-type': contentType }, body };
}

/**
 * Exactly `application/json`, optionally with a UTF-8 charset (the body is read as UTF-8);
 * `application/json-patch+json`, `application/jsonx` or another charset are not this API's bodies.
 */
export function isJsonContentType(value: string): boolean {
  return /^\s*application\/json\s*(?:;\s*charset\s*=\s*(?:utf-?8|"utf-?8")\s*)?$/i.test(value);
}

/** Parses a JSON object body, with 400/413/415 errors a client can act on. */
export function jsonBody(request: HttpRequest, maxBytes = 16 * 1024): Record<string, unknown> {
  if (!isJsonContentType(request.headers['content-type'] ?? '')) {
    throw new HttpError(415, 'send the body as application/json');
  }
  if (Buffer.byteLength(request.body) > maxBytes) {
    throw new HttpError(413, `body is larger than ${maxBytes} bytes`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(request.body);
  } catch {
    throw new HttpError(400, 'body is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new HttpError(400, 'body must be a JSON object');
  }
  return parsed as Record<string, unknown>;
}

/** Reads an optional string field with a length limit. */
export function optionalString(
  body: Record<string, unknown>,
  field: string,
  maxLength: number,
): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new HttpError(400, `${field} must be a string`);
  if (value.length > maxLength)
    throw new HttpError(400, `${field} must be at most ${maxLength} characters`);
  return value;
}

export function requiredString(
  body: Record<string, unknown>,
  field: string,
  maxLength: number,
): string {
  const value = optionalString(body, field, maxLength);
  if (value === undefined) throw new HttpError(400, `${field} is required`);
  return value;
}
