/**
 * Analytics API for the staff desk's dashboard (staff auth, like every /api/staff route):
 *   GET /api/staff/analytics?from=YYYY-MM-DD&to=YYYY-MM-DD&channel=&lang=
 *       → daily and weekly series, totals, rates, durations, backlog, top articles
 *   GET /api/staff/gaps/clusters?lang=&days=30
 *       → clusters of escalated / low-confidence questions, most customers first
 * Bad dates, ranges (> 366 days, from after to), filters or days → 400 with a message.
 */
import type { AnalyticsService } from '#core/analytics/analytics-service.ts';
import type { GapReportService } from '#core/analytics/gap-report.ts';
import { HttpError, json } from './http-types.ts';
import type { Router } from './router.ts';
import { authenticate, type StaffCredentials } from './staff-routes.ts';

export interface AnalyticsRouteDeps {
  analytics: AnalyticsService;
  gapReport: GapReportService;
  /** Local bearer tokens (agents', writers'); none means only API Gateway's JWT identity. */
  staffToken?: StaffCredentials;
  /**
   * Waits until analytics events already emitted are in the counters (the in-process
   * aggregator batches them for up to a second), so a report includes the latest turns.
   */
  settleAnalytics?: () => Promise<void>;
}

export function addAnalyticsRoutes(router: Router, deps: AnalyticsRouteDeps): Router {
  return router
    .on('GET', '/api/staff/analytics', async (request) => {
      authenticate(request, deps.staffToken);
      const param = (name: string) => request.query.get(name) ?? undefined;
      await deps.settleAnalytics?.();
      const report = await deps.analytics.report({
        from: param('from'),
        to: param('to'),
        channel: param('channel'),
        lang: param('lang'),
      });
      return json(200, report, { 'cache-control': 'no-store' });
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
