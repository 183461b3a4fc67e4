/**
 * What the conversation core answers to one inbound message, before any channel shapes it.
 * Renderers (functions/core/render/) turn a Reply into web JSON, SMS text or SSML.
 */
import type { CustomerContact, Turn } from '../ports.ts';
import type { HandOffPromise } from '../support/handoff-promise.ts';
import type { Candidate, Channel, Decision, EscalateReason, Lang } from '../types.ts';

/** A customer's message as every channel adapter hands it to the core. */
export interface InboundMessage {
  /** Channel session key (web: client session id; SMS: hash of the phone number; Alexa: user). */
  sessionId: string;
  /** Idempotency key: web messageId, Twilio MessageSid, Alexa request id. */
  messageId: string;
  channel: Channel;
  text: string;
  /** Language hint (web UI language, Alexa locale); otherwise detected from the script. */
  lang?: Lang;
  /** How to reach the customer if this becomes a ticket. */
  contact?: CustomerContact;
  /** Key under which staff replies wait for this customer (defaults to sessionId). */
  customerKey?: string;
  /** A clarification option picked directly (web button, Alexa), by article id. */
  choice?: string;
  /**
   * The page the web widget is on (path only, see core/analytics/turn-session.ts `startPageOf`):
   * kept on a session's first turn as where the chat started.
   */
  startPage?: string;
}

/**
 * `decision` (the full retrieval decision, for explanations) is present when the reply was just
 * decided and absent when it was replayed from the session log for a retried delivery.
 */
export type Reply =
  | { kind: 'answer'; lang: Lang; article: Candidate; decision?: Decision }
  | { kind: 'clarify'; lang: Lang; options: Candidate[]; decision?: Decision }
  | {
      kind: 'escalate';
      lang: Lang;
      reason: EscalateReason;
      /** The ticket reference, or undefined when the ticket could not be written. */
      ticketRef?: string;
      ticketFailed: boolean;
      /** The support queue the ticket went to (support.json). */
      queue?: string;
      /**
       * When a person will reply, as the customer is told (core/support/handoff-promise.ts);
       * absent on replies stored before promises existed.
       */
      promise?: HandOffPromise;
      decision?: Decision;
    }
  | { kind: 'smalltalk'; lang: Lang; intent: 'greeting' | 'thanks' | 'goodbye' }
  | { kind: 'empty'; lang: Lang };

/** The reply plus what was logged. `duplicate` is true for a retried delivery. */
export interface HandledMessage {
  reply: Reply;
  turn: Turn;
  duplicate: boolean;
  /** False when the session log write failed (the reply is still served; the failure is reported). */
  logged: boolean;
}
