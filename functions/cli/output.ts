/**
 * Where a `kb` command writes: stdout for results, stderr for progress and diagnostics. Commands
 * take an `Output` so tests run them in-process and read what they printed.
 */
export interface Output {
  /** One line of results on stdout. */
  out(line: string): void;
  /** One line of diagnostics or progress on stderr. */
  err(line: string): void;
  /** Rewrites the current stderr line (progress on a terminal); falls back to `err` elsewhere. */
  status(line: string): void;
  /** Whether stderr is an interactive terminal (progress may redraw in place). */
  readonly isTTY: boolean;
}

/** The process's own stdout/stderr. */
export function consoleOutput(): Output {
  const isTTY = Boolean(process.stderr.isTTY);
  let pending = false;
  const clear = (): void => {
    if (pending) process.stderr.write('\r\x1b[K');
    pending = false;
  };
  return {
    isTTY,
    out: (line) => {
      clear();
      process.stdout.write(`${line}\n`);
    },
    err: (line) => {
      clear();
      process.stderr.write(`${line}\n`);
    },
    status: (line) => {
      if (!isTTY) return void process.stderr.write(`${line}\n`);
      process.stderr.write(`\r\x1b[K${line}`);
      pending = true;
    },
  };
}

/** Collects lines in memory, for tests. */
export interface MemoryOutput extends Output {
  readonly stdout: string[];
  readonly stderr: string[];
}

export function memoryOutput(isTTY = false): MemoryOutput {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    isTTY,
    stdout,
    stderr,
    out: (line) => void stdout.push(line),
    err: (line) => void stderr.push(line),
    status: (line) => void stderr.push(line),
  };
}
