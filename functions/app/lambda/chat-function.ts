/**
 * Composition of the web chat function: POST /api/chat, /api/chat/feedback, /api/chat/contact,
 * POST /api/chat/tickets/{ref}/csat (the stars),
 * GET /api/chat/{sessionId}/updates and /healthz. Loads DynamoDB, SSM (PII secret) and — when
 * configured — S3 (published index) and Lex; never End User Messaging, Alexa or staff code.
 */
import { addChatRoutes } from '#adapters/http/chat-routes.ts';
import { Router } from '#adapters/http/router.ts';
import { addHealthRoute } from '../health-route.ts';
import { answeringParts } from './answering.ts';
import type { HttpFunction } from './http-function.ts';
import { lambdaBase, type LambdaBaseOptions } from './lambda-base.ts';

export async function composeChatFunction(options: LambdaBaseOptions = {}): Promise<HttpFunction> {
  const base = await lambdaBase('chat', { secrets: ['pii'], ...options });
  const parts = await answeringParts(base);
  const router = new Router(base.logger);
  addHealthRoute(router, {
    config: base.config,
    knowledge: parts.knowledge,
    unsavedTurns: () => parts.stores.queueing.unsavedTurns,
  });
  addChatRoutes(router, {
    conversation: parts.conversation,
    feedback: parts.conversation,
    tickets: parts.tickets,
    ids: parts.ids,
    csat: parts.csat,
  });
  return { base, router };
}
