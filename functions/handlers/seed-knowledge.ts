/**
 * Seed-knowledge Lambda (a CloudFormation custom resource of the knowledge pipeline): on deploy,
 * copies the repo's articles into the knowledge bucket only where it does not hold them yet, so
 * a deploy never reverts a writer's edit (seed-function.ts).
 */
import middy from '@middy/core';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import type { SeedResult } from '#adapters/s3/seed-articles.ts';
import { composeSeedFunction } from '#app/lambda/seed-function.ts';
import { startFunction } from '#app/lambda/start-function.ts';

const fn = await startFunction('seed-knowledge', () => composeSeedFunction());

export const handler = middy<CloudFormationCustomResourceEvent, SeedResult | undefined>()
  .use(fn.base.telemetry.middlewares())
  .handler((event) => fn.handle(event));
