/**
 * A deploy seeds the knowledge bucket only with articles it does not hold yet: the seeding
 * custom resource (functions/app/lambda/seed-function.ts) against s3rver on 127.0.0.1, with
 * CloudFormation's response URL served by a local HTTP server. A writer's version is never
 * replaced, a deleted repo article is not deleted live, and CloudFormation always gets an answer.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeSeedFunction, type SeedFunction } from '#app/lambda/seed-function.ts';
import { startS3TestStore, type S3TestStore } from './s3-test-store.ts';

const KNOWLEDGE = 'mujib-knowledge-seed';
const ARTIFACTS = 'mujib-artifacts-seed';

let store: S3TestStore;
let cfn: Server;
let responseUrl: string;
const responses: Record<string, unknown>[] = [];
let seed: SeedFunction;

function event(
  type: 'Create' | 'Update' | 'Delete',
  properties: Record<string, string> = {},
): CloudFormationCustomResourceEvent {
  return {
    RequestType: type,
    ServiceToken: 'arn:aws:lambda:us-east-1:123456789012:function:seed',
    ResponseURL: responseUrl,
    StackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/mujib/1',
    RequestId: `req-${responses.length}`,
    LogicalResourceId: 'SeedArticles',
    ResourceType: 'Custom::SeedKnowledge',
    ResourceProperties: {
      ServiceToken: 'arn:aws:lambda:us-east-1:123456789012:function:seed',
      SeedBucket: ARTIFACTS,
      SeedPrefix: 'seed/knowledge/',
      Bucket: KNOWLEDGE,
      Prefix: 'knowledge/',
      ...properties,
    },
    ...(type === 'Create' ? {} : { PhysicalResourceId: 'seed-SeedArticles' }),
    ...(type === 'Update' ? { OldResourceProperties: {} } : {}),
  } as CloudFormationCustomResourceEvent;
}

async function live(key: string): Promise<string> {
  const object = await store.s3.send(new GetObjectCommand({ Bucket: KNOWLEDGE, Key: key }));
  return (await object.Body?.transformToString()) ?? '';
}

beforeAll(async () => {
  store = await startS3TestStore([KNOWLEDGE, ARTIFACTS]);
  cfn = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      responses.push(JSON.parse(body));
      res.end();
    });
  });
  await new Promise<void>((resolve) => cfn.listen(0, '127.0.0.1', resolve));
  responseUrl = `http://127.0.0.1:${(cfn.address() as AddressInfo).port}/response`;
  seed = await composeSeedFunction({
    s3: store.s3,
    env: { MUJIB_MODE: 'aws', MUJIB_LOG_LEVEL: 'error' },
  });
});

afterAll(async () => {
  await store?.stop();
  await new Promise((resolve) => cfn?.close(resolve));
});

describe('seeding the knowledge bucket on deploy', () => {
  it('the first deploy copies every repo article', async () => {
    await store.put(ARTIFACTS, 'seed/knowledge/en/a.md', 'A from git v1');
    await store.put(ARTIFACTS, 'seed/knowledge/en/b.md', 'B from git v1');

    const result = await seed.handle(event('Create'));

    expect(result).toEqual({ written: ['en/a.md', 'en/b.md'], kept: [] });
    expect(await live('knowledge/en/a.md')).toBe('A from git v1');
    expect(responses.at(-1)).toMatchObject({
      Status: 'SUCCESS',
      PhysicalResourceId: 'seed-SeedArticles',
      Data: { Written: 2, Kept: 0 },
    });
  });

  it('a later deploy adds new articles and never overwrites a writer’s version', async () => {
    await store.put(KNOWLEDGE, 'knowledge/en/a.md', 'A edited by a writer');
    await store.put(ARTIFACTS, 'seed/knowledge/en/a.md', 'A from git v2');
    await store.put(ARTIFACTS, 'seed/knowledge/en/c.md', 'C from git');

    const result = await seed.handle(event('Update'));

    expect(result).toEqual({ written: ['en/c.md'], kept: ['en/a.md', 'en/b.md'] });
    expect(await live('knowledge/en/a.md')).toBe('A edited by a writer');
    expect(await live('knowledge/en/c.md')).toBe('C from git');
  });

  it('removing the stack’s seed deletes nothing live', async () => {
    const result = await seed.handle(event('Delete'));

    expect(result).toBeUndefined();
    expect(await live('knowledge/en/b.md')).toBe('B from git v1');
    expect(responses.at(-1)).toMatchObject({ Status: 'SUCCESS' });
  });

  it('a failure is answered FAILED with the reason, so the deploy does not hang', async () => {
    await seed.handle(event('Update', { SeedBucket: 'no-such-bucket' }));

    expect(responses.at(-1)).toMatchObject({ Status: 'FAILED' });
    expect(String(responses.at(-1)?.Reason)).toMatch(/bucket/i);
  });
});
