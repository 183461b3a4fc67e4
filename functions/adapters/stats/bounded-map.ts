/**
 * A small insertion-ordered cache bound (ticket-change-events.ts): at most `max` entries, the
 * oldest forgotten first.
 */

/** Sets `key` to `value` in `map`, first forgetting the oldest entry when `map` holds `max`. */
export function setBounded<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  if (map.size >= max) {
    const oldest = map.keys().next().value;
    if (oldest !== undefined) map.delete(oldest);
  }
  map.set(key, value);
}
