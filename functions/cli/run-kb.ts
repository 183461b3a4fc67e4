/**
 * The `kb` command dispatcher: picks the command, runs it with an Output, and turns failures
 * into exit codes (0 ok, 1 failed, 2 usage). Commands are imported lazily so one command's
 * dependencies (e.g. the retrieval code for `ask`) do not break the others.
 */
import { MujibError } from '#core/errors.ts';
import { CliError } from './cli-error.ts';
import type { Output } from './output.ts';
import { USAGE } from './usage.ts';

type Command = (args: string[], io: Output) => Promise<number>;

const COMMANDS: Record<string, () => Promise<Command>> = {
  build: async () => (await import('./commands/build.ts')).runBuild,
  lint: async () => (await import('./commands/lint.ts')).runLint,
  ask: async () => (await import('./commands/ask.ts')).runAsk,
  gaps: async () => (await import('./commands/gaps.ts')).runGaps,
  pull: async () => (await import('./commands/pull.ts')).runPull,
  push: async () => (await import('./commands/push.ts')).runPush,
  // eval.ts belongs to the retrieval work and prints to the console itself; the specifier is a
  // variable so the rest of kb type-checks and runs while it is missing.
  eval: async () => {
    const specifier = './commands/eval.ts';
    const loaded = (await import(specifier).catch((error: unknown) => {
      throw new CliError('kb eval is not available in this checkout', 1, { cause: error });
    })) as { runEval: (args: string[]) => Promise<number> };
    return (args) => loaded.runEval(args);
  },
};

/**
 * Runs `kb <command> ...args`; resolves to the exit code.
 * @example process.exitCode = await runKb(['lint', 'knowledge'], consoleOutput());
 */
export async function runKb(argv: string[], io: Output): Promise<number> {
  const [name, ...args] = argv;
  if (name === 'help' || name === '--help' || name === '-h') {
    io.out(USAGE);
    return 0;
  }
  if (name === undefined) {
    io.err(USAGE);
    return 2;
  }
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!load) {
    io.err(`kb: unknown command '${name}'`);
    io.err(USAGE);
    return 2;
  }
  try {
    const command = await load();
    return await command(args, io);
  } catch (error) {
    if (error instanceof CliError) {
      io.err(`kb ${name}: ${error.message}`);
      if (error.exitCode === 2) io.err(USAGE);
      return error.exitCode;
    }
    if (error instanceof MujibError) {
      io.err(`kb ${name}: ${error.message}`);
      return 1;
    }
    io.err(
      `kb ${name}: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    return 1;
  }
}
