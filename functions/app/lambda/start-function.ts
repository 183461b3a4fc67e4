/**
 * Runs a function's composition during INIT (the handler module awaits it at top level). A
 * composition that fails — a missing variable, an unreadable secret, an index that does not
 * load — is logged as one `init_failed` JSON line naming the function and the cause, and the
 * cold start fails with a FunctionInitError carrying it: Lambda reports the init error and tries
 * a fresh init on the next invocation, instead of every request failing in a half-built app.
 */
import { MujibError } from '#core/errors.ts';

export class FunctionInitError extends MujibError {
  constructor(
    readonly service: string,
    cause: unknown,
  ) {
    super(`the ${service} function could not start: ${describe(cause)}`, { service }, { cause });
  }
}

export async function startFunction<T>(
  service: string,
  compose: () => Promise<T>,
  write: (line: string) => void = (line) => void process.stdout.write(line + '\n'),
): Promise<T> {
  try {
    return await compose();
  } catch (error) {
    const failure = new FunctionInitError(service, error);
    write(
      JSON.stringify({
        level: 'ERROR',
        message: 'init_failed',
        event: 'init_failed',
        service,
        timestamp: new Date().toISOString(),
        error: failure.message,
        cause: describe(error),
        stack: error instanceof Error ? error.stack : undefined,
      }),
    );
    throw failure;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
