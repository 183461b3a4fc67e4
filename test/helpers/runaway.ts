/**
 * Guards against runaway work (catastrophic backtracking, quadratic loops), never a benchmark:
 * speed is measured in bench/. The bound is far above normal cost (tens of ms) and far below the
 * runaway cases these tests were written for (seconds to minutes), so a busy machine cannot fail
 * it and a regression cannot pass it.
 */
export const RUNAWAY_MS = 2_000;

/** CPU time of `work` in ms: unlike wall time, not inflated by other processes on the machine. */
export function cpuMs(work: () => void): number {
  const before = process.cpuUsage();
  work();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

/** Runs `work`, returns its result and its CPU time in ms. */
export function cpuTimed<T>(work: () => T): { result: T; ms: number } {
  let result: T | undefined;
  const ms = cpuMs(() => {
    result = work();
  });
  return { result: result as T, ms };
}
