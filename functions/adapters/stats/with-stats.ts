/**
 * Wiring helper for the composition root: wraps the session log and ticket store in the
 * stats-recording decorators and builds the analytics and gap-report services on top.
 */
import { AnalyticsService } from '#core/analytics/analytics-service.ts';
import { GapReportService } from '#core/analytics/gap-report.ts';
import type { StatsStore } from '#core/analytics/stats-store.ts';
import type { TicketBacklog } from '#core/analytics/ticket-backlog.ts';
import type { Clock, ContentGapStore, Logger, SessionLog, TicketStore } from '#core/ports.ts';
import { StatsRecordingSessionLog } from './stats-recording-session-log.ts';
import { StatsRecordingTicketStore } from './stats-recording-ticket-store.ts';

export interface StoresWithStats {
  sessionLog: SessionLog;
  ticketStore: TicketStore;
  gaps: ContentGapStore;
  stats: StatsStore;
  backlog: TicketBacklog;
}

export interface Analytics {
  sessionLog: SessionLog;
  ticketStore: TicketStore;
  gaps: ContentGapStore;
  stats: StatsStore;
  analytics: AnalyticsService;
  gapReport: GapReportService;
}

/** Decorated stores (recording stats) and the read-side services. */
export function withStats(
  stores: StoresWithStats,
  deps: { logger: Logger; clock: Clock },
): Analytics {
  const recorder = { stats: stores.stats, logger: deps.logger };
  const ticketStore = new StatsRecordingTicketStore(stores.ticketStore, recorder);
  return {
    sessionLog: new StatsRecordingSessionLog(stores.sessionLog, recorder),
    ticketStore,
    gaps: stores.gaps,
    stats: stores.stats,
    analytics: new AnalyticsService({
      stats: stores.stats,
      backlog: stores.backlog,
      clock: deps.clock,
    }),
    gapReport: new GapReportService({
      stats: stores.stats,
      tickets: stores.ticketStore,
      gaps: stores.gaps,
      clock: deps.clock,
    }),
  };
}
