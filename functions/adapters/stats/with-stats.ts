/**
 * Analytics wiring for the composition root: where the analytics events go and the read-side
 * services. Two sources, one aggregator (core/analytics/aggregate-events.ts):
 *  - `in-process` (local server, tests): events are aggregated in this process after the reply
 *    (InProcessAnalytics); ticket changes are emitted by TicketChangeEvents around the store.
 *  - `stream` (AWS): the core's events are dropped here; the aggregate-stats Lambda derives the
 *    same events from the turns and tickets tables' DynamoDB Streams. The stores stay
 *    undecorated, so the customer's path makes no analytics writes at all.
 */
import { AnalyticsEvents, NoAnalyticsEvents } from '#core/analytics/analytics-events.ts';
import { AnalyticsService } from '#core/analytics/analytics-service.ts';
import { GapReportService } from '#core/analytics/gap-report.ts';
import type { StatsStore } from '#core/analytics/stats-store.ts';
import type { TicketBacklog } from '#core/analytics/ticket-backlog.ts';
import type { SuggestionStore } from '#core/learning/suggestion-store.ts';
import type { PresenceStore } from '#core/support/presence-store.ts';
import type { Clock, ContentGapStore, Logger, SessionLog, TicketStore } from '#core/ports.ts';
import { InProcessAnalytics } from './in-process-analytics.ts';
import { TicketChangeEvents } from './ticket-change-events.ts';

export type AnalyticsSource = 'in-process' | 'stream';

export interface StoresWithStats {
  sessionLog: SessionLog;
  ticketStore: TicketStore;
  gaps: ContentGapStore;
  stats: StatsStore;
  backlog: TicketBacklog;
  /** Where the learning loop keeps its signals and decisions (core/learning). */
  suggestions?: SuggestionStore;
  /** Who is on shift (desk heartbeats): the dashboard shows it. */
  presence?: PresenceStore;
}

export interface Analytics {
  sessionLog: SessionLog;
  ticketStore: TicketStore;
  gaps: ContentGapStore;
  stats: StatsStore;
  analytics: AnalyticsService;
  gapReport: GapReportService;
  /** Where the core sends analytics events. */
  events: AnalyticsEvents;
  /** Resolves once the events emitted so far are in the counters (in-process; at once otherwise). */
  settleAnalytics(): Promise<void>;
}

/**
 * The in-process aggregator's batching window: under load one counter write covers a second of
 * turns (the stream consumer's MaximumBatchingWindow is the same 1 s).
 */
const IN_PROCESS_WINDOW_MS = 1_000;

/** The events port for a source, the ticket store it watches, and the read-side services. */
export function withStats(
  stores: StoresWithStats,
  deps: { logger: Logger; clock: Clock; source?: AnalyticsSource },
): Analytics {
  const inProcess =
    deps.source === 'stream'
      ? undefined
      : new InProcessAnalytics(stores.stats, deps.logger, {
          windowMs: IN_PROCESS_WINDOW_MS,
          ...(stores.suggestions ? { learning: stores.suggestions } : {}),
        });
  const events = inProcess ?? new NoAnalyticsEvents();
  return {
    sessionLog: stores.sessionLog,
    ticketStore: inProcess
      ? new TicketChangeEvents(stores.ticketStore, events)
      : stores.ticketStore,
    gaps: stores.gaps,
    stats: stores.stats,
    analytics: new AnalyticsService({
      stats: stores.stats,
      backlog: stores.backlog,
      clock: deps.clock,
      ...(stores.presence ? { presence: stores.presence } : {}),
    }),
    gapReport: new GapReportService({
      stats: stores.stats,
      tickets: stores.ticketStore,
      gaps: stores.gaps,
      clock: deps.clock,
    }),
    events,
    settleAnalytics: () => inProcess?.settled() ?? Promise.resolve(),
  };
}
