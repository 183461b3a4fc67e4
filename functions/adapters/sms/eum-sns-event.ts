/**
 * Inbound SMS from AWS End User Messaging: each two-way message arrives as an SNS notification
 * whose Message is a JSON payload (originationNumber, destinationNumber, messageBody,
 * inboundMessageId, …). Parses every record; a record that is not such a payload is reported,
 * not thrown, so one bad record does not drop the others in the batch.
 */
import type { SNSEvent } from 'aws-lambda';
import { ValidationError } from '#core/errors.ts';

export interface EumInboundSms {
  /** The customer's number, E.164. */
  originationNumber: string;
  /** Our number, E.164. */
  destinationNumber: string;
  messageBody: string;
  /** Unique id of the inbound message: the idempotency key. */
  inboundMessageId: string;
  messageKeyword?: string;
  previousPublishedMessageId?: string;
}

export interface ParsedEumEvent {
  messages: EumInboundSms[];
  /** Records that could not be read, with the reason (no message text or number in it). */
  rejected: { index: number; snsMessageId?: string; error: ValidationError }[];
}

/**
 * @example const { messages } = parseEumSnsEvent(event); // one per SNS record
 */
export function parseEumSnsEvent(event: SNSEvent): ParsedEumEvent {
  if (!event || !Array.isArray(event.Records)) {
    throw new ValidationError('not an SNS event: Records is missing');
  }
  const parsed: ParsedEumEvent = { messages: [], rejected: [] };
  event.Records.forEach((record, index) => {
    try {
      parsed.messages.push(parseEumMessage(record?.Sns?.Message));
    } catch (error) {
      const e = error instanceof ValidationError ? error : new ValidationError(String(error));
      parsed.rejected.push({ index, snsMessageId: record?.Sns?.MessageId, error: e });
    }
  });
  return parsed;
}

/** One SNS Message string → the inbound SMS it carries. Throws ValidationError. */
export function parseEumMessage(message: unknown): EumInboundSms {
  if (typeof message !== 'string') throw new ValidationError('SNS record has no Message');
  let payload: unknown;
  try {
    payload = JSON.parse(message);
  } catch (cause) {
    throw new ValidationError('SNS Message is not JSON', {}, { cause });
  }
  if (typeof payload !== 'object' || payload === null) {
    throw new ValidationError('SNS Message is not an object');
  }
  const p = payload as Record<string, unknown>;
  const field = (name: string, required: boolean): string | undefined => {
    const value = p[name];
    if (typeof value === 'string' && (value !== '' || name === 'messageBody')) return value;
    if (value === undefined && !required) return undefined;
    throw new ValidationError(`inbound SMS payload: ${name} is missing or not a string`);
  };
  const originationNumber = field('originationNumber', true) ?? '';
  if (!/^\+[1-9]\d{6,14}$/.test(originationNumber)) {
    throw new ValidationError('inbound SMS payload: originationNumber is not E.164');
  }
  return {
    originationNumber,
    destinationNumber: field('destinationNumber', true) ?? '',
    messageBody: field('messageBody', true) ?? '',
    inboundMessageId: field('inboundMessageId', true) ?? '',
    messageKeyword: field('messageKeyword', false),
    previousPublishedMessageId: field('previousPublishedMessageId', false),
  };
}
