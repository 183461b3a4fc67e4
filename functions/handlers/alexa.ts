/**
 * Lambda entry for the Alexa Skills Kit trigger. Alexa signs and delivers the request; the
 * envelope is checked first (a malformed one is a ValidationError saying what is wrong, as on
 * the local /alexa route), then the skill (ask-sdk-core) checks the skill id and answers
 * through the conversation core.
 */
import middy from '@middy/core';
import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import type { Context } from 'aws-lambda';
import { alexaEnvelopeCheck } from '#adapters/alexa/alexa-envelope-check.ts';
import { composeAlexaFunction } from '#app/lambda/alexa-function.ts';
import { startFunction } from '#app/lambda/start-function.ts';

const fn = await startFunction('alexa', composeAlexaFunction);

export const handler = middy<RequestEnvelope, ResponseEnvelope, Error, Context>()
  .use(fn.base.telemetry.middlewares())
  .use(alexaEnvelopeCheck({ logger: fn.base.logger }))
  .handler((event, context) => fn.skill.invoke(event, context));
