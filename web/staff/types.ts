/**
 * The staff API's JSON shapes as the desk sees them (mirrors `Ticket` and `ContentGap` in
 * functions/core/ports.ts; the browser bundle does not import server code).
 */
export interface Ticket {
  ref: string;
  status: 'open' | 'claimed' | 'answered' | 'closed';
  question: string;
  lang: 'en' | 'ar';
  channel: 'web' | 'sms' | 'alexa';
  reason: string;
  transcript: { at: string; from: 'customer' | 'bot' | 'staff'; text: string }[];
  candidates: { articleId: string; title: string; confidence: number }[];
  contact: { phone?: string; email?: string; alexaUserId?: string };
  createdAt: string;
  claimedBy?: string;
  replies: { at: string; by: string; text: string; delivery: string; deliveryDetail?: string }[];
  version: number;
}

export interface TicketPage {
  items: Ticket[];
  nextCursor?: string;
}

export interface ContentGap {
  id: string;
  at: string;
  lang: 'en' | 'ar';
  question: string;
  note?: string;
  ticketRef?: string;
  suggestedBy?: string;
}
