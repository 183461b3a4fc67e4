/**
 * One hand-off simulation, end to end: the real app on DynamoDB tables of `dynamo` (a store in
 * another process for the benchmark, dynalite in process for the test), a simulated week
 * (simulation.ts), then the dashboard's report — GET /api/staff/analytics, as the desk asks for
 * it, one day per period, for all channels and for each channel — checked against the ground
 * truth of the simulation (ground-truth.ts, compare.ts).
 */
import { ensureTables } from '#adapters/dynamodb/ensure-tables.ts';
import { MemoryLogger } from '#adapters/log/json-logger.ts';
import { DynamoStatsStore } from '#adapters/stats/dynamo-stats-store.ts';
import { StreamAggregator } from '#adapters/stats/stream-aggregator.ts';
import { OutboxSms } from '#adapters/sms/outbox-sms.ts';
import { LOCAL_DEV_STAFF_TOKEN } from '#app/config.ts';
import type { AnalyticsReport } from '#core/analytics/analytics-report.ts';
import { AnalyticsService } from '#core/analytics/analytics-service.ts';
import { CHANNELS, type Channel } from '#core/types.ts';
import { freshTableNames, localClient } from '../../test/helpers/dynalite.ts';
import { StreamRecorder } from '../../test/integration/analytics/stream-recorder.ts';
import { createTestApp } from '../../test/helpers/test-app.ts';
import { Comparison, compareReport, totalsOf } from './compare.ts';
import { groundTruth, type GroundTruth } from './ground-truth.ts';
import { simulateHandOffs, type SimulationLog, type SimulationOptions } from './simulation.ts';

export interface HandOffRun {
  log: SimulationLog;
  truth: GroundTruth;
  /** The dashboard (in-process counters, as locally) against the truth. */
  comparison: Comparison;
  /** The same report from the stream consumer's counters (as in AWS), when asked for. */
  streamComparison?: Comparison;
  report: AnalyticsReport;
  /** The dashboard's report for each channel. */
  channelReports: Map<Channel, AnalyticsReport>;
  range: { from: string; to: string };
  /** Wall-clock ms: the simulation, the dashboard's report (all channels), the stream consumer. */
  simulateMs: number;
  reportMs: number;
  streamMs?: number;
  streamRecords?: number;
}

export interface HandOffRunOptions extends SimulationOptions {
  /** Also feed the tables' stream records to the stream consumer and check its report. */
  streams?: boolean;
}

/** Runs the simulation on the DynamoDB-compatible store at `endpoint` (127.0.0.1). */
export async function runHandOffSimulation(
  endpoint: string,
  options: HandOffRunOptions,
): Promise<HandOffRun> {
  // Patient clients: the store shares a loaded machine (the test suite runs files in parallel).
  const patient = { connectionTimeoutMs: 5_000, requestTimeoutMs: 15_000, maxAttempts: 3 };
  const admin = localClient(endpoint, patient);
  const appClient = localClient(endpoint, patient);
  const tables = freshTableNames();
  await ensureTables(admin, tables);
  const recorder = options.streams
    ? new StreamRecorder(admin, [
        { table: tables.turns, keys: ['sessionId', 'messageId'] },
        { table: tables.tickets, keys: ['ref'] },
      ])
    : undefined;
  recorder?.attach(appClient);
  const clock = { now: Date.parse(options.start) };
  const app = await createTestApp({
    dynamo: appClient,
    tables,
    clock: { now: () => new Date(clock.now) },
    // Staff replies and rating questions go nowhere (no phone numbers in the simulation).
    sms: new OutboxSms(),
    whatsapp: new OutboxSms({ channel: 'whatsapp' }),
  });
  const started = performance.now();
  const log = await simulateHandOffs(app, clock, options);
  await app.settleAnalytics();
  const simulateMs = performance.now() - started;

  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const range = { from: day(log.from), to: day(log.to) };
  const truth = groundTruth(log, range.from, range.to);
  const viaDashboard = async (channel?: Channel) => {
    const query = new URLSearchParams({ ...range, period: 'day', ...(channel ? { channel } : {}) });
    const response = await app.router.handle({
      method: 'GET',
      path: '/api/staff/analytics',
      query,
      headers: { authorization: `Bearer ${LOCAL_DEV_STAFF_TOKEN}` },
      body: '',
      requestId: `handoff-sim-${channel ?? 'all'}`,
    });
    if (response.status !== 200) {
      throw new Error(`the dashboard answered ${response.status}: ${response.body}`);
    }
    return JSON.parse(response.body) as AnalyticsReport;
  };
  const reportStarted = performance.now();
  const report = await viaDashboard();
  const reportMs = performance.now() - reportStarted;
  const { comparison, reports: channelReports } = await compareAll(truth, viaDashboard, report);

  let stream: Pick<HandOffRun, 'streamComparison' | 'streamMs' | 'streamRecords'> = {};
  if (recorder) {
    // The stream consumer (the AWS path) on its own stats table, batches of 100 per shard.
    const { stats } = freshTableNames();
    await ensureTables(admin, { ...tables, stats });
    const store = new DynamoStatsStore({ client: admin, tableName: stats });
    const aggregator = new StreamAggregator({ stats: store, logger: new MemoryLogger() });
    const streamStarted = performance.now();
    const batches = recorder.batches(100);
    for (const batch of batches) await aggregator.process(batch);
    const streamMs = performance.now() - streamStarted;
    const service = new AnalyticsService({
      stats: store,
      backlog: { read: async () => ({ open: 0, claimed: 0 }) },
      clock: app.clock,
    });
    const viaStream = (channel?: Channel) =>
      service.report(
        { ...range, period: 'day', ...(channel ? { channel } : {}) },
        { queues: app.support.config },
      );
    stream = {
      streamComparison: (await compareAll(truth, viaStream)).comparison,
      streamMs,
      streamRecords: batches.reduce((n, b) => n + b.Records.length, 0),
    };
  }
  await app.close();
  admin.destroy();
  appClient.destroy();
  return {
    log,
    truth,
    comparison,
    report,
    channelReports,
    range,
    simulateMs,
    reportMs,
    ...stream,
  };
}

/** The report for all channels and for each channel, against the truth. */
async function compareAll(
  truth: GroundTruth,
  reportOf: (channel?: Channel) => Promise<AnalyticsReport>,
  all?: AnalyticsReport,
): Promise<{ comparison: Comparison; reports: Map<Channel, AnalyticsReport> }> {
  const comparison = new Comparison();
  const reports = new Map<Channel, AnalyticsReport>();
  compareReport(comparison, all ?? (await reportOf()), truth);
  for (const channel of CHANNELS) {
    const report = await reportOf(channel);
    reports.set(channel, report);
    const t = truth.byChannel.get(channel);
    if (!t) throw new Error(`no ${channel} customer in the simulation`);
    comparison.slice(`channel ${channel}:`, totalsOf(report), t);
  }
  return { comparison, reports };
}
