/**
 * Per-article scores that a question touches only sparsely: a dense array reused across
 * questions plus the list of articles touched, so filling, reading and clearing cost what the
 * question touched, never the size of the collection. One instance per language index; the
 * scorer is synchronous, so a question has the instance to itself between `clear()` calls.
 */
export class SparseScores {
  readonly values: Float64Array;
  private readonly seen: Uint8Array;
  /** Articles touched since the last clear, in the order first touched. */
  readonly touched: number[] = [];

  constructor(readonly size: number) {
    this.values = new Float64Array(size);
    this.seen = new Uint8Array(size);
  }

  add(article: number, value: number): void {
    if (this.seen[article] === 0) {
      this.seen[article] = 1;
      this.touched.push(article);
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
    for (const a of this.touched) {
      this.values[a] = 0;
      this.seen[a] = 0;
    }
    this.touched.length = 0;
  }
}
