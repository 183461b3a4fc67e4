/**
 * Lambda authorizer (HTTP API, simple responses) on the public chat routes: a request passes only
 * when it carries the secret origin header that CloudFront adds, i.e. when it came through
 * CloudFront and its WAF rate limits rather than straight to the execute-api endpoint. API
 * Gateway caches the answer per header value, so this runs about once an hour, not per request.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { APIGatewayRequestAuthorizerEventV2 } from 'aws-lambda';
import { ConfigError, loadConfig } from '#app/config.ts';
import { ORIGIN_VERIFY_HEADER } from '#app/security-headers.ts';
import { readSecureParameter } from '#adapters/ssm/ssm-secrets.ts';

const config = loadConfig();
let expected: Promise<Buffer> | undefined;

export async function handler(
  event: APIGatewayRequestAuthorizerEventV2,
): Promise<{ isAuthorized: boolean }> {
  const name = config.originVerifyParam;
  if (!name) throw new ConfigError('the origin-verify authorizer needs MUJIB_ORIGIN_VERIFY_PARAM');
  expected ??= readSecureParameter(name).then(digest, (error: unknown) => {
    expected = undefined; // retried on the next call
    throw error;
  });
  const given = digest(event.headers?.[ORIGIN_VERIFY_HEADER] ?? '');
  return { isAuthorized: timingSafeEqual(given, await expected) };
}

/** Fixed-length digests, so the comparison takes the same time whatever the lengths. */
function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
