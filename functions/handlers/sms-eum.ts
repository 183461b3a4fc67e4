/**
 * Lambda entry for AWS End User Messaging SMS: inbound messages arrive through SNS; each reply
 * goes out through the outbound sender (SendTextMessage). A message that fails is reported to
 * Lambda so SNS retries it; a retry is answered from the session log, never twice.
 */
import middy from '@middy/core';
import type { SNSEvent } from 'aws-lambda';
import { lambdaApp } from '#app/lambda-app.ts';
import { handleSmsMessage } from '#adapters/sms/handle-sms-message.ts';
import { parseEumSnsEvent } from '#adapters/sms/eum-sns-event.ts';

export const handler = middy<SNSEvent, void>().handler(async (event) => {
  const app = await lambdaApp();
  const parsed = parseEumSnsEvent(event);
  for (const bad of parsed.rejected) {
    app.logger.warn('sms_eum_rejected', {
      index: bad.index,
      snsMessageId: bad.snsMessageId,
      error: bad.error.message,
    });
  }
  for (const sms of parsed.messages) {
    const reply = await handleSmsMessage(app.smsHandler, {
      from: sms.originationNumber,
      to: sms.destinationNumber,
      body: sms.messageBody,
      messageId: sms.inboundMessageId,
      channelTag: 'eum',
    });
    if (reply) await app.sms.send(sms.originationNumber, reply);
  }
});
