/**
 * The hand-off simulation (bench/handoff/, `npm run bench:handoff` runs 1,000 customers over a
 * week) at a smaller size: 200 customers over two days on every channel, agents on shifts in
 * Riyadh time, nudges, unanswered closes, reopens and ratings, through the real app on dynalite.
 * The dashboard's first-response counts and exact means, abandonment and CSAT — totals, per
 * queue, per agent, per day and per channel — equal the simulation's ground truth, and every
 * percentile is the bucket of the exact one — from the in-process counters (as locally) and from
 * the stream consumer fed the tables' stream records (as in AWS).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keptWaitingByANudge } from '../../../bench/handoff/ground-truth.ts';
import { runHandOffSimulation, type HandOffRun } from '../../../bench/handoff/run.ts';
import { startTestDynamo, type TestDynamo } from '../../helpers/dynalite.ts';

let dynamo: TestDynamo;
let run: HandOffRun;

beforeAll(async () => {
  dynamo = await startTestDynamo();
  run = await runHandOffSimulation(dynamo.server.endpoint, {
    customers: 200,
    days: 2,
    start: '2026-10-31T21:00:00.000Z', // Sunday 1 November, midnight in Riyadh
    seed: 1,
    streams: true,
  });
}, 180_000);

afterAll(async () => {
  await dynamo?.close();
});

describe('hand-off simulation', () => {
  it('exercises every channel, queue kind and desk path', () => {
    const { log } = run;
    expect(log.tickets.length).toBe(200);
    expect(new Set(log.tickets.map((t) => t.channel)).size).toBe(4);
    expect(new Set(log.tickets.map((t) => t.queue)).size).toBeGreaterThanOrEqual(4);
    expect(log.counts['nudges']).toBeGreaterThan(0);
    expect(log.counts['ratings']).toBeGreaterThan(10);
    expect(log.counts['closed unanswered (customer gone)']).toBeGreaterThan(0);
    expect(run.truth.total.abandonment.abandoned).toBeGreaterThan(0);
    // Abandonment is measured from the customer's last message, not from the hand-off.
    expect(run.log.tickets.filter(keptWaitingByANudge).length).toBeGreaterThan(0);
    expect(log.counts['reopened']).toBeGreaterThan(0);
    expect(run.truth.total.abandonment.abandoned).toBeLessThan(run.truth.total.abandonment.closed);
  });

  it('shows on the dashboard exactly what happened', () => {
    expect(run.comparison.checks.length).toBeGreaterThan(200);
    expect(run.comparison.mismatches).toEqual([]);
  });

  it('shows the same from the stream consumer (the AWS path)', () => {
    expect(run.streamRecords).toBeGreaterThan(1_000);
    expect(run.streamComparison!.checks.length).toBe(run.comparison.checks.length);
    expect(run.streamComparison!.mismatches).toEqual([]);
  });
});
