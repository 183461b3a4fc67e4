/**
 * Web chat API: ask, give feedback, leave an email on a ticket, poll for staff replies.
 *   POST /api/chat            { text, lang?, sessionId?, messageId?, choice?, page? } → { sessionId, messageId, reply }
 *                             (`page`: the widget's location.pathname, kept as where a chat started)
 *   POST /api/chat/feedback   { sessionId, messageId, value: 'up' | 'down' }
 *   POST /api/chat/contact    { sessionId, ticketRef, email }
 *   GET  /api/chat/:sessionId/updates → { replies: [...], csat: [{ ticketRef, lang }] }
 *        (staff replies to this web session only, and its closed tickets to rate, each once)
 *   POST /api/chat/tickets/:ref/csat { sessionId, rating: 1–5 } → { ticketRef, csat }
 *        (only the session that opened the ticket; 404 otherwise, as for contact; 409 when the
 *        ticket is not closed or already rated; 400 for a bad rating)
 */
import { MAX_START_PAGE_CHARS, startPageOf } from '#core/analytics/turn-session.ts';
import type { Conversation, FeedbackDesk } from '#core/conversation/conversation.ts';
import { MAX_MESSAGE_CHARS } from '#core/conversation/text-checks.ts';
import type { Ids } from '#core/ports.ts';
import type { CsatService } from '#core/tickets/csat-service.ts';
import { renderWebReply } from '#core/render/web.ts';
import { sessionCustomerKey } from '#core/tickets/customer-key.ts';
import type { TicketService } from '#core/tickets/ticket-service.ts';
import { LANGS, type Lang } from '#core/types.ts';
import { HttpError, json, jsonBody, optionalString, requiredString } from './http-types.ts';
import type { Router } from './router.ts';

export interface ChatRouteDeps {
  conversation: Conversation;
  /** Thumbs up/down: the conversation core records them and emits the analytics event. */
  feedback: FeedbackDesk;
  tickets: TicketService;
  ids: Ids;
  /** The satisfaction question: asks on the poll, takes the stars (none: not offered). */
  csat?: Pick<CsatService, 'takeAsks' | 'rate'>;
}

/** Room for a 10 KB question plus the other fields and JSON escaping. */
const MAX_CHAT_BODY = 48 * 1024;
const ID_PATTERN = /^[\w.:-]{1,200}$/;

export function addChatRoutes(router: Router, deps: ChatRouteDeps): Router {
  return router
    .on('POST', '/api/chat', async (request) => {
      const body = jsonBody(request, MAX_CHAT_BODY);
      const text = requiredString(body, 'text', MAX_MESSAGE_CHARS);
      const lang = optionalString(body, 'lang', 5);
      if (lang !== undefined && !LANGS.includes(lang as Lang)) {
        throw new HttpError(400, `lang must be one of ${LANGS.join(', ')}`);
      }
      const sessionId = idField(body, 'sessionId') ?? deps.ids.next();
      const messageId = idField(body, 'messageId') ?? deps.ids.next();
      const choice = idField(body, 'choice');
      const page = pageField(body);
      const handled = await deps.conversation.handle({
        sessionId,
        messageId,
        channel: 'web',
        text,
        ...(lang ? { lang: lang as Lang } : {}),
        ...(choice ? { choice } : {}),
        ...(page ? { startPage: page } : {}),
      });
      return json(200, {
        sessionId,
        messageId,
        duplicate: handled.duplicate,
        logged: handled.logged,
        reply: renderWebReply(handled.reply),
      });
    })
    .on('POST', '/api/chat/feedback', async (request) => {
      const body = jsonBody(request);
      const sessionId = requiredId(body, 'sessionId');
      const messageId = requiredId(body, 'messageId');
      const value = body.value;
      if (value !== 'up' && value !== 'down')
        throw new HttpError(400, "value must be 'up' or 'down'");
      await deps.feedback.giveFeedback(sessionId, messageId, value);
      return json(200, { ok: true });
    })
    .on('POST', '/api/chat/contact', async (request) => {
      const body = jsonBody(request);
      const sessionId = requiredId(body, 'sessionId');
      const ticketRef = requiredId(body, 'ticketRef');
      const email = requiredString(body, 'email', 254);
      await deps.tickets.addContactEmail(ticketRef, sessionId, email);
      return json(200, { ok: true });
    })
    .on('GET', '/api/chat/:sessionId/updates', async (_request, params) => {
      const sessionId = params.sessionId ?? '';
      if (!ID_PATTERN.test(sessionId)) throw new HttpError(400, 'sessionId is malformed');
      // The key is built here, in the web namespace: no id a client sends can reach another
      // channel's tickets (an Alexa or SMS customer key only ever becomes `web:alexa:…`).
      const customerKey = sessionCustomerKey('web', sessionId);
      const replies = await deps.conversation.takeStaffReplies(customerKey);
      // After the replies: the stars show under the last staff reply of a ticket just closed.
      const csat = deps.csat ? await deps.csat.takeAsks(customerKey) : [];
      return json(200, { replies, csat });
    })
    .on('POST', '/api/chat/tickets/:ref/csat', async (request, params) => {
      if (!deps.csat) throw new HttpError(404, 'ratings are not offered here');
      const body = jsonBody(request);
      const sessionId = requiredId(body, 'sessionId');
      if (body.rating === undefined) throw new HttpError(400, 'rating is required');
      const ticket = await deps.csat.rate(
        params.ref ?? '',
        sessionCustomerKey('web', sessionId),
        body.rating,
      );
      return json(200, { ticketRef: ticket.ref, csat: ticket.csat });
    });
}

function idField(body: Record<string, unknown>, field: string): string | undefined {
  const value = optionalString(body, field, 200);
  if (value !== undefined && !ID_PATTERN.test(value)) {
    throw new HttpError(400, `${field} may contain only letters, digits and . _ : -`);
  }
  return value;
}

/** The widget's page: a path (no query or fragment), at most MAX_START_PAGE_CHARS; else 400. */
function pageField(body: Record<string, unknown>): string | undefined {
  if (body.page === undefined || body.page === null) return undefined;
  const page = startPageOf(body.page);
  if (page === undefined) {
    throw new HttpError(
      400,
      `page must be a path starting with / (printable characters, no query or fragment, at most ${MAX_START_PAGE_CHARS})`,
    );
  }
  return page;
}

function requiredId(body: Record<string, unknown>, field: string): string {
  const value = idField(body, field);
  if (value === undefined) throw new HttpError(400, `${field} is required`);
  return value;
}
