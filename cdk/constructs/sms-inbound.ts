/**
 * AWS End User Messaging inbound SMS: the phone number publishes two-way messages to an SNS topic
 * (encrypted with a key the service may use, TLS only), which invokes the sms-eum function.
 * Outbound replies go through `sms-voice:SendTextMessage`.
 *
 * No message is lost silently: SNS invokes the function asynchronously; a delivery SNS gives up
 * on goes to the subscription's dead-letter queue, and an invocation that still fails after
 * Lambda's retries goes to the on-failure destination queue (with the error). Both queues are
 * alarmed (operations.ts) and can be replayed (docs/operations.md).
 */
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { Effect, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { LambdaSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { MujibFunction } from './mujib-function.ts';
import { nagAccount, nagRegion } from './nag-findings.ts';
import { deadLetterQueue } from './dead-letter-queue.ts';

/** Lambda's retries of a failed asynchronous invocation before the failure queue. */
export const SMS_INVOKE_RETRIES = 2;

export interface SmsInboundProps {
  fn: IFunction;
  /** Retain the topic's key in prod; dev removes it on destroy. */
  prod: boolean;
}

export class SmsInbound extends Construct {
  readonly topic: Topic;
  readonly key: Key;
  /** Messages SNS could not deliver to the function. */
  readonly deliveryDeadLetterQueue: Queue;
  /** Invocations that failed after Lambda's retries (the on-failure destination). */
  readonly failedInvocations: Queue;

  constructor(scope: Construct, id: string, props: SmsInboundProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const service = new ServicePrincipal('sms-voice.amazonaws.com');
    this.key = new Key(this, 'TopicKey', {
      description: 'Encrypts inbound SMS on the Mujib topic',
      enableKeyRotation: true,
      pendingWindow: Duration.days(7),
      removalPolicy: props.prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    this.key.addToResourcePolicy(
      new PolicyStatement({
        principals: [service],
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
    );
    this.topic = new Topic(this, 'InboundSms', {
      displayName: 'Mujib inbound SMS',
      masterKey: this.key,
      enforceSSL: true,
    });
    this.topic.addToResourcePolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        principals: [service],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
    );
    this.deliveryDeadLetterQueue = deadLetterQueue(
      this,
      'DeliveryDlq',
      'inbound SMS SNS could not deliver',
    );
    this.failedInvocations = deadLetterQueue(
      this,
      'FailedInvocations',
      'inbound SMS the function failed on',
    );
    this.topic.addSubscription(
      new LambdaSubscription(props.fn, { deadLetterQueue: this.deliveryDeadLetterQueue }),
    );
    props.fn.configureAsyncInvoke({
      retryAttempts: SMS_INVOKE_RETRIES,
      maxEventAge: Duration.hours(1),
      onFailure: new SqsDestination(this.failedInvocations),
    });
  }
}

/**
 * Lets a function send SMS through End User Messaging; call it only when an origination identity
 * is configured. SendTextMessage is authorised on the identity's resource (phone-number/<id>,
 * pool/<id>, sender-id/…), whose id is not the E.164 number operators configure, so the grant is
 * scoped to the account and region.
 */
export function grantSendSms(stack: Stack, target: MujibFunction): void {
  target.fn.addToRolePolicy(
    new PolicyStatement({
      actions: ['sms-voice:SendTextMessage'],
      resources: [`arn:${stack.partition}:sms-voice:${stack.region}:${stack.account}:*`],
    }),
  );
  Validations.of(target).acknowledge({
    id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:sms-voice:${nagRegion(stack)}:${nagAccount(stack)}:*]`,
    reason:
      'SendTextMessage is authorised on the origination identity (phone number, pool or sender id), configured outside the stack; scoped to this account and region.',
  });
}
