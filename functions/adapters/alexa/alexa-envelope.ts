/**
 * Checks that a request body is an Alexa request envelope the skill can handle, before ask-sdk
 * sees it: ask-sdk reads `context.System.application`, `context.System.user`, `session.*` and
 * `request.intent` without checking them, so a malformed (even correctly signed) envelope would
 * crash a handler and answer 500. A malformed one is a `ValidationError` (400) saying what is
 * wrong. Only the fields Mujib's handlers read are checked; unknown fields pass through.
 */
import type { RequestEnvelope } from 'ask-sdk-model';
import { ValidationError } from '#core/errors.ts';

type Json = Record<string, unknown>;

/**
 * The envelope in `body`, or a ValidationError naming the first problem.
 *
 * @example const envelope = parseAlexaEnvelope(request.body);
 */
export function parseAlexaEnvelope(body: string): RequestEnvelope {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (cause) {
    throw new ValidationError('Alexa request body is not JSON', {}, { cause });
  }
  checkAlexaEnvelope(parsed);
  return parsed;
}

/** Throws a ValidationError unless `value` is a well-formed Alexa request envelope. */
export function checkAlexaEnvelope(value: unknown): asserts value is RequestEnvelope {
  const envelope = object(value, 'the body');
  text(envelope.version, 'version');
  const request = object(envelope.request, 'request');
  text(request.type, 'request.type');
  text(request.requestId, 'request.requestId');
  const timestamp = text(request.timestamp, 'request.timestamp');
  if (Number.isNaN(Date.parse(timestamp))) bad('request.timestamp is not an ISO-8601 time');
  if (request.locale !== undefined) text(request.locale, 'request.locale');

  const system = object(object(envelope.context, 'context').System, 'context.System');
  text(
    object(system.application, 'context.System.application').applicationId,
    'context.System.application.applicationId',
  );
  text(object(system.user, 'context.System.user').userId, 'context.System.user.userId');

  if (envelope.session !== undefined) {
    const session = object(envelope.session, 'session');
    text(session.sessionId, 'session.sessionId');
    text(
      object(session.application, 'session.application').applicationId,
      'session.application.applicationId',
    );
    text(object(session.user, 'session.user').userId, 'session.user.userId');
    if (session.attributes !== undefined && session.attributes !== null) {
      object(session.attributes, 'session.attributes');
    }
  }

  if (request.type === 'IntentRequest') {
    const intent = object(request.intent, 'request.intent');
    text(intent.name, 'request.intent.name');
    if (intent.slots !== undefined) {
      for (const [name, slot] of Object.entries(object(intent.slots, 'request.intent.slots'))) {
        const s = object(slot, `slot ${name}`);
        if (s.value !== undefined) text(s.value, `slot ${name} value`, true);
        if (s.resolutions !== undefined) checkResolutions(s.resolutions, name);
      }
    }
  }
}

/** Slot resolutions as ask-sdk's handlers read them (ordinal ids). */
function checkResolutions(value: unknown, slot: string): void {
  const authorities = object(value, `slot ${slot} resolutions`).resolutionsPerAuthority;
  if (authorities === undefined) return;
  if (!Array.isArray(authorities)) bad(`slot ${slot} resolutions are not a list`);
  for (const authority of authorities) {
    const a = object(authority, `slot ${slot} resolution`);
    text(object(a.status, `slot ${slot} resolution status`).code, `slot ${slot} resolution code`);
    if (a.values === undefined) continue;
    if (!Array.isArray(a.values)) bad(`slot ${slot} resolution values are not a list`);
    for (const v of a.values) {
      const resolved = object(object(v, `slot ${slot} value`).value, `slot ${slot} value`);
      text(resolved.id, `slot ${slot} value id`, true);
    }
  }
}

function object(value: unknown, what: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    bad(`${what} must be an object`);
  }
  return value as Json;
}

function text(value: unknown, what: string, emptyAllowed = false): string {
  if (typeof value !== 'string' || (!emptyAllowed && value === '')) {
    bad(`${what} must be a non-empty string`);
  }
  return value as string;
}

function bad(message: string): never {
  throw new ValidationError(`malformed Alexa request: ${message}`);
}
