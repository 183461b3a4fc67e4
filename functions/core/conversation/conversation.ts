/**
 * The conversation core as channel adapters see it: hand it an inbound message, get a Reply;
 * collect staff replies waiting for a customer. Implemented by conversation-service.ts; channel
 * adapters (web, SMS, Alexa) depend only on this interface.
 */
import type { Feedback } from '../ports.ts';
import type { Channel, Lang } from '../types.ts';
import type { HandledMessage, InboundMessage } from './reply.ts';

/** A staff reply waiting to reach the customer. */
export interface StaffReplyNotice {
  ticketRef: string;
  lang: Lang;
  channel: Channel;
  text: string;
  at: string;
}

export interface Conversation {
  /** Decides and logs one inbound message, exactly once per (sessionId, messageId). */
  handle(message: InboundMessage): Promise<HandledMessage>;
  /**
   * Staff replies waiting for this customer, marked delivered as they are returned
   * (web chat polls this; Alexa calls it at launch).
   */
  takeStaffReplies(customerKey: string): Promise<StaffReplyNotice[]>;
}

/** Thumbs up/down on a reply (web chat). */
export interface FeedbackDesk {
  /** Records the feedback on the turn (one write). Throws `NotFoundError` for an unknown turn. */
  giveFeedback(sessionId: string, messageId: string, feedback: Feedback): Promise<void>;
}
