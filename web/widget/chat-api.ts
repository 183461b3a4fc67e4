/**
 * The web chat API client. Every message carries a client-generated `messageId`; a failed request
 * (network error, timeout or 5xx) is retried with the same id, so the server handles it once and
 * a retry never opens a second ticket. The reply shapes are the server's own types (type-only
 * imports, erased from the bundle).
 */
import type { StaffReplyNotice } from '#core/conversation/conversation.ts';
import type { WebReply } from '#core/render/web.ts';
import type { CsatAsk } from '#core/tickets/csat-service.ts';

export type { CsatAsk, StaffReplyNotice, WebReply };

/** What a poll brings: staff replies, then closed tickets to rate (each comes once). */
export interface ChatUpdates {
  replies: StaffReplyNotice[];
  csat: CsatAsk[];
}

export interface ChatResponse {
  sessionId: string;
  messageId: string;
  duplicate: boolean;
  logged: boolean;
  reply: WebReply;
}

export interface ChatRequest {
  text: string;
  messageId: string;
  lang?: 'en' | 'ar';
  sessionId?: string;
  choice?: string;
}

/** A failed call; `retryable` when sending the same request again may succeed. */
export class ChatApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

const TIMEOUT_MS = 15_000;
const BACKOFF_MS = [400, 1_200];

export class ChatApi {
  constructor(private readonly base: string) {}

  /**
   * Sends a message, retrying network errors and 5xx with the same body (same messageId). It
   * names the page the widget is on, which the server keeps as where the chat started.
   */
  send(request: ChatRequest): Promise<ChatResponse> {
    const page = currentPage();
    return this.post<ChatResponse>(
      '/api/chat',
      { ...request, ...(page ? { page } : {}) },
      BACKOFF_MS.length,
    );
  }

  feedback(sessionId: string, messageId: string, value: 'up' | 'down'): Promise<unknown> {
    return this.post('/api/chat/feedback', { sessionId, messageId, value }, 1);
  }

  contact(sessionId: string, ticketRef: string, email: string): Promise<unknown> {
    return this.post('/api/chat/contact', { sessionId, ticketRef, email }, 1);
  }

  /** The rating (1–5) of a closed ticket of this session; a 409 when it was rated already. */
  rate(sessionId: string, ticketRef: string, rating: number): Promise<unknown> {
    return this.post(
      `/api/chat/tickets/${encodeURIComponent(ticketRef)}/csat`,
      { sessionId, rating },
      1,
    );
  }

  async updates(sessionId: string): Promise<ChatUpdates> {
    const body = await this.call<{ replies?: StaffReplyNotice[]; csat?: CsatAsk[] }>(
      `/api/chat/${encodeURIComponent(sessionId)}/updates`,
      { method: 'GET' },
    );
    return {
      replies: Array.isArray(body.replies) ? body.replies : [],
      csat: Array.isArray(body.csat) ? body.csat : [],
    };
  }

  private async post<T>(path: string, body: unknown, retries: number): Promise<T> {
    const init = {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    };
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await this.call<T>(path, init);
      } catch (error) {
        const retryable = error instanceof ChatApiError && error.retryable;
        if (!retryable || attempt >= retries) throw error;
        await new Promise((resolve) => setTimeout(resolve, BACKOFF_MS[attempt] ?? 1_000));
      }
    }
  }

  private async call<T>(path: string, init: RequestInit): Promise<T> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
    let response: Response;
    try {
      response = await fetch(this.base + path, { ...init, signal: controller.signal });
    } catch {
      throw new ChatApiError('network error', 0, true);
    } finally {
      clearTimeout(timer);
    }
    const body = (await response.json().catch(() => ({}))) as T & { error?: string };
    if (!response.ok) {
      const message = typeof body.error === 'string' ? body.error : `HTTP ${response.status}`;
      throw new ChatApiError(message, response.status, response.status >= 500);
    }
    return body;
  }
}

/** Longest page path sent (the server refuses longer ones). */
const MAX_PAGE_CHARS = 200;

/**
 * The page's path (`location.pathname`: percent-encoded, so printable ASCII) — never its query
 * or fragment, which may carry personal data — when it is one the server accepts.
 */
function currentPage(): string | undefined {
  const path = typeof location === 'undefined' ? '' : location.pathname;
  return /^\/[\x21-\x7e]*$/.test(path) && !/[?#]/.test(path)
    ? path.slice(0, MAX_PAGE_CHARS)
    : undefined;
}

/** A random UUID; falls back to getRandomValues where randomUUID is missing (plain http). */
export function newMessageId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
