/** Lambda entry — Web chat API: POST /api/chat, /api/chat/feedback, /api/chat/contact, GET /api/chat/{sessionId}/updates. */
import { httpHandler } from './http-handler.ts';

export const handler = httpHandler();
