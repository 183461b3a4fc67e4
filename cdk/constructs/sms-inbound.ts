/**
 * AWS End User Messaging inbound SMS: the phone number publishes two-way messages to an SNS topic
 * (encrypted with a key the service may use, TLS only), which invokes the sms-eum function.
 * Outbound replies go through `sms-voice:SendTextMessage`.
 */
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import { Effect, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { LambdaSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import type { MujibFunction } from './mujib-function.ts';
import { nagAccount, nagRegion } from './nag-findings.ts';

export interface SmsInboundProps {
  fn: IFunction;
}

export class SmsInbound extends Construct {
  readonly topic: Topic;
  readonly key: Key;

  constructor(scope: Construct, id: string, props: SmsInboundProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const service = new ServicePrincipal('sms-voice.amazonaws.com');
    this.key = new Key(this, 'TopicKey', {
      description: 'Encrypts inbound SMS on the Mujib topic',
      enableKeyRotation: true,
      pendingWindow: Duration.days(7),
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
    this.topic.addSubscription(new LambdaSubscription(props.fn));
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
