/**
 * Web chat API: ask, give feedback, leave an email on a ticket, poll for staff replies.
 *   POST /api/chat            { text, lang?, sessionId?, messageId?, choice? } → { sessionId, messageId, reply }
 *   POST /api/chat/feedback   { sessionId, messageId, value: 'up' | 'down' }
 *   POST /api/chat/contact    { sessionId, ticketRef, email }
 *   GET  /api/chat/:sessionId/updates → { replies: [...] }   (staff replies to this web session only)
 */
import type { Conversation, FeedbackDesk } from '#core/conversation/conversation.ts';
import { MAX_MESSAGE_CHARS } from '#core/conversation/text-checks.ts';
import type { Ids } from '#core/ports.ts';
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
      const handled = await deps.conversation.handle({
        sessionId,
        messageId,
        channel: 'web',
        text,
        ...(lang ? { lang: lang as Lang } : {}),
        ...(choice ? { choice } : {}),
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
      const replies = await deps.conversation.takeStaffReplies(
        sessionCustomerKey('web', sessionId),
      );
      return json(200, { replies });
    });
}

function idField(body: Record<string, unknown>, field: string): string | undefined {
  const value = optionalString(body, field, 200);
  if (value !== undefined && !ID_PATTERN.test(value)) {
    throw new HttpError(400, `${field} may contain only letters, digits and . _ : -`);
  }
  return value;
}

function requiredId(body: Record<string, unknown>, field: string): string {
  const value = idField(body, field);
  if (value === undefined) throw new HttpError(400, `${field} is required`);
  return value;
}
