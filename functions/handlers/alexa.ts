/**
 * Lambda entry for the Alexa Skills Kit trigger. Alexa signs and delivers the request; the
 * skill (ask-sdk-core) checks the skill id and answers through the conversation core.
 */
import middy from '@middy/core';
import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import type { Context } from 'aws-lambda';
import { lambdaApp } from '#app/lambda-app.ts';

export const handler = middy<RequestEnvelope, ResponseEnvelope, Error, Context>().handler(
  async (event, context) => (await lambdaApp()).alexaSkill.invoke(event, context),
);
