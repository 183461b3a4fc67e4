/**
 * Composition of the origin-verify authorizer: the CloudFront origin secret from SSM (Parameter
 * Store's view of the Secrets Manager secret), read during INIT and cached by Powertools
 * Parameters, so a rotated value is picked up within the cache age without a redeploy.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { SsmSecrets } from '#adapters/ssm/ssm-secrets.ts';
import { ConfigError, loadConfig } from '../config.ts';
import { ENV } from '../env-names.ts';

export interface OriginVerifyFunction {
  /** Whether the header value CloudFront should have added is the secret. */
  isAuthorized(headerValue: string | undefined): Promise<boolean>;
}

export async function composeOriginVerifyFunction(
  options: { env?: Record<string, string | undefined>; ssm?: SsmSecrets } = {},
): Promise<OriginVerifyFunction> {
  const name = loadConfig(options.env).originVerifyParam;
  if (!name) throw new ConfigError(`the origin-verify authorizer needs ${ENV.originVerifyParam}`);
  const secrets = options.ssm ?? new SsmSecrets({ maxAgeSeconds: 5 * 60 });
  await secrets.get(name); // during INIT: a missing secret fails the cold start, clearly
  return {
    async isAuthorized(headerValue) {
      const expected = digest(await secrets.get(name));
      return timingSafeEqual(digest(headerValue ?? ''), expected);
    },
  };
}

/** Fixed-length digests, so the comparison takes the same time whatever the lengths. */
function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
