/**
 * Time and ids for a deterministic replay: a clock that stands on the replay's day and moves
 * only when the replay says so (one second per customer), and counter ids.
 */
import type { Clock, Ids } from '#core/ports.ts';

export class ReplayClock implements Clock {
  private ms: number;

  constructor(day: string) {
    this.ms = Date.parse(`${day}T09:00:00.000Z`);
  }

  now(): Date {
    return new Date(this.ms);
  }

  /** Moves to 09:00 UTC of `day` (YYYY-MM-DD). */
  startDay(day: string): void {
    this.ms = Date.parse(`${day}T09:00:00.000Z`);
  }

  /** One second later: the next customer's turn. */
  tick(): void {
    this.ms += 1_000;
  }
}

export class CounterIds implements Ids {
  private n = 0;
  constructor(private readonly prefix: string) {}
  next(): string {
    return `${this.prefix}-${++this.n}`;
  }
}
