/**
 * ask-sdk request handlers of the Nakheel Help skill. Thin: each turns the Alexa request into an
 * InboundMessage for the Conversation, or speaks a fixed message, and renders with core/render/ssml.
 * Clarification options live in session attributes so "the second one" can be resolved, and so
 * does the ticket a launch asked the customer to rate ("on a scale of 1 to 5…"): the answer, a
 * number, comes as ChooseOptionIntent (its `{number}` sample) and rates that ticket.
 */
import {
  getIntentName,
  getLocale,
  getRequestType,
  getSlot,
  getUserId,
  type ErrorHandler,
  type HandlerInput,
  type RequestHandler,
} from 'ask-sdk-core';
import type { Response } from 'ask-sdk-model';
import type { Conversation } from '#core/conversation/conversation.ts';
import type { InboundMessage } from '#core/conversation/reply.ts';
import { interpretChoice } from '#core/conversation/choose-option.ts';
import { TicketStateConflictError } from '#core/errors.ts';
import {
  csatQuestionSpeech,
  csatRepromptSpeech,
  csatThanksSpeech,
} from '#core/render/csat-speech.ts';
import type { CsatService } from '#core/tickets/csat-service.ts';
import {
  goodbyeSpeech,
  messageSpeech,
  renderSpeech,
  renderStaffReplySpeech,
  type SpokenReply,
} from '#core/render/ssml.ts';
import type { Lang } from '#core/types.ts';
import { alexaCustomerKey, langOfLocale } from './alexa-customer.ts';
import type { AlexaLogger } from './alexa-logger.ts';

export interface AlexaHandlerDeps {
  conversation: Conversation;
  /** Absolute base URL of the help centre, for card links. */
  helpUrl: string;
  logger: AlexaLogger;
  /** The satisfaction question at the launch after a ticket closed (none: never asked). */
  csat?: Pick<CsatService, 'takeAsks' | 'rate'>;
}

/** A "did you mean" option remembered between turns. */
export interface StoredOption {
  articleId: string;
  title: string;
}

/** What the skill keeps in Alexa session attributes. */
export interface AlexaSessionAttributes {
  options?: StoredOption[];
  /** The ticket this session's launch asked the customer to rate. */
  csatTicket?: string;
}

/** Text the core recognises as a hand-off request (HumanIntent). */
export const HUMAN_REQUEST_TEXT: Record<Lang, string> = {
  en: 'talk to a person',
  ar: 'أريد التحدث مع موظف',
};

/** The request handlers, in the order ask-sdk should try them. */
export function createAlexaHandlers(deps: AlexaHandlerDeps): RequestHandler[] {
  return [
    launchHandler(deps),
    intentHandler('AskQuestionIntent', (input) => askQuestion(deps, input)),
    intentHandler('HumanIntent', (input) =>
      converse(deps, input, { text: HUMAN_REQUEST_TEXT[lang(input)] }),
    ),
    intentHandler('ChooseOptionIntent', (input) => chooseIntent(deps, input)),
    intentHandler(['AMAZON.HelpIntent', 'AMAZON.YesIntent'], (input) =>
      respond(input, messageSpeech(lang(input), 'help')),
    ),
    intentHandler(['AMAZON.NavigateHomeIntent'], (input) =>
      respond(input, messageSpeech(lang(input), 'welcome', 'welcomeReprompt')),
    ),
    intentHandler(['AMAZON.StopIntent', 'AMAZON.CancelIntent', 'AMAZON.NoIntent'], (input) =>
      respond(input, goodbyeSpeech(lang(input))),
    ),
    intentHandler('AMAZON.FallbackIntent', (input) =>
      respond(input, messageSpeech(lang(input), 'fallback', 'fallbackReprompt')),
    ),
    sessionEndedHandler(deps),
  ];
}

/** Logs the failure with the request id and says something useful instead of Alexa's error tone. */
export function createAlexaErrorHandler(deps: Pick<AlexaHandlerDeps, 'logger'>): ErrorHandler {
  return {
    canHandle: () => true,
    handle(input, error) {
      deps.logger.error('alexa.error', {
        requestId: input.requestEnvelope.request.requestId,
        requestType: getRequestType(input.requestEnvelope),
        error: error.message,
        errorName: error.name,
      });
      return respond(input, messageSpeech(lang(input), 'error'));
    },
  };
}

function launchHandler(deps: AlexaHandlerDeps): RequestHandler {
  return {
    canHandle: (input) => getRequestType(input.requestEnvelope) === 'LaunchRequest',
    async handle(input) {
      const notices = await deps.conversation.takeStaffReplies(customerKey(input));
      deps.logger.info('alexa.launch', { ...ids(input), staffReplies: notices.length });
      if (notices.length > 0) return respond(input, renderStaffReplySpeech(notices, lang(input)));
      // No reply to hear: ask about one ticket closed since (once; another waits for a launch).
      const [ask] = deps.csat ? await deps.csat.takeAsks(customerKey(input), { limit: 1 }) : [];
      if (ask) {
        input.attributesManager.setSessionAttributes({ csatTicket: ask.ticketRef });
        deps.logger.info('alexa.csat_asked', { ...ids(input), ticketRef: ask.ticketRef });
        return respond(input, csatQuestionSpeech(lang(input), ask.ticketRef));
      }
      return respond(input, messageSpeech(lang(input), 'welcome', 'welcomeReprompt'));
    },
  };
}

function sessionEndedHandler(deps: AlexaHandlerDeps): RequestHandler {
  return {
    canHandle: (input) => getRequestType(input.requestEnvelope) === 'SessionEndedRequest',
    handle(input) {
      const request = input.requestEnvelope.request as { reason?: string; error?: unknown };
      deps.logger.info('alexa.session-ended', {
        ...ids(input),
        reason: request.reason,
        error: request.error,
      });
      return input.responseBuilder.getResponse();
    },
  };
}

async function askQuestion(deps: AlexaHandlerDeps, input: HandlerInput): Promise<Response> {
  const query = getSlot(input.requestEnvelope, 'query')?.value?.trim() ?? '';
  // Saying an offered option's title ("track your order") picks it.
  const options = storedOptions(input);
  const pickedId = interpretChoice(query, options);
  const option = options.find((o) => o.articleId === pickedId);
  if (option) return converse(deps, input, { text: option.title, choice: option.articleId });
  return converse(deps, input, { text: query });
}

async function chooseIntent(deps: AlexaHandlerDeps, input: HandlerInput): Promise<Response> {
  const { csatTicket } = input.attributesManager.getSessionAttributes<AlexaSessionAttributes>();
  if (csatTicket && deps.csat) return rateByVoice(deps.csat, deps, input, csatTicket);
  const options = storedOptions(input);
  const index = chosenNumber(input);
  const option = index === undefined ? undefined : options[index - 1];
  if (!option) return respond(input, messageSpeech(lang(input), 'chooseUnknown'));
  return converse(deps, input, { text: option.title, choice: option.articleId });
}

/** The answer to "on a scale of 1 to 5": a number rates the ticket; anything else asks again. */
async function rateByVoice(
  csat: NonNullable<AlexaHandlerDeps['csat']>,
  deps: AlexaHandlerDeps,
  input: HandlerInput,
  ticketRef: string,
): Promise<Response> {
  const rating = chosenNumber(input);
  if (rating === undefined || rating > 5) return respond(input, csatRepromptSpeech(lang(input)));
  input.attributesManager.setSessionAttributes({});
  try {
    await csat.rate(ticketRef, customerKey(input), rating);
  } catch (error) {
    // Reopened, or rated meanwhile: nothing to rate now; carry on as after a launch.
    if (!(error instanceof TicketStateConflictError)) throw error;
    deps.logger.info('alexa.csat_refused', { ...ids(input), ticketRef, reason: error.message });
    return respond(input, messageSpeech(lang(input), 'welcome', 'welcomeReprompt'));
  }
  deps.logger.info('alexa.csat_recorded', { ...ids(input), ticketRef, rating });
  return respond(input, csatThanksSpeech(lang(input), rating));
}

/** Hands one message to the core and speaks its reply; remembers clarification options. */
async function converse(
  deps: AlexaHandlerDeps,
  input: HandlerInput,
  message: Pick<InboundMessage, 'text' | 'choice'>,
): Promise<Response> {
  const envelope = input.requestEnvelope;
  const handled = await deps.conversation.handle({
    sessionId: envelope.session?.sessionId ?? envelope.request.requestId,
    messageId: envelope.request.requestId,
    channel: 'alexa',
    lang: lang(input),
    contact: { alexaUserId: getUserId(envelope) },
    customerKey: customerKey(input),
    ...message,
  });
  const { reply } = handled;
  const attributes: AlexaSessionAttributes =
    reply.kind === 'clarify'
      ? { options: reply.options.map((o) => ({ articleId: o.articleId, title: o.title })) }
      : {};
  input.attributesManager.setSessionAttributes(attributes);
  deps.logger.info('alexa.turn', {
    ...ids(input),
    outcome: reply.kind,
    duplicate: handled.duplicate,
    ...(reply.kind === 'answer' ? { articleId: reply.article.articleId } : {}),
    ...(reply.kind === 'escalate'
      ? { ticketRef: reply.ticketRef, ticketFailed: reply.ticketFailed }
      : {}),
  });
  return respond(input, renderSpeech(reply, { helpUrl: deps.helpUrl }));
}

/** The 1-based option number said: from the NUMBER slot, or the OPTION_ORDINAL slot's id or words. */
function chosenNumber(input: HandlerInput): number | undefined {
  const number = Number(getSlot(input.requestEnvelope, 'number')?.value);
  if (Number.isInteger(number) && number > 0) return number;
  const ordinal = getSlot(input.requestEnvelope, 'ordinal');
  const resolved = ordinal?.resolutions?.resolutionsPerAuthority?.find(
    (authority) => authority.status.code === 'ER_SUCCESS_MATCH',
  )?.values[0]?.value.id;
  if (resolved && /^\d+$/.test(resolved)) return Number(resolved);
  const picked = ordinal?.value
    ? interpretChoice(
        ordinal.value,
        ['1', '2', '3'].map((articleId) => ({ articleId })),
      )
    : undefined;
  return picked === undefined ? undefined : Number(picked);
}

function storedOptions(input: HandlerInput): StoredOption[] {
  const attributes = input.attributesManager.getSessionAttributes<AlexaSessionAttributes>();
  return Array.isArray(attributes.options) ? attributes.options : [];
}

function respond(input: HandlerInput, spoken: SpokenReply): Response {
  const builder = input.responseBuilder
    .speak(spoken.ssml)
    .withSimpleCard(spoken.card.title, spoken.card.text);
  if (spoken.endSession) return builder.withShouldEndSession(true).getResponse();
  return builder.reprompt(spoken.reprompt).withShouldEndSession(false).getResponse();
}

function intentHandler(
  names: string | string[],
  handle: (input: HandlerInput) => Response | Promise<Response>,
): RequestHandler {
  const accepted = Array.isArray(names) ? names : [names];
  return {
    canHandle: (input) =>
      getRequestType(input.requestEnvelope) === 'IntentRequest' &&
      accepted.includes(getIntentName(input.requestEnvelope)),
    handle,
  };
}

function lang(input: HandlerInput): Lang {
  try {
    return langOfLocale(getLocale(input.requestEnvelope));
  } catch {
    return 'en';
  }
}

function customerKey(input: HandlerInput): string {
  return alexaCustomerKey(getUserId(input.requestEnvelope));
}

/** Ids for logs: never the raw Alexa user id. */
function ids(input: HandlerInput): Record<string, string | undefined> {
  return {
    requestId: input.requestEnvelope.request.requestId,
    sessionId: input.requestEnvelope.session?.sessionId,
    customerKey: customerKey(input),
  };
}
