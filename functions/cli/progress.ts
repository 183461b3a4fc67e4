/**
 * Throttled progress for long builds: redrawn in place on a terminal, a line per 10% in logs, and
 * silent for small collections written to a pipe (nobody waits on them).
 */
import type { Output } from './output.ts';

const LARGE = 500;
const REDRAW_MS = 200;

/** An `onProgress(done, total)` callback that reports on `io` when it is worth it. */
export function createProgress(
  io: Output,
  total: number,
  label: string,
  now: () => number = () => performance.now(),
): (done: number, total: number) => void {
  if (!io.isTTY && total <= LARGE) return () => {};
  let lastTime = -Infinity;
  let lastTenth = -1;
  return (done, of) => {
    const percent = of === 0 ? 100 : Math.floor((done / of) * 100);
    const line = `${label} ${done}/${of} articles (${percent}%)`;
    if (io.isTTY) {
      const t = now();
      if (done < of && t - lastTime < REDRAW_MS) return;
      lastTime = t;
      if (done >= of) io.err(line);
      else io.status(line);
      return;
    }
    const tenth = Math.floor(percent / 10);
    if (tenth === lastTenth) return;
    lastTenth = tenth;
    io.err(line);
  };
}
