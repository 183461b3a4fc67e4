/**
 * The dashboard's desk numbers against the simulation's ground truth, number by number.
 *
 * What must agree exactly: counts (first responses, closed, abandoned, ratings of each value,
 * replies, closes), the exact mean first-response time (the counters add milliseconds), and the
 * rates and averages the report rounds to 4 decimals (compared with the truth rounded the same
 * way). Medians and p90s come from log-scale buckets (within ~9% of the exact value): the
 * dashboard's must equal the value of the bucket holding the exact nearest-rank percentile of
 * the truth, and the exact value is reported beside it.
 */
import type { AnalyticsReport } from '#core/analytics/analytics-report.ts';
import type {
  AbandonmentSummary,
  CsatSummary,
  FirstResponseSummary,
} from '#core/analytics/desk-report.ts';
import { bucketOf, bucketValue } from '#core/analytics/duration-histogram.ts';
import {
  emptySlice,
  exactPercentile,
  type AbandonmentTruth,
  type CsatTruth,
  type FirstResponseTruth,
  type GroundTruth,
  type Slice,
} from './ground-truth.ts';

export interface Check {
  what: string;
  dashboard: unknown;
  truth: unknown;
  equal: boolean;
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;
/** The dashboard's value for a percentile whose exact value is `seconds`. */
const bucketed = (seconds: number | null) =>
  seconds === null ? null : Math.round(bucketValue(bucketOf(seconds)));

export class Comparison {
  readonly checks: Check[] = [];

  check(what: string, dashboard: unknown, truth: unknown) {
    const equal = JSON.stringify(dashboard) === JSON.stringify(truth);
    this.checks.push({ what, dashboard, truth, equal });
  }

  get mismatches(): Check[] {
    return this.checks.filter((c) => !c.equal);
  }

  firstResponse(what: string, d: FirstResponseSummary | undefined, t: FirstResponseTruth) {
    this.check(`${what} first responses`, d?.count ?? 0, t.count);
    this.check(`${what} first response mean (s)`, d?.meanSeconds ?? null, t.meanSeconds);
    for (const [name, p] of [
      ['median', 0.5],
      ['p90', 0.9],
    ] as const) {
      const shown = d ? (name === 'median' ? d.medianSeconds : d.p90Seconds) : null;
      this.check(
        `${what} first response ${name} (s, bucket of exact ${exactPercentile(t.waits, p)})`,
        shown,
        bucketed(exactPercentile(t.waits, p)),
      );
    }
  }

  abandonment(what: string, d: AbandonmentSummary | undefined, t: AbandonmentTruth) {
    this.check(`${what} closed`, d?.closed ?? 0, t.closed);
    this.check(`${what} abandoned`, d?.abandoned ?? 0, t.abandoned);
    this.check(
      `${what} abandonment rate`,
      d?.rate ?? null,
      t.closed > 0 ? round4(t.abandoned / t.closed) : null,
    );
  }

  csat(what: string, d: CsatSummary | undefined, t: CsatTruth) {
    const ratings = t.distribution.reduce((a, b) => a + b, 0);
    const sum = t.distribution.reduce((acc, n, i) => acc + n * (i + 1), 0);
    this.check(`${what} CSAT ratings 1–5`, d?.distribution ?? [0, 0, 0, 0, 0], t.distribution);
    this.check(`${what} CSAT average`, d?.average ?? null, ratings ? round4(sum / ratings) : null);
    this.check(
      `${what} CSAT satisfied share`,
      d?.satisfiedShare ?? null,
      ratings ? round4((t.distribution[3] + t.distribution[4]) / ratings) : null,
    );
  }

  slice(what: string, d: SliceOfReport, t: Slice) {
    this.firstResponse(what, d.firstResponse, t.firstResponse);
    this.abandonment(what, d.abandonment, t.abandonment);
    this.csat(what, d.csat, t.csat);
  }
}

/** A row keyed by queue or by period. */
type Keyed<T> = T & { queue?: string; period?: string };

/** The report's desk totals as one slice. */
export function totalsOf(report: AnalyticsReport): SliceOfReport {
  const desk = report.desk;
  return {
    firstResponse: desk.firstResponse.total,
    abandonment: desk.abandonment.total,
    csat: desk.csat.total,
  };
}

export interface SliceOfReport {
  firstResponse?: FirstResponseSummary;
  abandonment?: AbandonmentSummary;
  csat?: CsatSummary;
}

/**
 * Everything the desk report (`report`, one day per period, all channels) shows against the
 * truth: the totals, per queue, per agent, per day.
 */
export function compareReport(comparison: Comparison, report: AnalyticsReport, truth: GroundTruth) {
  const desk = report.desk;
  comparison.slice('all', totalsOf(report), truth.total);
  /** Rows of the three sections for one key (`queue` or `period`) against the truth's. */
  const keyed = (
    label: string,
    keyOf: (row: { queue?: string; period?: string }) => string | undefined,
    rows: { firstResponse: Keyed<FirstResponseSummary>[] } & {
      abandonment: Keyed<AbandonmentSummary>[];
      csat: Keyed<CsatSummary>[];
    },
    truthByKey: Map<string, Slice>,
  ) => {
    const keys = new Set([
      ...truthByKey.keys(),
      ...[...rows.firstResponse, ...rows.abandonment, ...rows.csat].map((r) => keyOf(r) ?? ''),
    ]);
    for (const key of [...keys].sort()) {
      const find = <T extends object>(list: Keyed<T>[]) => list.find((r) => keyOf(r) === key);
      comparison.slice(
        `${label} ${key}:`,
        {
          firstResponse: find(rows.firstResponse),
          abandonment: find(rows.abandonment),
          csat: find(rows.csat),
        },
        truthByKey.get(key) ?? emptySlice(),
      );
    }
  };
  keyed(
    'queue',
    (r) => r.queue,
    {
      firstResponse: desk.firstResponse.byQueue,
      abandonment: desk.abandonment.byQueue,
      csat: desk.csat.byQueue,
    },
    truth.byQueue,
  );
  keyed(
    'day',
    (r) => r.period,
    {
      firstResponse: desk.firstResponse.series,
      abandonment: desk.abandonment.series,
      csat: desk.csat.series,
    },
    truth.byDay,
  );
  const agents = new Set([...truth.byAgent.keys(), ...desk.agents.rows.map((a) => a.agent)]);
  for (const agent of [...agents].sort()) {
    const row = desk.agents.rows.find((a) => a.agent === agent);
    const t = truth.byAgent.get(agent);
    comparison.check(`agent ${agent}: replies`, row?.replies ?? 0, t?.replies ?? 0);
    comparison.check(`agent ${agent}: closes`, row?.closes ?? 0, t?.closes ?? 0);
    comparison.firstResponse(
      `agent ${agent}:`,
      desk.firstResponse.byAgent.find((a) => a.agent === agent),
      t?.firstResponse ?? emptySlice().firstResponse,
    );
    comparison.csat(
      `agent ${agent}:`,
      desk.csat.byAgent.find((a) => a.agent === agent),
      t?.csat ?? emptySlice().csat,
    );
  }
}
