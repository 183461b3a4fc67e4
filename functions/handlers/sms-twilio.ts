/** Lambda entry — Twilio inbound SMS webhook: POST /sms/twilio (signature checked, TwiML reply). */
import { httpHandler } from './http-handler.ts';

export const handler = httpHandler();
