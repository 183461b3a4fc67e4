/**
 * Lambda entry for the Alexa Skills Kit trigger. Alexa signs and delivers the request; the
 * envelope is checked first (a malformed one is a ValidationError saying what is wrong, as on
 * the local /alexa route), then the skill (ask-sdk-core) checks the skill id and answers
 * through the conversation core.
 */
import middy from '@middy/core';
import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import type { Context } from 'aws-lambda';
import { lambdaApp } from '#app/lambda-app.ts';
import { alexaEnvelopeCheck } from '#adapters/alexa/alexa-envelope-check.ts';

export const handler = middy<RequestEnvelope, ResponseEnvelope, Error, Context>()
  .use(alexaEnvelopeCheck())
  .handler(async (event, context) => (await lambdaApp()).alexaSkill.invoke(event, context));
