/**
 * Small S3 helpers the S3 adapters share: every object under a prefix (all pages of
 * ListObjectsV2), and the HTTP status of an S3 error (404 missing, 403 missing without
 * s3:ListBucket, 304 not modified, 412 precondition failed).
 */
import { ListObjectsV2Command, type _Object, type S3Client } from '@aws-sdk/client-s3';

/** Every object under `prefix`, in S3's (key) order. */
export async function listObjects(
  s3: S3Client,
  bucket: string,
  prefix: string,
): Promise<_Object[]> {
  const objects: _Object[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
    );
    for (const o of page.Contents ?? []) if (o.Key) objects.push(o);
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return objects;
}

/** The HTTP status of an AWS SDK error, if it has one. */
export function httpStatus(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata
    ?.httpStatusCode;
}
