/**
 * The dashboard's calls to the staff API (analytics and gap clusters), with the same bearer
 * token and error types as the rest of the desk, and the JSON shapes it reads (mirroring
 * functions/core/analytics/analytics-report.ts and gap-report.ts; the bundle imports no server code).
 */
import { loadCredentials } from '../session.ts';
import { ApiError, UnauthorizedError } from '../staff-api.ts';

type Channel = 'web' | 'sms' | 'alexa';
type Lang = 'en' | 'ar';

export interface DurationSummary {
  count: number;
  medianSeconds: number | null;
  p90Seconds: number | null;
}

export interface TrafficNumbers {
  conversations: number;
  questions: number;
  answered: number;
  clarified: number;
  escalated: number;
  up: number;
  down: number;
  ticketsOpened: number;
  ticketsAnswered: number;
  ticketsClosed: number;
  containment: number | null;
  clarifyRate: number | null;
  escalationRate: number | null;
  questionsByChannel: Record<Channel, number>;
  questionsByLang: Record<Lang, number>;
}

export interface AnalyticsReport {
  query: { from: string; to: string; channel?: Channel; lang?: Lang };
  days: (TrafficNumbers & { day: string; timeToFirstReply: DurationSummary })[];
  totals: TrafficNumbers & {
    averageConfidence: number | null;
    timeToFirstReply: DurationSummary;
    timeToClose: DurationSummary;
  };
  backlog: {
    open: number;
    claimed: number;
    oldestWaitingSince?: string;
    oldestWaitingSeconds: number | null;
  };
  articles: {
    lang: Lang;
    articleId: string;
    answers: number;
    averageConfidence: number | null;
    up: number;
    down: number;
  }[];
}

export interface GapCluster {
  id: string;
  lang: Lang;
  customers: number;
  questions: number;
  suggestions: number;
  examples: string[];
  nearestArticle?: { articleId: string; confidence: number };
  ticketRefs: string[];
  staffAnswer?: { ticketRef: string; text: string; by: string; at: string };
}

export interface GapClusterReport {
  from: string;
  to: string;
  questionCount: number;
  clusters: GapCluster[];
}

async function get<T>(path: string, params: Record<string, string | undefined>): Promise<T> {
  const credentials = loadCredentials() ?? { token: '', name: '' };
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) query.set(key, value);
  let response: Response;
  try {
    response = await fetch(`${path}?${query}`, {
      headers: { authorization: `Bearer ${credentials.token}`, 'x-staff-name': credentials.name },
    });
  } catch {
    throw new ApiError('The server could not be reached. Check your connection.', 0, {});
  }
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (response.ok) return body as T;
  const message = typeof body.error === 'string' ? body.error : `HTTP ${response.status}`;
  if (response.status === 401) throw new UnauthorizedError(message, 401, body);
  throw new ApiError(message, response.status, body);
}

export function fetchAnalytics(filter: {
  from?: string;
  to?: string;
  channel?: string;
  lang?: string;
}) {
  return get<AnalyticsReport>('/api/staff/analytics', filter);
}

export function fetchGapClusters(filter: { lang?: string; days?: string }) {
  return get<GapClusterReport>('/api/staff/gaps/clusters', filter);
}
