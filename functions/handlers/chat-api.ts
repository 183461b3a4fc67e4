/** Lambda entry — Web chat API: POST /api/chat, /api/chat/feedback, /api/chat/contact, GET /api/chat/{sessionId}/updates, /healthz. */
import { composeChatFunction } from '#app/lambda/chat-function.ts';
import { startFunction } from '#app/lambda/start-function.ts';
import { httpHandler } from './http-handler.ts';

export const handler = httpHandler(await startFunction('chat', composeChatFunction));
