/**
 * Voice, SMS and WhatsApp entry points on HTTP: the Twilio webhooks (signed form POST → TwiML)
 * and the Alexa endpoint (signed JSON → skill response). They only translate; the conversation
 * core decides.
 *   POST /sms/twilio        application/x-www-form-urlencoded, X-Twilio-Signature
 *   POST /whatsapp/twilio   the same, with `whatsapp:` addresses (Twilio signs it alike)
 *   POST /alexa             Alexa request envelope, Signature-256 + SignatureCertChainUrl
 */
import type { Skill } from 'ask-sdk-core';
import type { RequestEnvelope } from 'ask-sdk-model';
import type { AlexaRequestVerifier } from '#adapters/alexa/verify-alexa-request.ts';
import { parseAlexaEnvelope } from '#adapters/alexa/alexa-envelope.ts';
import { handleSmsMessage, type SmsHandlerDeps } from '#adapters/sms/handle-sms-message.ts';
import { parseTwilioWebhook, type TwilioInboundSms } from '#adapters/sms/twilio-webhook.ts';
import { twimlMessage } from '#adapters/sms/twiml.ts';
import { HttpError, json } from './http-types.ts';
import type { Router } from './router.ts';

export interface TwilioRouteDeps {
  /** Inbound handling; its `channel` (default `sms`) is the channel of the route. */
  sms: SmsHandlerDeps;
  authToken?: string;
  /** The webhook URL as configured in Twilio: part of the signature. */
  publicUrl: string;
}

/** POST /sms/twilio: Twilio's SMS webhook. */
export function addTwilioRoute(router: Router, deps: TwilioRouteDeps): Router {
  return addTwilioMessagingRoute(router, '/sms/twilio', deps);
}

/** POST /whatsapp/twilio: Twilio's WhatsApp webhook (`deps.sms` with `channel: 'whatsapp'`). */
export function addTwilioWhatsAppRoute(router: Router, deps: TwilioRouteDeps): Router {
  if (deps.sms.channel !== 'whatsapp')
    throw new TypeError('the WhatsApp route needs WhatsApp handling');
  return addTwilioMessagingRoute(router, '/whatsapp/twilio', deps);
}

function addTwilioMessagingRoute(router: Router, path: string, deps: TwilioRouteDeps): Router {
  const channel = deps.sms.channel ?? 'sms';
  const name = channel === 'sms' ? 'SMS' : 'WhatsApp';
  return router.on('POST', path, async (request) => {
    if (!deps.authToken)
      throw new HttpError(503, `${name} is not configured (no Twilio auth token)`);
    const inbound = parseTwilioWebhook(request.body, request.headers, {
      authToken: deps.authToken,
      publicUrl: deps.publicUrl,
      channel,
    });
    const reply = await handleSmsMessage(deps.sms, {
      from: inbound.from,
      to: inbound.to,
      body: messageText(inbound),
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

/**
 * What the customer said: the body, or for a tapped WhatsApp quick reply whose payload is an
 * option number ("2"), that number, so it picks from the "did you mean" list as a typed "2" does.
 */
function messageText(inbound: TwilioInboundSms): string {
  const payload = inbound.button?.payload.trim() ?? '';
  if (/^[1-9]$/.test(payload)) return payload;
  return inbound.body || (inbound.button?.text ?? '');
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
