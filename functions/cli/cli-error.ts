/**
 * Failures a `kb` command reports to the user and turns into an exit code (1 = failed,
 * 2 = wrong usage), instead of a stack trace.
 */
import { MujibError } from '#core/errors.ts';

export class CliError extends MujibError {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
    options?: { cause?: unknown },
  ) {
    super(message, { exitCode }, options);
  }
}

/** A bad command line (unknown option, missing argument): exit 2 with the usage text. */
export class UsageError extends CliError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, 2, options);
  }
}
