/**
 * The bucket options `kb pull` and `kb push` share: `--bucket` (the stack's KnowledgeBucketName
 * output), `--prefix` (default `knowledge/`), and `--endpoint` / `--region` for an S3-compatible
 * store (path-style addressing). Credentials come from the AWS SDK's usual chain.
 */
import { S3Client } from '@aws-sdk/client-s3';
import type { SyncTarget } from '#adapters/s3/knowledge-sync.ts';
import { UsageError } from '../cli-error.ts';
import { readArgs } from '../read-args.ts';

export function readS3Target(
  command: string,
  args: string[],
  extra: { force?: boolean } = {},
): SyncTarget & { force: boolean } {
  const { values, positionals } = readArgs(args, {
    bucket: { type: 'string' },
    prefix: { type: 'string', default: 'knowledge/' },
    endpoint: { type: 'string' },
    region: { type: 'string' },
    ...(extra.force ? { force: { type: 'boolean', default: false } } : {}),
  });
  if (positionals.length > 1) throw new UsageError(`kb ${command} takes at most one folder`);
  if (!values.bucket) throw new UsageError(`kb ${command} needs --bucket <knowledge bucket>`);
  const raw = String(values.prefix ?? 'knowledge/').replace(/^\/+/, '');
  const prefix = raw === '' || raw.endsWith('/') ? raw : `${raw}/`;
  const endpoint = values.endpoint as string | undefined;
  const region = (values.region as string | undefined) ?? (endpoint ? 'us-east-1' : undefined);
  const s3 = new S3Client({
    ...(endpoint ? { endpoint, forcePathStyle: true } : {}),
    ...(region ? { region } : {}),
  });
  return {
    s3,
    bucket: String(values.bucket),
    prefix,
    dir: positionals[0] ?? 'knowledge',
    force: Boolean((values as { force?: boolean }).force),
  };
}
