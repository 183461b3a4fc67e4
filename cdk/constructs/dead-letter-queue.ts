/**
 * A dead-letter (or on-failure) queue as every Mujib construct makes one: SQS-managed
 * encryption, TLS only, 14 days to look at what failed; cdk-nag's "no DLQ of its own" finding
 * acknowledged with what ends up in it.
 */
import { Duration, Validations } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

export function deadLetterQueue(scope: Construct, id: string, whatEndsUpHere: string): Queue {
  const queue = new Queue(scope, id, {
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  Validations.of(queue).acknowledge({
    id: 'AwsSolutions-SQS3',
    reason: `This queue is itself where ${whatEndsUpHere} end up (a dead-letter queue).`,
  });
  return queue;
}
