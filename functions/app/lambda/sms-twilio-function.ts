/**
 * Composition of the Twilio SMS webhook function: POST /sms/twilio (signature checked, TwiML
 * reply). Loads DynamoDB, SSM (PII secret and Twilio auth token) and, when configured, S3 and
 * Lex; replies go back in the TwiML response, so no outbound SMS client.
 */
import { addTwilioRoute } from '#adapters/http/channel-routes.ts';
import { Router } from '#adapters/http/router.ts';
import { smsHandlerDeps } from '../answering-services.ts';
import { answeringParts } from './answering.ts';
import type { HttpFunction } from './http-function.ts';
import { lambdaBase, type LambdaBaseOptions } from './lambda-base.ts';

export async function composeSmsTwilioFunction(
  options: LambdaBaseOptions = {},
): Promise<HttpFunction> {
  const base = await lambdaBase('sms-twilio', { secrets: ['pii', 'twilio'], ...options });
  const parts = await answeringParts(base);
  const router = new Router(base.logger);
  addTwilioRoute(router, {
    authToken: base.config.twilio.authToken,
    publicUrl: base.config.twilio.webhookUrl,
    sms: smsHandlerDeps(parts, {
      conversation: parts.conversation,
      optOut: parts.stores.base.optOut,
      secret: parts.secret,
    }),
  });
  return { base, router };
}
