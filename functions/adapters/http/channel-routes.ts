/**
 * Voice and SMS entry points on HTTP: the Twilio webhook (signed form POST → TwiML) and the
 * Alexa endpoint (signed JSON → skill response). Both only translate; the conversation core
 * decides.
 *   POST /sms/twilio   application/x-www-form-urlencoded, X-Twilio-Signature
 *   POST /alexa        Alexa request envelope, Signature-256 + SignatureCertChainUrl
 */
import type { Skill } from 'ask-sdk-core';
import type { RequestEnvelope } from 'ask-sdk-model';
import type { AlexaRequestVerifier } from '#adapters/alexa/verify-alexa-request.ts';
import { parseAlexaEnvelope } from '#adapters/alexa/alexa-envelope.ts';
import { handleSmsMessage, type SmsHandlerDeps } from '#adapters/sms/handle-sms-message.ts';
import { parseTwilioWebhook } from '#adapters/sms/twilio-webhook.ts';
import { twimlMessage } from '#adapters/sms/twiml.ts';
import { HttpError, json } from './http-types.ts';
import type { Router } from './router.ts';

export interface TwilioRouteDeps {
  sms: SmsHandlerDeps;
  authToken?: string;
  /** The webhook URL as configured in Twilio: part of the signature. */
  publicUrl: string;
}

export function addTwilioRoute(router: Router, deps: TwilioRouteDeps): Router {
  return router.on('POST', '/sms/twilio', async (request) => {
    if (!deps.authToken) throw new HttpError(503, 'SMS is not configured (no Twilio auth token)');
    const inbound = parseTwilioWebhook(request.body, request.headers, {
      authToken: deps.authToken,
      publicUrl: deps.publicUrl,
    });
    const reply = await handleSmsMessage(deps.sms, {
      from: inbound.from,
      to: inbound.to,
      body: inbound.body,
      messageId: inbound.messageSid,
      channelTag: 'twilio',
    });
    return {
      status: 200,
      headers: { 'content-type': 'text/xml; charset=utf-8' },
      body: twimlMessage(reply),
    };
  });
}

export interface AlexaRouteDeps {
  skill: Skill;
  verify: AlexaRequestVerifier;
}

export function addAlexaRoute(router: Router, deps: AlexaRouteDeps): Router {
  return router.on('POST', '/alexa', async (request) => {
    await deps.verify(request.body, request.headers);
    // A malformed envelope (even a signed one) is a 400 saying what is wrong, never a 500.
    const envelope: RequestEnvelope = parseAlexaEnvelope(request.body);
    try {
      return json(200, await deps.skill.invoke(envelope));
    } catch (error) {
      // ask-sdk refuses requests for another skill id before any handler runs.
      if (/skill id/i.test(String((error as Error)?.message)))
        throw new HttpError(403, 'request is for another skill');
      throw error;
    }
  });
}
