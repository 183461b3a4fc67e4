/**
 * Composition of the AWS End User Messaging SMS function (inbound through SNS, replies through
 * SendTextMessage): the inbound SMS handling and the outbound sender. Loads DynamoDB, SSM (PII
 * secret), End User Messaging and, when configured, S3 and Lex.
 */
import type { OutboundSms } from '#core/ports.ts';
import type { SmsHandlerDeps } from '#adapters/sms/handle-sms-message.ts';
import { smsHandlerDeps } from '../answering-services.ts';
import { guardedSms } from '../services.ts';
import { answeringParts } from './answering.ts';
import { outboundSmsOf } from './outbound-sms-of.ts';
import { lambdaBase, type LambdaBase, type LambdaBaseOptions } from './lambda-base.ts';

export interface SmsEumFunction {
  base: LambdaBase;
  smsHandler: SmsHandlerDeps;
  /** Replies go out through End User Messaging, behind the opt-out check. */
  sms: OutboundSms;
}

export async function composeSmsEumFunction(
  options: LambdaBaseOptions & { sms?: OutboundSms } = {},
): Promise<SmsEumFunction> {
  const base = await lambdaBase('sms-eum', { secrets: ['pii'], ...options });
  const sender = options.sms ?? (await outboundSmsOf(base.config, base.logger));
  const parts = await answeringParts(base, { sms: sender });
  const optOut = parts.stores.base.optOut;
  return {
    base,
    smsHandler: {
      ...smsHandlerDeps(parts, {
        conversation: parts.conversation,
        optOut,
        secret: parts.secret,
      }),
      // A bare 1–5 after the satisfaction question is the rating.
      csat: parts.csat,
    },
    sms: guardedSms(sender, optOut, parts.secret),
  };
}
