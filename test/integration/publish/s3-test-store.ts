/**
 * A local S3-compatible store for the publish tests: s3rver on 127.0.0.1, port 0, in a temp
 * folder, with the real @aws-sdk/client-s3 pointed at it (path-style). Nothing leaves the machine.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';

export interface S3TestStore {
  s3: S3Client;
  /** A new client for the store (each with its own middleware stack). */
  client(): S3Client;
  endpoint: string;
  put(bucket: string, key: string, body: string): Promise<void>;
  remove(bucket: string, key: string): Promise<void>;
  /** Calls `listener` with every S3 event notification the store emits (as S3 would send). */
  onEvent(listener: (event: { Records: unknown[] }) => void): void;
  stop(): Promise<void>;
}

export async function startS3TestStore(buckets: string[]): Promise<S3TestStore> {
  const directory = await mkdtemp(join(tmpdir(), 'mujib-s3-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: buckets.map((name) => ({ name })),
  });
  const address = (await server.run()) as AddressInfo;
  const endpoint = `http://127.0.0.1:${address.port}`;
  const client = (): S3Client =>
    new S3Client({
      endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
  const s3 = client();
  return {
    s3,
    client,
    endpoint,
    async put(bucket, key, body) {
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
    },
    async remove(bucket, key) {
      await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    },
    onEvent(listener) {
      server.on('event', listener);
    },
    async stop() {
      s3.destroy();
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
