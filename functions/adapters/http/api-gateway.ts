/**
 * API Gateway HTTP API (payload v2) ⇄ the shared HttpRequest/HttpResponse contract.
 *
 * - Body: base64 bodies (binary media, form posts) are decoded; a body over MAX_BODY_BYTES is a
 *   413 before anything reads it.
 * - Headers arrive lower-cased (v2 joins repeated headers with commas); cookies arrive apart, in
 *   `event.cookies`, and are put back as one `cookie` header.
 * - Identity: only the JWT authorizer's claims (verified by API Gateway) become `request.auth`;
 *   nothing else in the event is trusted. The staff function requires them (`requireStaff`) and,
 *   when a group is configured, membership of it or of the writers' group (`cognito:groups`): no
 *   claims → 401, signed in but in neither group → 403. The groups travel on as `auth.groups`
 *   (the studio routes tell writers from agents by them).
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { HttpError, type HttpRequest, type HttpResponse } from './http-types.ts';

/** Same limit as the local server. */
export const MAX_BODY_BYTES = 64 * 1024;

export interface ApiGatewayOptions {
  /** Refuse requests without staff JWT claims (401): the staff function. */
  requireStaff?: boolean;
  /** With `requireStaff`: the Cognito group a staff member must be in (else 403). */
  staffGroup?: string;
  /** With `staffGroup`: members of this group (writers) pass as staff too. */
  writerGroup?: string;
}

type ClaimValue = string | number | boolean | string[];
export type JwtClaims = Record<string, ClaimValue>;

interface JwtContext {
  authorizer?: { jwt?: { claims?: JwtClaims } };
}

/** The staff member a JWT's claims name, or undefined when they name nobody. */
export interface StaffIdentity {
  subject: string;
  name: string;
  groups: string[];
}

export function fromApiGateway(
  event: APIGatewayProxyEventV2,
  options: ApiGatewayOptions = {},
): HttpRequest {
  const body = bodyOf(event);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(event.headers ?? {})) {
    if (value !== undefined) headers[name.toLowerCase()] = value;
  }
  if (event.cookies?.length) headers.cookie = event.cookies.join('; ');
  const claims = (event.requestContext as unknown as JwtContext).authorizer?.jwt?.claims;
  const identity = staffIdentityOf(claims);
  if (options.requireStaff) checkStaff(identity, options.staffGroup, options.writerGroup);
  return {
    method: event.requestContext.http.method,
    path: event.rawPath,
    query: new URLSearchParams(event.rawQueryString ?? ''),
    headers,
    body,
    requestId: event.requestContext.requestId,
    ...(identity
      ? { auth: { subject: identity.subject, name: identity.name, groups: identity.groups } }
      : {}),
  };
}

export function toApiGateway(response: HttpResponse): APIGatewayProxyResultV2 {
  const { 'set-cookie': setCookie, ...headers } = response.headers;
  return {
    statusCode: response.status,
    headers,
    body: response.body,
    ...(setCookie ? { cookies: [setCookie] } : {}),
  };
}

/** The staff member named by verified JWT claims (ID or access token of the staff user pool). */
export function staffIdentityOf(claims: JwtClaims | undefined): StaffIdentity | undefined {
  const subject = claims?.sub;
  if (typeof subject !== 'string' || subject === '') return undefined;
  const name = [claims?.email, claims?.['cognito:username'], claims?.username].find(
    (v): v is string => typeof v === 'string' && v !== '',
  );
  return { subject, name: name ?? subject, groups: groupsOf(claims?.['cognito:groups']) };
}

/**
 * `cognito:groups` as API Gateway passes it: a JSON array, or (HTTP API JWT authorizer) one
 * string such as `[staff admins]`; a plain comma or space separated string is read too.
 */
export function groupsOf(value: ClaimValue | undefined): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== 'string') return [];
  // HTTP API passes an array claim as "[a b]"; a JSON text '["a","b"]' is read the same way.
  return value
    .replace(/^\[|\]$/g, '')
    .split(/[\s,]+/)
    .map((group) => group.replace(/^"(.*)"$/, '$1'))
    .filter(Boolean);
}

function checkStaff(
  identity: StaffIdentity | undefined,
  group: string | undefined,
  writerGroup: string | undefined,
): void {
  if (!identity)
    throw new HttpError(401, 'sign in as staff: the request carries no staff identity');
  const writer = writerGroup !== undefined && identity.groups.includes(writerGroup);
  if (group && !identity.groups.includes(group) && !writer) {
    throw new HttpError(403, `staff API: ${identity.name} is not in the ${group} group`);
  }
}

function bodyOf(event: APIGatewayProxyEventV2): string {
  const raw = event.body ?? '';
  // Base64 is 4/3 of the bytes: refuse before decoding what cannot fit anyway.
  const rawLimit = event.isBase64Encoded ? Math.ceil(MAX_BODY_BYTES / 3) * 4 : MAX_BODY_BYTES;
  if (raw.length > rawLimit) throw tooLarge();
  const body = event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
  if (Buffer.byteLength(body) > MAX_BODY_BYTES) throw tooLarge();
  return body;
}

function tooLarge(): HttpError {
  return new HttpError(413, `body is larger than ${MAX_BODY_BYTES} bytes`);
}
