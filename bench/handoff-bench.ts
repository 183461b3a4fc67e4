/**
 * Benchmark: live hand-off over a simulated week. 1,000 customers on web chat, WhatsApp, SMS and
 * Alexa, in English and Arabic, ask a question and then for a person (or are handed over when
 * the bot cannot answer); some nudge while they wait; agents on shifts in Riyadh time take the
 * oldest waiting ticket of their queues, reply once or twice and close, close unanswered when the
 * web customer is long gone, sometimes reopen; customers rate the help. Everything goes through
 * the real app on DynamoDB in a SEPARATE process (dynalite's CLI), with the simulation's clock.
 *
 * Then the dashboard's numbers — GET /api/staff/analytics for the whole range by day, and per
 * channel — are checked against the simulation's ground truth: first-response counts and exact
 * means, the buckets of the median and p90, abandonment, CSAT, agents' replies and closes; in
 * total, per queue, per agent, per day and per channel. Also from the stream consumer fed the
 * tables' stream records (the AWS path). Any disagreement fails the run (exit 1).
 *
 *   npm run bench:handoff    (MUJIB_HANDOFF_CUSTOMERS=1000 MUJIB_HANDOFF_DAYS=7 MUJIB_HANDOFF_SEED=2026)
 *
 * Writes bench/results/handoff.json.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { CHANNELS } from '#core/types.ts';
import { startBenchDynamo } from './chat-traffic.ts';
import type { FirstResponseTruth, Slice } from './handoff/ground-truth.ts';
import { exactPercentile, keptWaitingByANudge } from './handoff/ground-truth.ts';
import { runHandOffSimulation } from './handoff/run.ts';

const CUSTOMERS = Number(process.env.MUJIB_HANDOFF_CUSTOMERS ?? 1_000);
const DAYS = Number(process.env.MUJIB_HANDOFF_DAYS ?? 7);
const SEED = Number(process.env.MUJIB_HANDOFF_SEED ?? 2026);
/** Sunday 1 November 2026, midnight in Riyadh. */
const START = '2026-10-31T21:00:00.000Z';

const dynamo = await startBenchDynamo('dynalite');
let failed = false;
try {
  const run = await runHandOffSimulation(dynamo.endpoint, {
    customers: CUSTOMERS,
    days: DAYS,
    start: START,
    seed: SEED,
    streams: true,
    progress: (events, tickets) => {
      if (events % 5_000 === 0) console.error(`  … ${events} events, ${tickets} tickets`);
    },
  });
  const { log, truth, report } = run;
  const minutes = (s: number | null) => (s === null ? '–' : `${(s / 60).toFixed(1)} min`);
  const median = (fr: FirstResponseTruth) => exactPercentile(fr.waits, 0.5);
  const row = (name: string, t: Slice, shown: { median: number | null; mean: number | null }) => {
    const ratings = t.csat.distribution.reduce((a, b) => a + b, 0);
    const sum = t.csat.distribution.reduce((a, n, i) => a + n * (i + 1), 0);
    return `| ${name} | ${t.firstResponse.count} | ${minutes(median(t.firstResponse))} | ${minutes(shown.median)} | ${minutes(t.firstResponse.meanSeconds)} | ${minutes(shown.mean)} | ${t.abandonment.closed} | ${t.abandonment.abandoned} (${pct(t.abandonment.abandoned, t.abandonment.closed)}) | ${ratings} | ${ratings ? (sum / ratings).toFixed(2) : '–'} |`;
  };
  const desk = report.desk;
  const lines = [
    `Hand-off simulation: ${CUSTOMERS} customers over ${DAYS} days (seed ${SEED}), ${log.tickets.length} tickets, ${run.range.from} … ${run.range.to}`,
    `What happened: ${Object.entries(log.counts)
      .map(([k, v]) => `${k} ${v}`)
      .join(
        ', ',
      )}; kept waiting by a nudge (not abandoned, though answered after the window from the hand-off) ${log.tickets.filter(keptWaitingByANudge).length}`,
    `Routed to the topic's queue: ${pct(log.tickets.filter((t) => topicQueueMatches(t.topic, t.queue, t.lang)).length, log.tickets.length)}`,
    '',
    '| slice | first responses | median (exact) | median (dashboard) | mean (exact) | mean (dashboard) | closed | abandoned | ratings | CSAT avg |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    row('all', truth.total, {
      median: desk.firstResponse.total.medianSeconds,
      mean: desk.firstResponse.total.meanSeconds,
    }),
    ...[...truth.byQueue]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([queue, t]) => {
        const q = desk.firstResponse.byQueue.find((x) => x.queue === queue);
        return row(`queue ${queue}`, t, {
          median: q?.medianSeconds ?? null,
          mean: q?.meanSeconds ?? null,
        });
      }),
    ...CHANNELS.map((channel) => {
      const fr = run.channelReports.get(channel)!.desk.firstResponse.total;
      return row(`channel ${channel}`, truth.byChannel.get(channel)!, {
        median: fr.medianSeconds,
        mean: fr.meanSeconds,
      });
    }),
    '',
    `Checks, dashboard (in-process counters) vs ground truth: ${run.comparison.checks.length}, disagreeing ${run.comparison.mismatches.length}`,
    `Checks, stream consumer (${run.streamRecords} stream records, ${Math.round(run.streamMs ?? 0)} ms) vs ground truth: ${run.streamComparison?.checks.length}, disagreeing ${run.streamComparison?.mismatches.length}`,
    `Simulation ${(run.simulateMs / 1000).toFixed(1)} s (store: dynalite in its own process); dashboard report ${Math.round(run.reportMs)} ms`,
  ];
  console.log(lines.join('\n'));
  const mismatches = [...run.comparison.mismatches, ...(run.streamComparison?.mismatches ?? [])];
  for (const m of mismatches.slice(0, 40)) {
    console.log(
      `MISMATCH ${m.what}: dashboard ${JSON.stringify(m.dashboard)} truth ${JSON.stringify(m.truth)}`,
    );
  }
  failed = mismatches.length > 0;
  await mkdir('bench/results', { recursive: true });
  await writeFile(
    'bench/results/handoff.json',
    `${JSON.stringify(
      {
        customers: CUSTOMERS,
        days: DAYS,
        seed: SEED,
        range: run.range,
        tickets: log.tickets.length,
        counts: log.counts,
        checks: run.comparison.checks.length,
        mismatches: run.comparison.mismatches,
        streamChecks: run.streamComparison?.checks.length,
        streamMismatches: run.streamComparison?.mismatches,
        simulateMs: Math.round(run.simulateMs),
        reportMs: Math.round(run.reportMs),
        total: {
          firstResponse: desk.firstResponse.total,
          exactMedianSeconds: median(truth.total.firstResponse),
          abandonment: desk.abandonment.total,
          csat: desk.csat.total,
        },
      },
      null,
      2,
    )}\n`,
  );
} finally {
  await dynamo.close();
}
process.exit(failed ? 1 : 0);

function pct(n: number, of: number): string {
  return of > 0 ? `${((100 * n) / of).toFixed(1)}%` : '–';
}

/** Whether routing chose the queue the simulated customer's topic belongs to. */
function topicQueueMatches(topic: string, queue: string, lang: string): boolean {
  return topic === 'general' ? queue === `general-${lang}` : queue === topic;
}
