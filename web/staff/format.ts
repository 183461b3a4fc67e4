/** Small display helpers for the staff desk (pure, unit-tested in Node). */

/** "waiting 2 h 5 min" for the time between `since` and `now`. */
export function formatWaiting(since: string | Date, now: Date): string {
  const start = typeof since === 'string' ? new Date(since) : since;
  const minutes = Math.floor((now.getTime() - start.getTime()) / 60_000);
  if (!Number.isFinite(minutes)) return 'waiting (unknown)';
  if (minutes < 1) return 'waiting < 1 min';
  const days = Math.floor(minutes / 1_440);
  const hours = Math.floor((minutes % 1_440) / 60);
  const mins = minutes % 60;
  if (days > 0) return `waiting ${days} d ${hours} h`;
  if (hours > 0) return `waiting ${hours} h ${mins} min`;
  return `waiting ${mins} min`;
}

/** A short local date and time, e.g. "3 May, 14:05". */
export function formatTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(undefined, {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** A confidence in [0, 1] as a whole percentage. */
export function formatConfidence(confidence: number): string {
  return `${Math.round(Math.max(0, Math.min(1, confidence)) * 100)}%`;
}
