/**
 * Test helper: an SQS-compatible server in this process (npm `local-aws-sqs`, offline) on
 * 127.0.0.1 and a random port, a client for it through the real AWS SDK, and fresh queues.
 */
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { createSqsServer } from 'local-aws-sqs';
import { LOCAL_CREDENTIALS } from './dynalite.ts';

export const LOCAL_SQS_REGION = 'us-east-1';

export interface LocalSqs {
  endpoint: string;
  client: SQSClient;
  /** A new queue (with a dead-letter queue after `maxReceiveCount` receives); its URL. */
  createQueue(options?: { maxReceiveCount?: number; visibilityTimeout?: number }): Promise<string>;
  /**
   * Messages in the queue, received (hidden) ones included. local-aws-sqs counts those in
   * ApproximateNumberOfMessages itself (AWS would report them as NotVisible), exactly.
   */
  depth(queueUrl: string): Promise<number>;
  close(): Promise<void>;
}

export async function startLocalSqs(): Promise<LocalSqs> {
  const server: Server = await createSqsServer({ port: 0, hostname: '127.0.0.1' });
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new SQSClient({
    endpoint,
    region: LOCAL_SQS_REGION,
    credentials: LOCAL_CREDENTIALS,
  });
  return {
    endpoint,
    client,
    async createQueue({ maxReceiveCount = 5, visibilityTimeout = 30 } = {}) {
      const name = `turns-${randomUUID().slice(0, 8)}`;
      const dlq = await client.send(new CreateQueueCommand({ QueueName: `${name}-dlq` }));
      const dlqArn = (
        await client.send(
          new GetQueueAttributesCommand({ QueueUrl: dlq.QueueUrl, AttributeNames: ['QueueArn'] }),
        )
      ).Attributes?.QueueArn;
      const queue = await client.send(
        new CreateQueueCommand({
          QueueName: name,
          Attributes: {
            VisibilityTimeout: String(visibilityTimeout),
            RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount }),
          },
        }),
      );
      return queue.QueueUrl as string;
    },
    async depth(queueUrl) {
      const { Attributes = {} } = await client.send(
        new GetQueueAttributesCommand({
          QueueUrl: queueUrl,
          AttributeNames: ['ApproximateNumberOfMessages'],
        }),
      );
      return Number(Attributes.ApproximateNumberOfMessages);
    },
    async close() {
      client.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
