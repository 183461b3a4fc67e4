/**
 * RejectionNotifier over SNS: one Publish per rejected article to the publishing topic, with the
 * owner in the `owner` message attribute, so each writer's subscription (e-mail, chat webhook)
 * can carry a filter policy `{"owner": ["<their owner value>"]}` and receive only their own.
 *
 * @example new SnsRejectionNotifier({ sns: new SNSClient({}), topicArn })
 */
import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import { rejectionMessage, type RejectionNotifier } from '../s3/rejection-notifier.ts';
import type { RejectedArticle } from '#core/knowledge/select-publishable.ts';

export class SnsRejectionNotifier implements RejectionNotifier {
  constructor(private readonly options: { sns: SNSClient; topicArn: string }) {}

  async notify(rejection: RejectedArticle & { owner: string }): Promise<void> {
    const { subject, body } = rejectionMessage(rejection);
    await this.options.sns.send(
      new PublishCommand({
        TopicArn: this.options.topicArn,
        Subject: subject.replace(/[^\x20-\x7e]/g, '?'),
        Message: body,
        MessageAttributes: {
          owner: { DataType: 'String', StringValue: rejection.owner },
          file: { DataType: 'String', StringValue: rejection.file },
        },
      }),
    );
  }
}
