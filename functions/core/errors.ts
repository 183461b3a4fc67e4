/**
 * Typed errors of the core. Each carries context; functions/adapters/http maps them to status
 * codes in one place. Low confidence is an outcome (`escalate`), never an error.
 */
export class MujibError extends Error {
  constructor(
    message: string,
    readonly context: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Bad input from a client: maps to 400. */
export class ValidationError extends MujibError {}

/** A thing asked for does not exist: maps to 404. */
export class NotFoundError extends MujibError {}

/** A ticket action not allowed in the ticket's current state: maps to 409. */
export class TicketStateConflictError extends MujibError {
  constructor(
    readonly ref: string,
    readonly currentStatus: string,
    readonly action: string,
  ) {
    super(`ticket ${ref} is ${currentStatus}: cannot ${action}`, { ref, currentStatus, action });
  }
}

/** Someone else changed the ticket first (conditional write failed): maps to 409. */
export class TicketVersionConflictError extends MujibError {}

/**
 * An inbound message id already used for a different message (another text) in the same
 * session: maps to 409. A retried delivery carries the same text and gets the stored reply.
 */
export class MessageConflictError extends MujibError {}

/** A paging cursor the store did not issue: maps to 400. */
export class InvalidCursorError extends MujibError {}

/** The store (DynamoDB) could not be reached or refused the write: maps to 503. */
export class StoreUnavailableError extends MujibError {}

/** A forged or missing request signature (Twilio, Alexa): maps to 403. */
export class InvalidSignatureError extends MujibError {}

/** Artifact or article problems found while building/loading the knowledge index. */
export class KnowledgeError extends MujibError {}
