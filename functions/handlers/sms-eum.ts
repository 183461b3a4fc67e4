/**
 * Lambda entry for AWS End User Messaging SMS: inbound messages arrive through SNS; each reply
 * goes out through the outbound sender (SendTextMessage). A message that fails is reported to
 * Lambda so SNS retries it; a retry is answered from the session log, never twice.
 */
import middy from '@middy/core';
import type { SNSEvent } from 'aws-lambda';
import { handleSmsMessage } from '#adapters/sms/handle-sms-message.ts';
import { parseEumSnsEvent } from '#adapters/sms/eum-sns-event.ts';
import { composeSmsEumFunction } from '#app/lambda/sms-eum-function.ts';
import { startFunction } from '#app/lambda/start-function.ts';

const fn = await startFunction('sms-eum', () => composeSmsEumFunction());

export const handler = middy<SNSEvent, void>()
  .use(fn.base.telemetry.middlewares())
  .handler(async (event) => {
    const parsed = parseEumSnsEvent(event);
    for (const bad of parsed.rejected) {
      fn.base.logger.warn('sms_eum_rejected', {
        index: bad.index,
        snsMessageId: bad.snsMessageId,
        error: bad.error.message,
      });
    }
    for (const sms of parsed.messages) {
      const reply = await handleSmsMessage(fn.smsHandler, {
        from: sms.originationNumber,
        to: sms.destinationNumber,
        body: sms.messageBody,
        messageId: sms.inboundMessageId,
        channelTag: 'eum',
      });
      if (reply) await fn.sms.send(sms.originationNumber, reply);
    }
  });
