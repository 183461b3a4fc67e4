/**
 * middy middleware for the Alexa Lambda: the same envelope check the local /alexa route makes
 * (alexa-envelope.ts), before ask-sdk sees the event. Alexa invokes the function directly with
 * the envelope, so there is no HTTP status to answer with: a malformed envelope ends the
 * invocation with a `ValidationError` that says what is wrong (logged once, as
 * `alexa_request_rejected`), instead of a TypeError from deep inside ask-sdk — and the skill is
 * never built or run for it.
 */
import type { MiddlewareObj } from '@middy/core';
import type { Context } from 'aws-lambda';
import { ValidationError } from '#core/errors.ts';
import type { Logger } from '#core/ports.ts';
import { JsonLogger } from '#adapters/log/json-logger.ts';
import { checkAlexaEnvelope } from './alexa-envelope.ts';

export interface AlexaEnvelopeCheckOptions {
  /** Where the rejection is logged (default: JSON lines on stdout, as the app logs). */
  logger?: Pick<Logger, 'warn'>;
}

/**
 * @example middy().use(alexaEnvelopeCheck()).handler((event) => skill.invoke(event))
 */
export function alexaEnvelopeCheck(
  options: AlexaEnvelopeCheckOptions = {},
): MiddlewareObj<unknown, unknown, Error, Context> {
  const logger = options.logger ?? new JsonLogger({ base: { service: 'mujib' } });
  return {
    before: (request) => {
      try {
        checkAlexaEnvelope(request.event);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        logger.warn('alexa_request_rejected', {
          lambdaRequestId: request.context?.awsRequestId,
          alexaRequestId: alexaRequestIdOf(request.event),
          error: error.message,
        });
        throw error;
      }
    },
  };
}

/** The Alexa request id, when the malformed envelope still has one (for tracing). */
function alexaRequestIdOf(event: unknown): string | undefined {
  const id = (event as { request?: { requestId?: unknown } } | null)?.request?.requestId;
  return typeof id === 'string' ? id.slice(0, 200) : undefined;
}
