/**
 * Growing the typed-array scratch that query-time workspaces reuse: a copy at least `n` long
 * (doubling, so growth is amortised), the old contents kept.
 */
export function grownInt32(a: Int32Array, n: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(Math.max(n, 2 * a.length));
  b.set(a);
  return b;
}

export function grownFloat64(a: Float64Array, n: number): Float64Array<ArrayBuffer> {
  const b = new Float64Array(Math.max(n, 2 * a.length));
  b.set(a);
  return b;
}
