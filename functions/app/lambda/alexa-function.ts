/**
 * Composition of the Alexa skill function: the ask-sdk skill over the conversation core. Loads
 * DynamoDB, SSM (PII secret), ask-sdk-core and, when configured, S3 and Lex.
 */
import type { Skill } from 'ask-sdk-core';
import { buildAlexaSkill } from '#adapters/alexa/alexa-skill.ts';
import { answeringParts } from './answering.ts';
import { lambdaBase, type LambdaBase, type LambdaBaseOptions } from './lambda-base.ts';

export interface AlexaFunction {
  base: LambdaBase;
  skill: Skill;
}

export async function composeAlexaFunction(
  options: LambdaBaseOptions = {},
): Promise<AlexaFunction> {
  const base = await lambdaBase('alexa', { secrets: ['pii'], ...options });
  const parts = await answeringParts(base);
  const skill = buildAlexaSkill({
    conversation: parts.conversation,
    // The satisfaction question at the launch after a ticket closed.
    csat: parts.csat,
    skillId: base.config.alexa.skillId,
    helpUrl: base.config.helpUrl,
    logger: base.logger,
  });
  return { base, skill };
}
