/** Lambda entry — Twilio inbound SMS webhook: POST /sms/twilio (signature checked, TwiML reply). */
import { composeSmsTwilioFunction } from '#app/lambda/sms-twilio-function.ts';
import { startFunction } from '#app/lambda/start-function.ts';
import { httpHandler } from './http-handler.ts';

export const handler = httpHandler(await startFunction('sms-twilio', composeSmsTwilioFunction));
