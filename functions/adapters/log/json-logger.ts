/**
 * Structured JSON logger: one line per event with a timestamp and level. Lambda's JSON log
 * format and CloudWatch metric filters read the `event` and `outcome` fields.
 */
import type { Logger } from '#core/ports.ts';

type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export class JsonLogger implements Logger {
  constructor(
    private readonly options: {
      level?: Level;
      base?: Record<string, unknown>;
      write?: (line: string) => void;
    } = {},
  ) {}

  info(event: string, fields?: Record<string, unknown>): void {
    this.log('info', event, fields);
  }
  warn(event: string, fields?: Record<string, unknown>): void {
    this.log('warn', event, fields);
  }
  error(event: string, fields?: Record<string, unknown>): void {
    this.log('error', event, fields);
  }

  /** A logger that adds `fields` (e.g. a request id) to every line. */
  child(fields: Record<string, unknown>): JsonLogger {
    return new JsonLogger({ ...this.options, base: { ...this.options.base, ...fields } });
  }

  private log(level: Level, event: string, fields?: Record<string, unknown>): void {
    if (ORDER[level] < ORDER[this.options.level ?? 'info']) return;
    const line = JSON.stringify({
      time: new Date().toISOString(),
      level,
      event,
      ...this.options.base,
      ...fields,
    });
    (this.options.write ?? ((l: string) => process.stdout.write(l + '\n')))(line);
  }
}

/** A logger that keeps lines in memory (tests, and the local server's recent-errors view). */
export class MemoryLogger implements Logger {
  readonly lines: { level: Level; event: string; fields: Record<string, unknown> }[] = [];
  info(event: string, fields: Record<string, unknown> = {}): void {
    this.lines.push({ level: 'info', event, fields });
  }
  warn(event: string, fields: Record<string, unknown> = {}): void {
    this.lines.push({ level: 'warn', event, fields });
  }
  error(event: string, fields: Record<string, unknown> = {}): void {
    this.lines.push({ level: 'error', event, fields });
  }
}
