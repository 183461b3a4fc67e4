/**
 * What every Lambda composition starts from, built during INIT (the handler module awaits it at
 * top level, so provisioned concurrency pre-warms it): configuration from the environment, the
 * secrets it names read from SSM (Powertools Parameters, cached), logs and metrics (Powertools).
 * The answer functions add the knowledge index (./knowledge.ts), loaded before the first request.
 *
 * @example
 *   const base = await lambdaBase('chat', { secrets: ['pii'] });
 */
import { SsmSecrets } from '#adapters/ssm/ssm-secrets.ts';
import { loadConfig, type Config } from '../config.ts';
import { systemClock, uuidIds } from '../services.ts';
import { createTelemetry, type Telemetry } from './telemetry.ts';

/** Secrets a function may need: the PII hashing secret, the Twilio auth token. */
export type SecretName = 'pii' | 'twilio';

export interface LambdaBase {
  service: string;
  config: Config;
  telemetry: Telemetry;
  logger: Telemetry['logger'];
  clock: typeof systemClock;
  ids: typeof uuidIds;
}

export interface LambdaBaseOptions {
  /** Secrets to read from SSM when their parameter is configured (else the environment's value). */
  secrets?: readonly SecretName[];
  env?: Record<string, string | undefined>;
  /** Reads SSM parameters (tests pass one pointed at a stand-in). */
  ssm?: SsmSecrets;
}

export async function lambdaBase(
  service: string,
  options: LambdaBaseOptions = {},
): Promise<LambdaBase> {
  const loaded = loadConfig(options.env);
  const telemetry = createTelemetry(service, loaded.logLevel);
  const config = await withSecrets(loaded, options.secrets ?? [], options.ssm);
  return { service, config, telemetry, logger: telemetry.logger, clock: systemClock, ids: uuidIds };
}

/** The configuration with the secrets it names read from SSM (in parallel). */
async function withSecrets(
  config: Config,
  wanted: readonly SecretName[],
  ssm?: SsmSecrets,
): Promise<Config> {
  const twilioParam = wanted.includes('twilio') ? config.twilio.authTokenParam : undefined;
  const piiParam = wanted.includes('pii') ? config.piiSecretParam : undefined;
  if (!twilioParam && !piiParam) return config;
  const secrets = ssm ?? new SsmSecrets();
  const [twilioToken, piiSecret] = await Promise.all([
    twilioParam ? secrets.get(twilioParam) : undefined,
    piiParam ? secrets.get(piiParam) : undefined,
  ]);
  return {
    ...config,
    twilio: { ...config.twilio, ...(twilioToken ? { authToken: twilioToken } : {}) },
    ...(piiSecret ? { piiSecret } : {}),
  };
}
