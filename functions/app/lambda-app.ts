/**
 * The app as a Lambda builds it, once per cold start: configuration from the environment,
 * secrets from SSM, and the knowledge index from S3 (checked at most once a minute) with the
 * artifact bundled at deploy time as the fallback.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { FileKnowledgeSource } from '#adapters/knowledge/file-knowledge-source.ts';
import { JsonLogger } from '#adapters/log/json-logger.ts';
import { bundledArtifact, S3ArtifactSource } from '#adapters/s3/s3-artifact-source.ts';
import { readSecureParameter } from '#adapters/ssm/ssm-secrets.ts';
import { loadConfig, type Config } from './config.ts';
import { createApp, type App } from './create-app.ts';

let app: Promise<App> | undefined;

/** The process-wide app (built on first use, reused by every invocation). */
export function lambdaApp(): Promise<App> {
  app ??= build().catch((error: unknown) => {
    app = undefined; // a failed cold start is retried on the next invocation
    throw error;
  });
  return app;
}

async function build(): Promise<App> {
  const config = await withSecrets(loadConfig());
  const logger = new JsonLogger({ level: config.logLevel, base: { service: 'mujib' } });
  const knowledge = config.indexBucket
    ? new S3ArtifactSource({
        s3: new S3Client({}),
        bucket: config.indexBucket,
        key: config.indexKey,
        fallback: bundledArtifact(config.indexPath),
        logger,
      })
    : new FileKnowledgeSource(config.indexPath, { checkEveryMs: 60_000 });
  return createApp(config, { knowledge, logger });
}

async function withSecrets(config: Config): Promise<Config> {
  const [twilioToken, piiSecret] = await Promise.all([
    config.twilio.authTokenParam ? readSecureParameter(config.twilio.authTokenParam) : undefined,
    config.piiSecretParam ? readSecureParameter(config.piiSecretParam) : undefined,
  ]);
  return {
    ...config,
    twilio: { ...config.twilio, ...(twilioToken ? { authToken: twilioToken } : {}) },
    ...(piiSecret ? { piiSecret } : {}),
  };
}
