/**
 * The staff API client: adds `Authorization: Bearer <token>` and `X-Staff-Name`, turns error
 * responses into ApiError (the server's message, status and body) and a 401 into
 * UnauthorizedError so the router can send the user back to sign-in.
 */
import type { AnalyticsReport } from '#core/analytics/analytics-report.ts';
import type { GapClusterReport } from '#core/analytics/gap-report.ts';
import type { StaffCredentials } from './session.ts';
import type { ContentGap, StaffMe, Ticket, TicketPage } from './types.ts';

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly body: Record<string, unknown>,
  ) {
    super(message);
  }
}

export class UnauthorizedError extends ApiError {}

export interface TicketQuery {
  status?: string;
  lang?: string;
  channel?: string;
  /** Support queue id (support.json). */
  queue?: string;
  limit?: number;
  cursor?: string;
}

export type TicketAction = 'claim' | 'close' | 'reopen';

/** The dashboard's filters (all optional; the server fills in the last 30 days by day). */
export type AnalyticsFilter = {
  from?: string;
  to?: string;
  channel?: string;
  lang?: string;
  queue?: string;
  period?: string;
};

/** A CSV export as downloaded. */
export interface CsvDownload {
  fileName: string;
  data: Blob;
}

export class StaffApi {
  constructor(private readonly credentials: StaffCredentials) {}

  listTickets(query: TicketQuery): Promise<TicketPage> {
    return this.request('GET', `/api/staff/tickets?${queryString({ limit: 25, ...query })}`);
  }

  /** Dashboard metrics for a date range, channel, language, queue and period (all optional). */
  analytics(filter: AnalyticsFilter) {
    return this.request<AnalyticsReport>('GET', `/api/staff/analytics?${queryString(filter)}`);
  }

  /** One of the dashboard's tables as CSV: its bytes and the file name the server gives it. */
  async analyticsCsv(report: string, filter: AnalyticsFilter): Promise<CsvDownload> {
    const query = queryString({ report, ...filter });
    let response: Response;
    try {
      response = await fetch(`/api/staff/analytics.csv?${query}`, {
        headers: {
          authorization: `Bearer ${this.credentials.token}`,
          'x-staff-name': this.credentials.name,
        },
      });
    } catch {
      throw new ApiError('The server could not be reached. Check your connection.', 0, {});
    }
    if (!response.ok) {
      const parsed = (await response.json().catch(() => ({}))) as Record<string, unknown>;
      const message = typeof parsed.error === 'string' ? parsed.error : `HTTP ${response.status}`;
      if (response.status === 401) throw new UnauthorizedError(message, 401, parsed);
      throw new ApiError(message, response.status, parsed);
    }
    const disposition = response.headers.get('content-disposition') ?? '';
    const fileName = /filename="([^"]+)"/.exec(disposition)?.[1] ?? `${report}.csv`;
    // The bytes as sent (text() would drop the byte-order mark spreadsheets need for UTF-8).
    return { fileName, data: await response.blob() };
  }

  /** Clusters of questions the help centre could not answer. */
  gapClusters(filter: { lang?: string; days?: string }) {
    return this.request<GapClusterReport>('GET', `/api/staff/gaps/clusters?${queryString(filter)}`);
  }

  getTicket(ref: string): Promise<Ticket> {
    return this.request('GET', `/api/staff/tickets/${encodeURIComponent(ref)}`);
  }

  act(ref: string, action: TicketAction): Promise<Ticket> {
    return this.request('POST', `/api/staff/tickets/${encodeURIComponent(ref)}/${action}`, {});
  }

  reply(ref: string, text: string): Promise<Ticket> {
    return this.request('POST', `/api/staff/tickets/${encodeURIComponent(ref)}/reply`, { text });
  }

  /** Who the token belongs to and their roles (`writer` opens the content studio). */
  me(): Promise<StaffMe> {
    return this.request('GET', '/api/staff/me');
  }

  /** Records which article answers a ticket (a learning signal for the article's phrasings). */
  answeredBy(ref: string, articleId: string): Promise<Ticket> {
    return this.request('POST', `/api/staff/tickets/${encodeURIComponent(ref)}/answered-by`, {
      articleId,
    });
  }

  listGaps(lang?: string): Promise<{ items: ContentGap[] }> {
    const query = lang ? `?lang=${encodeURIComponent(lang)}` : '';
    return this.request('GET', `/api/staff/gaps${query}`);
  }

  suggestArticle(gap: {
    lang: string;
    question: string;
    note?: string;
    ticketRef?: string;
  }): Promise<ContentGap> {
    return this.request('POST', '/api/staff/gaps', gap);
  }

  /** One JSON call to the staff API (also used by the studio client, studio-api.ts). */
  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.credentials.token}`,
      'x-staff-name': this.credentials.name,
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(path, {
        method,
        headers,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    } catch {
      throw new ApiError('The server could not be reached. Check your connection.', 0, {});
    }
    const parsed = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (response.ok) return parsed as T;
    const message = typeof parsed.error === 'string' ? parsed.error : `HTTP ${response.status}`;
    if (response.status === 401) throw new UnauthorizedError(message, 401, parsed);
    throw new ApiError(message, response.status, parsed);
  }
}

/** URL query of the parameters that have a value. */
export function queryString(params: Record<string, string | number | undefined>): URLSearchParams {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') query.set(key, String(value));
  }
  return query;
}
