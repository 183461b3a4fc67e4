/**
 * Composition of the Twilio webhook function: POST /sms/twilio and POST /whatsapp/twilio
 * (signature checked with the one Twilio auth token, TwiML reply). One function for both:
 * WhatsApp is the SMS handling on another channel key with its own renderer, so a second function
 * would carry the same bundle and INIT again. Loads DynamoDB, SSM (PII secret and Twilio auth
 * token) and, when configured, S3 and Lex; replies go back in the TwiML response, so no outbound
 * client.
 */
import { addTwilioRoute, addTwilioWhatsAppRoute } from '#adapters/http/channel-routes.ts';
import { Router } from '#adapters/http/router.ts';
import { smsHandlerDeps } from '../answering-services.ts';
import { whatsAppHandlerDeps } from '../whatsapp-channel.ts';
import { answeringParts } from './answering.ts';
import type { HttpFunction } from './http-function.ts';
import { lambdaBase, type LambdaBaseOptions } from './lambda-base.ts';

export async function composeSmsTwilioFunction(
  options: LambdaBaseOptions = {},
): Promise<HttpFunction> {
  const base = await lambdaBase('sms-twilio', { secrets: ['pii', 'twilio'], ...options });
  const parts = await answeringParts(base);
  const router = new Router(base.logger);
  const sms = {
    ...smsHandlerDeps(parts, {
      conversation: parts.conversation,
      optOut: parts.stores.base.optOut,
      secret: parts.secret,
    }),
    // A bare 1–5 after the satisfaction question is the rating.
    csat: parts.csat,
  };
  const authToken = base.config.twilio.authToken;
  addTwilioRoute(router, { authToken, publicUrl: base.config.twilio.webhookUrl, sms });
  addTwilioWhatsAppRoute(router, {
    authToken,
    publicUrl: base.config.whatsapp.webhookUrl,
    sms: whatsAppHandlerDeps(sms),
  });
  return { base, router };
}
