/**
 * The rows of a pair table (pair-table.ts) that are too long to walk per question: keys found in
 * more articles than a cap (stop words, features of most articles). Like a Lunr-style engine
 * capping its work on very common terms, the scorers leave these out of the per-article pass:
 * an article the rest of the question brings forward gets its exact value from the row (binary
 * search), every other article the row's mean over the collection. Rows are decoded once and
 * kept (a bounded number), with per-row sums cached, so a question's cost does not grow with the
 * collection. Below the cap nothing changes: every row is walked as before.
 */
import type { PairTable } from './pair-table.ts';

/** At most this many long rows are kept decoded per table. */
const MAX_CACHED = 256;

export class CommonRows {
  private readonly rows = new Map<number, Int32Array>();
  /** Per sum key: row position → sum (keyed apart: no key string built per call). */
  private readonly sums = new Map<string, Map<number, number>>();
  private sumCount = 0;

  constructor(private readonly table: PairTable) {}

  /** The row at `position`, decoded (kept for next time while the cache has room). */
  row(position: number): Int32Array {
    let row = this.rows.get(position);
    if (!row) {
      row = this.table.row(position);
      if (this.rows.size < MAX_CACHED) this.rows.set(position, row);
    }
    return row;
  }

  /**
   * Σ over the row of `value(count, a, b)`, cached under `key` (naming `value` and its
   * parameters `a`, `b`): `value` is a function made once, its parameters passed along, so a
   * cached sum costs no closure per call.
   */
  sum(
    position: number,
    key: string,
    value: (v: number, a: number, b: number) => number,
    a = 0,
    b = 0,
  ): number {
    let byPosition = this.sums.get(key);
    let s = byPosition?.get(position);
    if (s === undefined) {
      s = 0;
      const row = this.row(position);
      for (let i = 1; i < row.length; i += 2) s += value(row[i] as number, a, b);
      if (this.sumCount < 4 * MAX_CACHED) {
        if (!byPosition) this.sums.set(key, (byPosition = new Map()));
        byPosition.set(position, s);
        this.sumCount++;
      }
    }
    return s;
  }
}

/** The value paired with `article` in a row (articles ascending), or undefined. */
export function valueOf(row: Int32Array, article: number): number | undefined {
  let lo = 0;
  let hi = row.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const a = row[2 * mid] as number;
    if (a === article) return row[2 * mid + 1] as number;
    if (a < article) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}
