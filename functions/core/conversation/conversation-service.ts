/**
 * The conversation core: one inbound message in, one Reply out, logged exactly once.
 *
 * Steps for a message:
 *  1. A retried delivery (same session + message id already logged) gets the stored reply.
 *  2. A pick from the last "did you mean" list answers with that option.
 *  3. Nothing searchable → ask for a question; hand-off phrases → ticket; small talk → reply.
 *  4. Otherwise the knowledge index decides: answer / clarify / escalate. A third close call in a
 *     row (the clarification failed twice) escalates.
 *  5. Escalation opens a ticket, idempotent on the message, so concurrent retries open one.
 *  6. The turn is written with a conditional put; if another delivery won the race, its reply is
 *     returned. If the store is down, the customer still gets the answer and the turn waits in
 *     a retry queue (reported in the log), never silently dropped.
 */
import type {
  Clock,
  IntentRecognizer,
  KnowledgeSource,
  Logger,
  SessionLog,
  TicketStore,
  Turn,
  TurnOutcome,
} from '../ports.ts';
import type { Candidate, Decision, DecisionThresholds, Lang } from '../types.ts';
import type { KnowledgeIndex } from '../retrieval/knowledge-index.ts';
import { detectLang } from '../retrieval/detect-lang.ts';
import { newTicket } from '../tickets/new-ticket.ts';
import { redactPii } from '../tickets/redact.ts';
import { ValidationError } from '../errors.ts';
import { replyText } from '../render/reply-text.ts';
import type { Conversation, StaffReplyNotice } from './conversation.ts';
import type { HandledMessage, InboundMessage, Reply } from './reply.ts';
import { interpretChoice } from './choose-option.ts';
import { hasSearchableText, MAX_MESSAGE_CHARS, MAX_QUESTION_CHARS } from './text-checks.ts';
import type { StaffReplies } from '../tickets/ticket-service.ts';

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
}

/** How many earlier turns the core reads for context (clarifications, transcript). */
const HISTORY_TURNS = 8;
/** Close calls in a row after which the bot stops asking and hands over. */
const MAX_CLARIFICATIONS = 2;
const MAX_ID_CHARS = 200;

export class ConversationService implements Conversation {
  /** Turns whose write failed; retried by `flushUnsavedTurns` and before every new write. */
  private readonly unsaved = new Map<string, Turn>();

  constructor(private readonly deps: ConversationDeps) {}

  async handle(message: InboundMessage): Promise<HandledMessage> {
    validateMessage(message);
    const { sessionLog } = this.deps;
    const stored = await this.readOrNothing(() =>
      sessionLog.getTurn(message.sessionId, message.messageId),
    );
    if (stored) return { reply: replyOfTurn(stored), turn: stored, duplicate: true, logged: true };

    const history =
      (await this.readOrNothing(() =>
        sessionLog.listTurns(message.sessionId, { limit: HISTORY_TURNS }),
      )) ?? [];
    const lang = detectLang(message.text) ?? message.lang ?? history.at(-1)?.lang ?? 'en';
    const reply = await this.decideReply(message, lang, history);
    return this.record(this.turnFor(message, lang, reply));
  }

  takeStaffReplies(customerKey: string): Promise<StaffReplyNotice[]> {
    return this.deps.staffReplies.takePending(customerKey);
  }

  /** Retries turn writes that failed while the store was down. Returns how many are still unsaved. */
  async flushUnsavedTurns(): Promise<number> {
    for (const [key, turn] of [...this.unsaved]) {
      try {
        await this.deps.sessionLog.recordTurn(turn);
        this.unsaved.delete(key);
        this.deps.logger.info('turn_write_recovered', {
          sessionId: turn.sessionId,
          messageId: turn.messageId,
        });
      } catch {
        break; // still down: keep the rest queued, in order
      }
    }
    return this.unsaved.size;
  }

  get unsavedTurns(): number {
    return this.unsaved.size;
  }

  private async decideReply(message: InboundMessage, lang: Lang, history: Turn[]): Promise<Reply> {
    const text = message.text.slice(0, MAX_QUESTION_CHARS);
    const picked = pickedOption(message, text, history.at(-1));
    if (picked)
      return { kind: 'answer', lang, article: picked, decision: chosenDecision(picked, lang) };
    if (!hasSearchableText(text)) return { kind: 'empty', lang };

    const intent = await this.recognizeIntent(text, lang, message.sessionId);
    if (intent !== 'question' && intent !== 'ask-for-human')
      return { kind: 'smalltalk', lang, intent };

    const index = await this.deps.knowledge.current();
    const decision = index.decide({ text, lang }, this.deps.thresholds);
    // A hand-off still carries the closest articles ("a person, about my refund"), for the staff.
    if (intent === 'ask-for-human')
      return this.escalate(message, lang, history, 'asked-for-human', decision);
    const clarificationsInARow = countTrailing(history, 'clarify');
    if (decision.kind !== 'answer' && clarificationsInARow >= MAX_CLARIFICATIONS) {
      return this.escalate(message, lang, history, 'clarify-failed', decision);
    }
    switch (decision.kind) {
      case 'answer':
        return { kind: 'answer', lang, article: decision.answer, decision };
      case 'clarify':
        return { kind: 'clarify', lang, options: decision.options, decision };
      case 'escalate':
        return this.escalate(message, lang, history, decision.reason, decision);
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

  private async escalate(
    message: InboundMessage,
    lang: Lang,
    history: Turn[],
    reason: Extract<Reply, { kind: 'escalate' }>['reason'],
    decision?: Decision,
  ): Promise<Reply> {
    const now = this.deps.clock.now();
    const ticket = newTicket(
      {
        sourceKey: `${message.channel}:${message.sessionId}:${message.messageId}`,
        question: message.text.slice(0, MAX_QUESTION_CHARS),
        lang,
        channel: message.channel,
        sessionId: message.sessionId,
        customerKey: message.customerKey ?? message.sessionId,
        reason,
        transcript: [
          ...history.flatMap((turn) => [
            { at: turn.at, from: 'customer' as const, text: turn.text },
            { at: turn.at, from: 'bot' as const, text: turn.reply },
          ]),
          {
            at: now.toISOString(),
            from: 'customer' as const,
            text: message.text.slice(0, MAX_QUESTION_CHARS),
          },
        ],
        candidates: (decision?.candidates ?? []).map((c) => ({
          articleId: c.articleId,
          title: c.title,
          confidence: c.confidence,
        })),
        contact: message.contact ?? {},
      },
      now,
    );
    try {
      const { ticket: stored } = await this.deps.tickets.create(ticket);
      return {
        kind: 'escalate',
        lang,
        reason,
        ticketRef: stored.ref,
        ticketFailed: false,
        decision,
      };
    } catch (error) {
      // The customer is told honestly; the log line has what staff need to recreate the ticket.
      this.deps.logger.error('ticket_write_failed', {
        sessionId: message.sessionId,
        messageId: message.messageId,
        channel: message.channel,
        lang,
        reason,
        question: redactPii(ticket.question),
        candidates: ticket.candidates,
        error: String(error),
      });
      return { kind: 'escalate', lang, reason, ticketFailed: true, decision };
    }
  }

  private turnFor(message: InboundMessage, lang: Lang, reply: Reply): Turn {
    const now = this.deps.clock.now();
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
    if (this.unsaved.size > 0) await this.flushUnsavedTurns();
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
      this.unsaved.set(`${turn.sessionId}\u0000${turn.messageId}`, turn);
      this.deps.logger.error('turn_write_failed', {
        sessionId: turn.sessionId,
        messageId: turn.messageId,
        outcome: turn.outcome,
        queued: this.unsaved.size,
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
  if (typeof message.text !== 'string')
    throw new ValidationError('text must be a string', { field: 'text' });
  if (message.text.length > MAX_MESSAGE_CHARS) {
    throw new ValidationError(`text is longer than ${MAX_MESSAGE_CHARS} characters`, {
      field: 'text',
    });
  }
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

function countTrailing(history: Turn[], outcome: TurnOutcome): number {
  let n = 0;
  for (let i = history.length - 1; i >= 0 && history[i]?.outcome === outcome; i--) n++;
  return n;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
