/**
 * Analytics API for the staff desk's dashboard (staff auth, like every /api/staff route):
 *   GET /api/staff/analytics?from=YYYY-MM-DD&to=YYYY-MM-DD&channel=&lang=&queue=&period=day|week|month
 *       → daily, weekly and monthly series, totals, rates, durations, backlog, top articles, and
 *         the desk: first response, agents, CSAT, abandonment, conversation duration, start pages
 *   GET /api/staff/analytics.csv?report=<table>&from=&to=&period=&channel=&lang=&queue=
 *       → one of the dashboard's tables as CSV (core/analytics/csv-export.ts), as a download
 *   GET /api/staff/gaps/clusters?lang=&days=30
 *       → clusters of escalated / low-confidence questions, most customers first
 * Bad dates, ranges (> 366 days, from after to), filters, periods, table names or days → 400
 * with a message.
 */
import type { AnalyticsRequest, AnalyticsService } from '#core/analytics/analytics-service.ts';
import { csvFileName, toCsv } from '#core/analytics/csv-export.ts';
import type { QueueDirectory } from '#core/analytics/desk-report.ts';
import type { GapReportService } from '#core/analytics/gap-report.ts';
import { HttpError, json, type HttpRequest } from './http-types.ts';
import type { Router } from './router.ts';
import { authenticate, type StaffCredentials } from './staff-routes.ts';

export interface AnalyticsRouteDeps {
  analytics: AnalyticsService;
  gapReport: GapReportService;
  /** The support queues (names, default queues; a SupportDesk will do), when configured. */
  support?: { readonly config: QueueDirectory };
  /** Local bearer tokens (agents', writers'); none means only API Gateway's JWT identity. */
  staffToken?: StaffCredentials;
  /**
   * Waits until analytics events already emitted are in the counters (the in-process
   * aggregator batches them for up to a second), so a report includes the latest turns.
   */
  settleAnalytics?: () => Promise<void>;
}

export function addAnalyticsRoutes(router: Router, deps: AnalyticsRouteDeps): Router {
  const options = () => (deps.support ? { queues: deps.support.config } : {});
  return router
    .on('GET', '/api/staff/analytics', async (request) => {
      authenticate(request, deps.staffToken);
      await deps.settleAnalytics?.();
      const report = await deps.analytics.report(analyticsRequest(request), options());
      return json(200, report, { 'cache-control': 'no-store' });
    })
    .on('GET', '/api/staff/analytics.csv', async (request) => {
      authenticate(request, deps.staffToken);
      await deps.settleAnalytics?.();
      const name = request.query.get('report') ?? undefined;
      const { table, desk } = await deps.analytics.table(
        name,
        analyticsRequest(request),
        options(),
      );
      return {
        status: 200,
        headers: {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="${csvFileName(table.name, desk)}"`,
          'cache-control': 'no-store',
          'x-content-type-options': 'nosniff',
        },
        body: toCsv(table),
      };
    })
    .on('GET', '/api/staff/gaps/clusters', async (request) => {
      authenticate(request, deps.staffToken);
      await deps.settleAnalytics?.();
      const daysText = request.query.get('days');
      let days: number | undefined;
      if (daysText !== null && daysText !== '') {
        if (!/^\d{1,4}$/.test(daysText)) throw new HttpError(400, 'days must be a whole number');
        days = Number(daysText);
      }
      const lang = request.query.get('lang') || undefined;
      const report = await deps.gapReport.clusters({
        ...(lang ? { lang } : {}),
        ...(days !== undefined ? { days } : {}),
      });
      return json(200, report, { 'cache-control': 'no-store' });
    });
}

/** The report's filters from the query string (checked by the service). */
function analyticsRequest(request: HttpRequest): AnalyticsRequest {
  const param = (name: string) => request.query.get(name) ?? undefined;
  return {
    from: param('from'),
    to: param('to'),
    channel: param('channel'),
    lang: param('lang'),
    queue: param('queue'),
    period: param('period'),
  };
}
