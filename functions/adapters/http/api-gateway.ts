/**
 * API Gateway HTTP API (payload v2) ⇄ the shared HttpRequest/HttpResponse contract. The JWT
 * authorizer's claims become `request.auth` (staff routes); nothing else trusts the event.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { HttpError, type HttpRequest, type HttpResponse } from './http-types.ts';

/** Same limit as the local server. */
export const MAX_BODY_BYTES = 64 * 1024;

interface JwtContext {
  authorizer?: { jwt?: { claims?: Record<string, string | number | boolean | string[]> } };
}

export function fromApiGateway(event: APIGatewayProxyEventV2): HttpRequest {
  const raw = event.body ?? '';
  const body = event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
  if (Buffer.byteLength(body) > MAX_BODY_BYTES)
    throw new HttpError(413, `body is larger than ${MAX_BODY_BYTES} bytes`);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(event.headers ?? {})) {
    if (value !== undefined) headers[name.toLowerCase()] = value;
  }
  const claims = (event.requestContext as unknown as JwtContext).authorizer?.jwt?.claims;
  const subject = claims?.sub;
  return {
    method: event.requestContext.http.method,
    path: event.rawPath,
    query: new URLSearchParams(event.rawQueryString ?? ''),
    headers,
    body,
    requestId: event.requestContext.requestId,
    ...(typeof subject === 'string'
      ? {
          auth: { subject, name: String(claims?.email ?? claims?.['cognito:username'] ?? subject) },
        }
      : {}),
  };
}

export function toApiGateway(response: HttpResponse): APIGatewayProxyResultV2 {
  return { statusCode: response.status, headers: response.headers, body: response.body };
}
