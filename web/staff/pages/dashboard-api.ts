/**
 * The dashboard's calls to the staff API (analytics and gap clusters), with the same bearer
 * token and error types as the rest of the desk. The JSON shapes are the server's own report types
 * (type-only imports from functions/core/analytics/, erased from the bundle).
 */
import type { AnalyticsReport } from '#core/analytics/analytics-report.ts';
import type { GapClusterReport } from '#core/analytics/gap-report.ts';
import { loadCredentials } from '../session.ts';
import { ApiError, UnauthorizedError } from '../staff-api.ts';

export type {
  AnalyticsReport,
  DurationSummary,
  TrafficNumbers,
} from '#core/analytics/analytics-report.ts';
export type { GapCluster, GapClusterReport } from '#core/analytics/gap-report.ts';

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
