/**
 * Composition of the knowledge seeding step of a deploy: a CloudFormation custom resource whose
 * Create/Update copies the repo's staged articles into the knowledge bucket where it does not
 * hold them yet (seed-articles.ts), then answers CloudFormation at the request's pre-signed
 * ResponseURL. Delete does nothing (live content outlives the stack's seed). Any failure is
 * answered FAILED with the reason, so a deploy never hangs waiting for this resource.
 */
import { S3Client } from '@aws-sdk/client-s3';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { seedArticles, type SeedResult } from '#adapters/s3/seed-articles.ts';
import { lambdaBase, type LambdaBase, type LambdaBaseOptions } from './lambda-base.ts';

/** The custom resource's properties (set by cdk/constructs/knowledge-pipeline.ts). */
export interface SeedProperties {
  SeedBucket: string;
  SeedPrefix: string;
  Bucket: string;
  Prefix: string;
}

export interface SeedFunction {
  base: LambdaBase;
  handle(event: CloudFormationCustomResourceEvent): Promise<SeedResult | undefined>;
}

export async function composeSeedFunction(
  options: LambdaBaseOptions & { s3?: S3Client; fetch?: typeof fetch } = {},
): Promise<SeedFunction> {
  const base = await lambdaBase('seed-knowledge', options);
  const s3 = options.s3 ?? new S3Client({});
  const send = options.fetch ?? fetch;
  return {
    base,
    async handle(event) {
      const physicalId =
        event.RequestType === 'Create'
          ? `seed-${event.LogicalResourceId}`
          : event.PhysicalResourceId;
      let result: SeedResult | undefined;
      let failure: string | undefined;
      try {
        if (event.RequestType !== 'Delete') {
          const p = event.ResourceProperties as unknown as SeedProperties;
          if (!p.SeedBucket || !p.Bucket || p.SeedPrefix === undefined || p.Prefix === undefined) {
            throw new Error('SeedBucket, SeedPrefix, Bucket and Prefix are required');
          }
          result = await seedArticles({
            s3,
            from: { bucket: p.SeedBucket, prefix: p.SeedPrefix },
            to: { bucket: p.Bucket, prefix: p.Prefix },
          });
          base.logger.info('seed.done', {
            written: result.written.length,
            kept: result.kept.length,
            files: result.written.slice(0, 20),
          });
        }
      } catch (error) {
        failure = error instanceof Error ? error.message : String(error);
        base.logger.error('seed.failed', { error: failure });
      }
      const response = await send(event.ResponseURL, {
        method: 'PUT',
        // S3 pre-signed URL: no content type may be sent that was not signed.
        headers: { 'content-type': '' },
        body: JSON.stringify({
          Status: failure ? 'FAILED' : 'SUCCESS',
          Reason: failure ?? 'seeded',
          PhysicalResourceId: physicalId,
          StackId: event.StackId,
          RequestId: event.RequestId,
          LogicalResourceId: event.LogicalResourceId,
          Data: { Written: result?.written.length ?? 0, Kept: result?.kept.length ?? 0 },
        }),
      });
      if (!response.ok) throw new Error(`CloudFormation response refused: ${response.status}`);
      return result;
    },
  };
}
