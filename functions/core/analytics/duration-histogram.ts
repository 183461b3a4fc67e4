/**
 * Durations (time to first staff reply, time to close) kept as counts in log-scale buckets, so
 * daily counters can be added up and still give a median and p90 for any range. Four buckets per
 * doubling: a bucket's representative value is within ~9% of any duration in it.
 */

/** Buckets per doubling of the duration. */
const STEPS_PER_DOUBLING = 4;
/** Highest bucket: 2^(96/4) s ≈ 194 days; anything longer lands here. */
export const MAX_BUCKET = 96;

/** A histogram: bucket index → how many durations fell in it. */
export type Histogram = Map<number, number>;

/** The bucket of a duration in seconds (under one second → bucket 0). */
export function bucketOf(seconds: number): number {
  if (!Number.isFinite(seconds) || seconds <= 1) return 0;
  return Math.min(MAX_BUCKET, Math.floor(Math.log2(seconds) * STEPS_PER_DOUBLING));
}

/** The value that stands for a bucket: the geometric middle of its bounds, in seconds. */
export function bucketValue(bucket: number): number {
  if (bucket <= 0) return 1;
  return 2 ** ((bucket + 0.5) / STEPS_PER_DOUBLING);
}

/** How many durations the histogram holds. */
export function histogramCount(histogram: Histogram): number {
  let n = 0;
  for (const count of histogram.values()) n += Math.max(0, count);
  return n;
}

/**
 * The `p`-th percentile (0 < p ≤ 1) by nearest rank, as the bucket's representative value in
 * seconds, rounded; null for an empty histogram.
 *
 * @example
 * percentile(new Map([[bucketOf(60), 3], [bucketOf(3600), 1]]), 0.5) // ≈ 60
 */
export function percentile(histogram: Histogram, p: number): number | null {
  const total = histogramCount(histogram);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(p * total));
  let seen = 0;
  for (const bucket of [...histogram.keys()].sort((a, b) => a - b)) {
    seen += Math.max(0, histogram.get(bucket) ?? 0);
    if (seen >= rank) return Math.round(bucketValue(bucket));
  }
  return null;
}
