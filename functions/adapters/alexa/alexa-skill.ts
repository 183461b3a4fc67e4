/**
 * The Nakheel Help Alexa skill: ask-sdk-core's custom skill with Mujib's handlers. The Lambda
 * handler and the local server's /alexa route call `skill.invoke(envelope)`; a request for
 * another skill id is rejected by ask-sdk (invoke throws) before any handler runs.
 */
import { SkillBuilders, type Skill } from 'ask-sdk-core';
import type { Conversation } from '#core/conversation/conversation.ts';
import type { CsatService } from '#core/tickets/csat-service.ts';
import { createAlexaErrorHandler, createAlexaHandlers } from './alexa-handlers.ts';
import { consoleAlexaLogger, type AlexaLogger } from './alexa-logger.ts';

export interface AlexaSkillDeps {
  conversation: Conversation;
  /** The skill's application id (`amzn1.ask.skill.…`); when set, other skills' requests are refused. */
  skillId?: string;
  /** Absolute base URL of the help centre, e.g. `https://help.nakheel.example`. */
  helpUrl: string;
  logger?: AlexaLogger;
  /** The satisfaction question at the launch after a ticket closed, and the spoken rating. */
  csat?: Pick<CsatService, 'takeAsks' | 'rate'>;
}

/**
 * Builds the skill.
 *
 * @example
 * const skill = buildAlexaSkill({ conversation, skillId: config.alexaSkillId, helpUrl });
 * export const handler = (event: RequestEnvelope) => skill.invoke(event);
 */
export function buildAlexaSkill(deps: AlexaSkillDeps): Skill {
  const logger = deps.logger ?? consoleAlexaLogger;
  const builder = SkillBuilders.custom()
    .addRequestHandlers(...createAlexaHandlers({ ...deps, logger }))
    .addErrorHandlers(createAlexaErrorHandler({ logger }))
    .withCustomUserAgent('mujib');
  if (deps.skillId) builder.withSkillId(deps.skillId);
  return builder.create();
}
