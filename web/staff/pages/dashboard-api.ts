/**
 * The JSON shapes the dashboard reads: the server's own report types (type-only imports from
 * functions/core/analytics/, erased from the bundle). The calls are StaffApi.analytics and
 * StaffApi.gapClusters (and StaffApi.analyticsCsv for the tables as CSV).
 */
export type {
  AnalyticsReport,
  DurationSummary,
  TrafficNumbers,
} from '#core/analytics/analytics-report.ts';
export type { CsatSummary, DeskReport, FirstResponseSummary } from '#core/analytics/desk-report.ts';
export type { GapCluster, GapClusterReport } from '#core/analytics/gap-report.ts';
