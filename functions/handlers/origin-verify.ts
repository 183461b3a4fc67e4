/**
 * Lambda authorizer (HTTP API, simple responses) on the public chat routes: a request passes only
 * when it carries the secret origin header that CloudFront adds, i.e. when it came through
 * CloudFront and its WAF rate limits rather than straight to the execute-api endpoint. API
 * Gateway caches the answer per header value, so this runs about once an hour, not per request.
 */
import type { APIGatewayRequestAuthorizerEventV2 } from 'aws-lambda';
import { ORIGIN_VERIFY_HEADER } from '#app/security-headers.ts';
import { composeOriginVerifyFunction } from '#app/lambda/origin-verify-function.ts';
import { startFunction } from '#app/lambda/start-function.ts';

const fn = await startFunction('origin-verify', () => composeOriginVerifyFunction());

export async function handler(
  event: APIGatewayRequestAuthorizerEventV2,
): Promise<{ isAuthorized: boolean }> {
  return { isAuthorized: await fn.isAuthorized(event.headers?.[ORIGIN_VERIFY_HEADER]) };
}
