/**
 * The conversation core: one inbound message in, one Reply out, logged exactly once.
 *
 * Store traffic of an answered turn: ONE read (the session's recent turns, one query) and ONE
 * conditional write (the turn). Analytics are events (`turn-recorded`, `feedback-given`) sent
 * to the AnalyticsEvents port, never store writes on the customer's path.
 *
 * Steps for a message:
 *  1. The recent turns are read once: they are the history, and a retried delivery (same session
 *     + message id) found among them gets the stored reply; the same message id with a different
 *     text is a conflict (`MessageConflictError`, 409). A retry older than that window is caught
 *     by the conditional write in step 6, which returns the stored turn instead.
 *  2. A pick from the last "did you mean" list answers with that option.
 *  3. Nothing searchable → ask for a question; hand-off phrases → ticket; small talk → reply.
 *  4. Otherwise the knowledge index decides: answer / clarify / escalate. A third close call in a
 *     row (the clarification failed twice) escalates.
 *  5. Escalation plans the conversation's ticket (the one in progress, or a new one; see
 *     tickets/hand-off.ts), so its reference is known before anything is written. A new ticket
 *     is routed to a support queue by language and the tags of the articles the conversation
 *     touched, and the customer is told when a person will reply (core/support: the queue's
 *     hours and who is on shift; one presence read, on hand-offs only). It also keeps the page a
 *     web chat started on (carried on every turn's session from the first).
 *  6. The turn is written with a conditional put; it claims the message id. If another delivery
 *     won the race, its reply is returned (or a conflict, for another text). Only then is the
 *     ticket opened or added to, so no delivery can leave a ticket the customer was not told about.
 *     If the store is down, the customer still gets the answer (`logged: false`, reported in the
 *     log); the session log it was given queues the turn durably and writes it later (the
 *     TurnQueue port; app/create-app.ts wires adapters/turn-queue/queueing-session-log.ts).
 */
import type { AnalyticsEvents } from '../analytics/analytics-events.ts';
import { startPageOf, turnSession } from '../analytics/turn-session.ts';
import type {
  Clock,
  Feedback,
  IntentRecognizer,
  KnowledgeSource,
  Logger,
  SessionLog,
  TicketStore,
  Turn,
  TurnOutcome,
} from '../ports.ts';
import { LANGS } from '../types.ts';
import type { Candidate, Decision, DecisionThresholds, EscalateReason, Lang } from '../types.ts';
import type { KnowledgeIndex } from '../retrieval/knowledge-index.ts';
import { detectLang } from '../retrieval/detect-lang.ts';
import { HandOffDesk, type HandOffPlan, type HandOffRequest } from '../tickets/hand-off.ts';
import { redactPii } from '../tickets/redact.ts';
import {
  channelOfCustomerKey,
  sessionCustomerKey,
  type CustomerKeys,
} from '../tickets/customer-key.ts';
import { MessageConflictError, ValidationError } from '../errors.ts';
import { replyText } from '../render/reply-text.ts';
import type { Conversation, FeedbackDesk, StaffReplyNotice } from './conversation.ts';
import type { HandledMessage, InboundMessage, Reply } from './reply.ts';
import { interpretChoice } from './choose-option.ts';
import { hasSearchableText, MAX_MESSAGE_CHARS, MAX_QUESTION_CHARS } from './text-checks.ts';
import type { StaffReplies } from '../tickets/ticket-service.ts';
import { queueOfTicket } from '../support/route-ticket.ts';
import type { SupportDesk } from '../support/support-desk.ts';

export interface ConversationDeps {
  knowledge: KnowledgeSource<KnowledgeIndex>;
  sessionLog: SessionLog;
  tickets: TicketStore;
  staffReplies: StaffReplies;
  intents: IntentRecognizer;
  clock: Clock;
  logger: Logger;
  thresholds: DecisionThresholds;
  /** Days a turn is kept (DynamoDB TTL). */
  retentionDays: number;
  /** Turns the stored customer key of a ticket (keyed hash) from an adapter's customer key. */
  customerKeys: CustomerKeys;
  /** Where `turn-recorded` and `feedback-given` go (analytics; never awaited). */
  events: AnalyticsEvents;
  /** Support queues, hours and presence (support.json): routing and the hand-off promise. */
  support: SupportDesk;
}

/** A decided reply and, for a hand-off, the ticket it goes to (written once the turn is ours). */
interface Decided {
  reply: Reply;
  handOff?: PlannedHandOff;
  /** The "did you mean" turn this answer was picked from. */
  pickedFrom?: Turn;
}

interface PlannedHandOff {
  request: HandOffRequest;
  plan: HandOffPlan;
}

/** Who hands over and why, and where their web chat started (when known). */
interface HandOffAbout {
  customerKey: string;
  startPage: string | undefined;
  reason: EscalateReason;
}

/**
 * How many earlier turns the core reads for context (clarifications, transcript); the same read
 * finds a retried delivery among them.
 */
const HISTORY_TURNS = 8;
/** Close calls in a row after which the bot stops asking and hands over. */
const MAX_CLARIFICATIONS = 2;
const MAX_ID_CHARS = 200;
/**
 * Articles below this confidence say too little about the topic to route a hand-off by ("a
 * person about my refund": the refund article ranks second, at about 0.07, after "talk to a
 * person"; unrelated runners-up sit at 0.01–0.03).
 */
const ROUTING_MIN_CONFIDENCE = 0.05;

export class ConversationService implements Conversation, FeedbackDesk {
  private readonly desk: HandOffDesk;

  constructor(private readonly deps: ConversationDeps) {
    this.desk = new HandOffDesk(deps.tickets);
  }

  async handle(message: InboundMessage): Promise<HandledMessage> {
    validateMessage(message);
    const customerKey = this.deps.customerKeys.stored(
      message.customerKey ?? sessionCustomerKey(message.channel, message.sessionId),
    );
    const now = this.deps.clock.now();
    const { sessionLog } = this.deps;
    // The one read: recent turns, oldest first. `undefined` when the store could not answer.
    const recent = await this.readOrNothing(() =>
      sessionLog.listTurns(message.sessionId, { limit: HISTORY_TURNS }),
    );
    const stored = recent?.find((turn) => turn.messageId === message.messageId);
    if (stored) return this.replay(message, stored, customerKey);

    const history = recent ?? [];
    const lang = detectLang(message.text) ?? message.lang ?? history.at(-1)?.lang ?? 'en';
    // For the analytics, from the same read: the session's start (conversation duration) and,
    // on a session's first turn, the page the web widget was on (core/analytics/turn-session.ts);
    // the session carries that page forward, so a hand-off however late can name it.
    const session = turnSession(now.toISOString(), lang, recent, startPageOf(message.startPage));
    const startedOn = session?.startPage;
    const decided = await this.decideReply(message, lang, history, customerKey, startedOn, now);
    const turn = this.turnFor(message, lang, decided.reply, now);
    if (decided.pickedFrom) {
      turn.picked = { messageId: decided.pickedFrom.messageId, question: decided.pickedFrom.text };
    }
    // Known only from a history that was read and found empty (unknown when the read failed).
    if (recent?.length === 0) turn.firstOfSession = true;
    if (session) turn.session = session;
    if (turn.firstOfSession && startedOn) turn.startPage = startedOn;
    // The turn first: it claims the message id, so only the delivery that owns it writes a ticket.
    const handled = await this.record(turn);
    if (handled.duplicate) {
      return this.replay(message, handled.turn, customerKey, decided.handOff);
    }
    if (!decided.handOff) return handled;
    return this.completeHandOff(handled, decided.handOff, now);
  }

  /**
   * Thumbs up/down on a turn: one write (which returns the value it replaced), then the
   * `feedback-given` event when the value changed.
   */
  async giveFeedback(sessionId: string, messageId: string, feedback: Feedback): Promise<void> {
    const change = await this.deps.sessionLog.setFeedback(sessionId, messageId, feedback);
    if (change.previous === feedback) return;
    this.deps.events.emit({
      type: 'feedback-given',
      turn: change.turn,
      feedback,
      ...(change.previous ? { previous: change.previous } : {}),
    });
  }

  /**
   * Staff replies waiting for the customer an adapter names `customerKey` (`<channel>:<id>`):
   * only that channel's tickets, found by the keyed hash of the name.
   */
  takeStaffReplies(customerKey: string): Promise<StaffReplyNotice[]> {
    const channel = channelOfCustomerKey(customerKey);
    return this.deps.staffReplies.takePending(channel, this.deps.customerKeys.stored(customerKey));
  }

  private async decideReply(
    message: InboundMessage,
    lang: Lang,
    history: Turn[],
    customerKey: string,
    startPage: string | undefined,
    now: Date,
  ): Promise<Decided> {
    const text = message.text.slice(0, MAX_QUESTION_CHARS);
    const picked = pickedOption(message, text, history.at(-1));
    if (picked) {
      return {
        reply: { kind: 'answer', lang, article: picked, decision: chosenDecision(picked, lang) },
        pickedFrom: history.at(-1)!,
      };
    }
    if (!hasSearchableText(text)) return { reply: { kind: 'empty', lang } };

    const intent = await this.recognizeIntent(text, lang, message.sessionId);
    if (intent !== 'question' && intent !== 'ask-for-human')
      return { reply: { kind: 'smalltalk', lang, intent } };

    const index = await this.deps.knowledge.current();
    const decision = index.decide({ text, lang }, this.deps.thresholds);
    // Arabizi is Arabic in Latin letters, "ابي refund" is framed in Arabic: the index says which
    // language the customer wrote in, and the reply is in it.
    const replyLang = decision.explanation.replyLang ?? lang;
    const escalate = (reason: EscalateReason) =>
      this.escalate(
        this.handOffRequest(
          message,
          replyLang,
          history,
          { customerKey, startPage, reason },
          now,
          decision,
        ),
        decision,
        topicsOf(index, decision, history),
        now,
      );
    // A hand-off still carries the closest articles ("a person, about my refund"), for the staff.
    if (intent === 'ask-for-human') return escalate('asked-for-human');
    const clarificationsInARow = countTrailing(history, 'clarify');
    if (decision.kind !== 'answer' && clarificationsInARow >= MAX_CLARIFICATIONS) {
      return escalate('clarify-failed');
    }
    switch (decision.kind) {
      case 'answer':
        return { reply: { kind: 'answer', lang: replyLang, article: decision.answer, decision } };
      case 'clarify':
        return {
          reply: { kind: 'clarify', lang: replyLang, options: decision.options, decision },
        };
      case 'escalate':
        return escalate(decision.reason);
    }
  }

  private async recognizeIntent(text: string, lang: Lang, sessionId: string) {
    try {
      return (await this.deps.intents.recognize(text, lang, sessionId)).intent;
    } catch (error) {
      this.deps.logger.warn('intent_recognizer_failed', { sessionId, error: String(error) });
      return 'question' as const;
    }
  }

  /**
   * What a hand-off tells the ticket: the conversation so far, this message, the closest articles
   * and, for a new ticket, the page the web chat started on.
   */
  private handOffRequest(
    message: InboundMessage,
    lang: Lang,
    history: Turn[],
    { customerKey, startPage, reason }: HandOffAbout,
    now: Date,
    decision?: Decision,
  ): HandOffRequest {
    const question = message.text.slice(0, MAX_QUESTION_CHARS);
    return {
      messageId: message.messageId,
      question,
      lang,
      channel: message.channel,
      sessionId: message.sessionId,
      customerKey,
      reason,
      transcript: [
        ...history.flatMap((turn) => [
          { at: turn.at, from: 'customer' as const, text: turn.text },
          { at: turn.at, from: 'bot' as const, text: turn.reply },
        ]),
        { at: now.toISOString(), from: 'customer' as const, text: question },
      ],
      candidates: (decision?.candidates ?? []).map((c) => ({
        articleId: c.articleId,
        title: c.title,
        confidence: c.confidence,
      })),
      contact: message.contact ?? {},
      ...(startPage ? { startPage } : {}),
    };
  }

  /**
   * Plans the hand-off: the reply names the ticket it will go to, its queue (a ticket in
   * progress keeps its own) and when a person will reply; nothing is written yet.
   */
  private async escalate(
    planned: HandOffRequest,
    decision: Decision | undefined,
    topics: string[][],
    now: Date,
  ): Promise<Decided> {
    const { lang } = planned;
    const reason = planned.reason as EscalateReason;
    const { support } = this.deps;
    try {
      const plan = await this.desk.plan(planned);
      const queue = plan.existing
        ? queueOfTicket(support.config, plan.existing)
        : support.route({ lang, topics }).queue;
      const promise = await support.promise(queue, lang, now);
      const request: HandOffRequest = {
        ...planned,
        queue: queue.id,
        ...(promise ? { promise } : {}),
      };
      return {
        reply: {
          kind: 'escalate',
          lang,
          reason,
          ticketRef: plan.ref,
          ticketFailed: false,
          queue: queue.id,
          ...(promise ? { promise } : {}),
          decision,
        },
        handOff: { request, plan },
      };
    } catch (error) {
      this.ticketWriteFailed(planned, error);
      return { reply: { kind: 'escalate', lang, reason, ticketFailed: true, decision } };
    }
  }

  /** Writes the planned ticket for a turn that is ours; the customer hears how that went. */
  private async completeHandOff(
    handled: HandledMessage,
    { request, plan }: PlannedHandOff,
    now: Date,
  ): Promise<HandledMessage> {
    if (handled.reply.kind !== 'escalate') return handled;
    try {
      const ticket = await this.desk.handOff(request, plan, now);
      if (ticket.ref !== plan.ref) {
        this.deps.logger.warn('ticket_ref_moved', { planned: plan.ref, ref: ticket.ref });
      }
      return {
        ...handled,
        reply: { ...handled.reply, ticketRef: ticket.ref, ticketFailed: false },
      };
    } catch (error) {
      this.ticketWriteFailed(request, error);
      return { ...handled, reply: withoutTicket(handled.reply) };
    }
  }

  /**
   * A message already handled: the same text gets the stored reply (after making sure the ticket
   * it names was written), another text is a conflict.
   */
  private async replay(
    message: InboundMessage,
    turn: Turn,
    customerKey: string,
    handOff?: PlannedHandOff,
  ): Promise<HandledMessage> {
    if (turn.text !== redactPii(message.text)) {
      throw new MessageConflictError(
        `messageId ${message.messageId} was already used for a different message; send a new messageId`,
        { sessionId: message.sessionId, messageId: message.messageId },
      );
    }
    const reply = replyOfTurn(turn);
    const handled: HandledMessage = { reply, turn, duplicate: true, logged: true };
    if (reply.kind !== 'escalate' || !reply.ticketRef) return handled;
    if (await this.ticketHolds(reply.ticketRef, message.messageId)) return handled;
    // The first delivery did not finish writing the ticket: finish it (idempotent) before answering.
    const request = handOff?.request ?? {
      ...this.handOffRequest(
        message,
        turn.lang,
        [],
        // The page the stored turn's session started on (the turn keeps its session).
        { customerKey, startPage: turn.session?.startPage, reason: reply.reason },
        new Date(turn.at),
      ),
      // The queue and promise the customer was given when the turn was first handled.
      ...(reply.queue ? { queue: reply.queue } : {}),
      ...(reply.promise ? { promise: reply.promise } : {}),
    };
    try {
      const plan = handOff?.plan ?? (await this.desk.plan(request));
      const ticket = await this.desk.handOff(request, plan, this.deps.clock.now());
      return { ...handled, reply: { ...reply, ticketRef: ticket.ref, ticketFailed: false } };
    } catch (error) {
      this.ticketWriteFailed(request, error);
      return { ...handled, reply: withoutTicket(reply) };
    }
  }

  /** True when ticket `ref` holds message `messageId`, or cannot be read right now (assume so). */
  private async ticketHolds(ref: string, messageId: string): Promise<boolean> {
    try {
      const ticket = await this.deps.tickets.get(ref);
      return !!ticket && (ticket.messageIds === undefined || ticket.messageIds.includes(messageId));
    } catch {
      return true;
    }
  }

  private ticketWriteFailed(request: HandOffRequest, error: unknown): void {
    // The customer is told honestly; the log line has what staff need to recreate the ticket.
    this.deps.logger.error('ticket_write_failed', {
      sessionId: request.sessionId,
      messageId: request.messageId,
      channel: request.channel,
      lang: request.lang,
      reason: request.reason,
      queue: request.queue,
      question: redactPii(request.question),
      candidates: request.candidates,
      error: String(error),
    });
  }

  private turnFor(message: InboundMessage, lang: Lang, reply: Reply, now: Date): Turn {
    const top =
      reply.kind === 'answer'
        ? reply.article
        : reply.kind === 'clarify'
          ? reply.options[0]
          : undefined;
    const turn: Turn = {
      sessionId: message.sessionId,
      messageId: message.messageId,
      at: now.toISOString(),
      channel: message.channel,
      lang,
      text: redactPii(message.text),
      outcome: reply.kind as TurnOutcome,
      reply: replyText(reply),
      expiresAt: Math.floor(now.getTime() / 1000) + this.deps.retentionDays * 86_400,
      payload: JSON.stringify({ ...reply, decision: undefined }),
    };
    if (top) {
      turn.articleId = top.articleId;
      turn.confidence = round(top.confidence);
    } else if (reply.kind === 'escalate' && reply.decision) {
      turn.confidence = round(reply.decision.confidence);
      if (reply.decision.candidates[0]) turn.articleId = reply.decision.candidates[0].articleId;
    }
    if (reply.kind === 'clarify') {
      turn.options = reply.options.map((o) => ({ articleId: o.articleId, title: o.title }));
    }
    if (reply.kind === 'escalate' && reply.ticketRef) turn.ticketRef = reply.ticketRef;
    return turn;
  }

  private async record(turn: Turn): Promise<HandledMessage> {
    const reply = replyOfTurn(turn);
    try {
      const result = await this.deps.sessionLog.recordTurn(turn);
      if (!result.created) {
        return {
          reply: replyOfTurn(result.turn),
          turn: result.turn,
          duplicate: true,
          logged: true,
        };
      }
      this.deps.events.emit({ type: 'turn-recorded', turn: result.turn });
      this.deps.logger.info('turn', {
        sessionId: turn.sessionId,
        messageId: turn.messageId,
        channel: turn.channel,
        lang: turn.lang,
        outcome: turn.outcome,
        articleId: turn.articleId,
        confidence: turn.confidence,
        ticketRef: turn.ticketRef,
      });
      return { reply, turn, duplicate: false, logged: true };
    } catch (error) {
      this.deps.logger.error('turn_write_failed', {
        sessionId: turn.sessionId,
        messageId: turn.messageId,
        outcome: turn.outcome,
        error: String(error),
      });
      return { reply, turn, duplicate: false, logged: false };
    }
  }

  /** Reads that only add context: when the store is down the customer is still answered. */
  private async readOrNothing<T>(read: () => Promise<T>): Promise<T | undefined> {
    try {
      return await read();
    } catch (error) {
      this.deps.logger.warn('session_read_failed', { error: String(error) });
      return undefined;
    }
  }
}

function validateMessage(message: InboundMessage): void {
  for (const field of ['sessionId', 'messageId'] as const) {
    const value = message[field];
    if (typeof value !== 'string' || value.trim() === '' || value.length > MAX_ID_CHARS) {
      throw new ValidationError(
        `${field} must be a non-empty string of at most ${MAX_ID_CHARS} characters`,
        { field },
      );
    }
  }
  if (message.customerKey !== undefined) {
    const channel = channelOfCustomerKey(message.customerKey);
    if (channel !== message.channel) {
      throw new ValidationError(`customerKey must be in the ${message.channel} namespace`, {
        field: 'customerKey',
      });
    }
  }
  if (typeof message.text !== 'string')
    throw new ValidationError('text must be a string', { field: 'text' });
  if (message.text.length > MAX_MESSAGE_CHARS) {
    throw new ValidationError(`text is longer than ${MAX_MESSAGE_CHARS} characters`, {
      field: 'text',
    });
  }
}

/** An escalation reply whose ticket could not be written. */
function withoutTicket(reply: Extract<Reply, { kind: 'escalate' }>): Reply {
  const { ticketRef: _dropped, ...rest } = reply;
  return { ...rest, ticketFailed: true };
}

/** The reply a stored turn carried (for retried deliveries). */
function replyOfTurn(turn: Turn): Reply {
  if (turn.payload) {
    try {
      return JSON.parse(turn.payload) as Reply;
    } catch {
      // fall through: an unreadable payload still gets a sensible reply below
    }
  }
  return { kind: 'empty', lang: turn.lang };
}

/** The option picked from the previous turn's "did you mean" list, if this message picks one. */
function pickedOption(
  message: InboundMessage,
  text: string,
  last: Turn | undefined,
): Candidate | undefined {
  if (last?.outcome !== 'clarify') return undefined;
  const previous = replyOfTurn(last);
  if (previous.kind !== 'clarify') return undefined;
  const articleId = message.choice ?? interpretChoice(text, previous.options);
  return previous.options.find((o) => o.articleId === articleId);
}

function chosenDecision(article: Candidate, lang: Lang): Decision {
  return {
    kind: 'answer',
    answer: article,
    confidence: article.confidence,
    candidates: [article],
    explanation: {
      lang,
      langSource: 'hint',
      queryTerms: [],
      matchedTerms: [],
      fields: [],
      margin: 0,
      notes: ['picked from a clarification'],
    },
  };
}

/**
 * What the conversation is about, for routing: the tags of the question's candidates in rank
 * order (the top one first), then of the articles earlier turns answered with or offered (latest
 * first), each only when confident enough to say something about the topic.
 */
function topicsOf(index: KnowledgeIndex, decision: Decision, history: Turn[]): string[][] {
  const topics: string[][] = [];
  for (const candidate of decision.candidates) {
    if (candidate.confidence < ROUTING_MIN_CONFIDENCE) continue;
    topics.push(index.article(candidate.lang, candidate.articleId)?.tags ?? []);
  }
  for (let i = history.length - 1; i >= 0; i--) {
    const turn = history[i]!;
    if (!turn.articleId || (turn.confidence ?? 0) < ROUTING_MIN_CONFIDENCE) continue;
    const record = index.article(turn.lang, turn.articleId) ?? otherLanguage(index, turn);
    topics.push(record?.tags ?? []);
  }
  return topics.filter((tags) => tags.length > 0);
}

/** The article of a turn answered in another language (the customer's has no such article). */
function otherLanguage(index: KnowledgeIndex, turn: Turn) {
  for (const lang of LANGS) {
    const record = lang === turn.lang ? undefined : index.article(lang, turn.articleId ?? '');
    if (record) return record;
  }
  return undefined;
}

function countTrailing(history: Turn[], outcome: TurnOutcome): number {
  let n = 0;
  for (let i = history.length - 1; i >= 0 && history[i]?.outcome === outcome; i--) n++;
  return n;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
