/**
 * Per-article scores that a question touches only sparsely: a dense array reused across
 * questions plus the list of articles touched, so filling, reading and clearing cost what the
 * question touched, never the size of the collection. One instance per language index; the
 * scorer is synchronous, so a question has the instance to itself between `clear()` calls.
 * Nothing here allocates per question: the list of touched articles is a typed array too (an
 * article is touched at most once, so it never outgrows the collection).
 */
export class SparseScores {
  readonly values: Float64Array;
  private readonly seen: Uint8Array;
  private readonly order: Int32Array;
  /** Articles touched since the last clear. */
  count = 0;

  constructor(readonly size: number) {
    this.values = new Float64Array(size);
    this.seen = new Uint8Array(size);
    this.order = new Int32Array(size);
  }

  /** Articles touched since the last clear, in the order first touched (a view: read it now). */
  get touched(): Int32Array {
    return this.order.subarray(0, this.count);
  }

  /** The `i`-th article touched since the last clear (`i` < `count`). */
  touchedAt(i: number): number {
    return this.order[i] as number;
  }

  add(article: number, value: number): void {
    if (this.seen[article] === 0) {
      this.seen[article] = 1;
      this.order[this.count++] = article;
    }
    this.values[article] = (this.values[article] as number) + value;
  }

  has(article: number): boolean {
    return this.seen[article] === 1;
  }

  get(article: number): number {
    return this.values[article] as number;
  }

  clear(): void {
    for (let i = 0; i < this.count; i++) {
      const a = this.order[i] as number;
      this.values[a] = 0;
      this.seen[a] = 0;
    }
    this.count = 0;
  }
}

/**
 * Sorts `items[0..count)` in place by `scores[item]`, highest first, lower item first on equal
 * scores: the order of `sort((x, y) => scores[y] - scores[x] || x - y)`, without allocating
 * (a merge sort through `scratch`, which holds at least `count` items).
 */
export function sortByScore(
  items: Int32Array,
  count: number,
  scores: Float64Array,
  scratch: Int32Array,
): void {
  let from = items;
  let to = scratch;
  for (let width = 1; width < count; width *= 2) {
    for (let lo = 0; lo < count; lo += 2 * width) {
      const mid = Math.min(lo + width, count);
      const hi = Math.min(lo + 2 * width, count);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        const a = from[i] as number;
        const b = from[j] as number;
        // b goes first only when the comparator puts it strictly before a.
        if (((scores[a] as number) - (scores[b] as number) || b - a) < 0) {
          to[k++] = b;
          j++;
        } else {
          to[k++] = a;
          i++;
        }
      }
      while (i < mid) to[k++] = from[i++] as number;
      while (j < hi) to[k++] = from[j++] as number;
    }
    const swap = from;
    from = to;
    to = swap;
  }
  if (from !== items) {
    for (let i = 0; i < count; i++) items[i] = from[i] as number;
  }
}
