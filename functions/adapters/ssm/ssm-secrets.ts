/**
 * Secrets from SSM Parameter Store (SecureString) through Powertools for AWS Lambda's Parameters
 * utility: decrypted, cached in the process for `maxAgeSeconds` (so a value rotated in SSM is
 * picked up without a redeploy, and a warm function does not call SSM per request). The template
 * and the environment only ever hold parameter names, never values.
 *
 * One `GetParameter` per name (the functions' roles allow `ssm:GetParameter` only), in parallel.
 *
 * @example
 *   const secrets = new SsmSecrets();
 *   const [token, pii] = await secrets.read(['/mujib/twilio-token', '/mujib/pii-secret']);
 */
import { SSMProvider } from '@aws-lambda-powertools/parameters/ssm';
import { MujibError } from '#core/errors.ts';

/** How long a secret read from SSM is reused before it is read again (seconds). */
export const SECRET_MAX_AGE_SECONDS = 15 * 60;

/** A secret could not be read (missing, empty, no permission, SSM unreachable). */
export class SecretUnavailableError extends MujibError {
  constructor(
    readonly parameterName: string,
    options?: { cause?: unknown },
  ) {
    super(
      `SSM parameter ${parameterName} could not be read${causeText(options?.cause)}`,
      { parameterName },
      options,
    );
  }
}

export class SsmSecrets {
  private readonly provider: SSMProvider;

  constructor(
    private readonly options: {
      /** Default: a provider with the Lambda's region and role (endpoint from AWS_ENDPOINT_URL_SSM). */
      provider?: SSMProvider;
      maxAgeSeconds?: number;
    } = {},
  ) {
    this.provider = options.provider ?? new SSMProvider();
  }

  /** The decrypted value of one parameter (from the cache while it is fresh). */
  async get(name: string): Promise<string> {
    let value: unknown;
    try {
      value = await this.provider.get(name, {
        decrypt: true,
        maxAge: this.options.maxAgeSeconds ?? SECRET_MAX_AGE_SECONDS,
      });
    } catch (error) {
      throw new SecretUnavailableError(name, { cause: error });
    }
    if (typeof value !== 'string' || value === '') {
      throw new SecretUnavailableError(name, { cause: new Error('the parameter is empty') });
    }
    return value;
  }

  /** Several parameters at once, in the order given. */
  read(names: readonly string[]): Promise<string[]> {
    return Promise.all(names.map((name) => this.get(name)));
  }
}

function causeText(cause: unknown): string {
  if (cause === undefined) return '';
  return `: ${cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause)}`;
}
