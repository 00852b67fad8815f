import yargs from 'yargs';
// The errors subpath, not the package's index: that loads Arrow, which `--help` must not.
import { isAccelganError } from '@accelgan/data/errors';
import { commands } from './commands/index.js';
import { Interrupted } from './signals.js';
import { sweepStaleTemporaries } from './stale-temporaries.js';
import { printable } from './printable.js';

/** Exit code for usage errors (unknown flag, missing argument), as in BSD sysexits' EX_USAGE. */
const USAGE_EXIT_CODE = 2;

class UsageError extends Error {}

/**
 * Runs the accelgan CLI on `argv` and resolves to the process exit code.
 * Never calls process.exit: every failure is reported as one line on stderr, and a
 * command a signal stopped cleanly exits 128 + the signal's number (signals.ts).
 * Before a command runs, temporaries killed runs left where it writes are removed.
 * Set ACCELGAN_DEBUG=1 to see the stack of an unexpected error.
 */
export async function main(argv: readonly string[]): Promise<number> {
  const program = yargs([...argv])
    .scriptName('accelgan')
    .usage(
      '$0 <command> [options]\n\nLearn wrist-accelerometer seizure recordings and generate realistic synthetic ones.',
    )
    .command(commands)
    .middleware((args) => sweepStaleTemporaries(args as { out?: unknown; run?: unknown }))
    .demandCommand(1, 'Name a command; see accelgan --help.')
    .strict()
    .recommendCommands()
    .help()
    .alias('h', 'help')
    .version()
    .wrap(Math.min(110, process.stdout.columns ?? 100))
    .exitProcess(false)
    .fail((message, error: unknown) => {
      // Errors from command handlers pass through; yargs' own validation failures arrive
      // as a YError or, from .check(), as the string it returned. (yargs may call this
      // again with the UsageError thrown below.)
      if (error instanceof UsageError) throw error;
      if (error instanceof Error && error.name !== 'YError') throw error;
      throw new UsageError(message || String(error ?? 'invalid arguments'));
    });
  try {
    await program.parseAsync();
    return 0;
  } catch (error) {
    // The command stopped cleanly on a signal and said so: exit as a signal would.
    if (error instanceof Interrupted) return error.exitCode;
    // Messages may quote data (an event id, a subtype): printable() keeps them one harmless line.
    if (error instanceof UsageError) {
      process.stderr.write(`accelgan: ${printable(error.message)}\n`);
      return USAGE_EXIT_CODE;
    }
    if (isAccelganError(error)) {
      process.stderr.write(`accelgan: ${printable(error.message)}\n`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`accelgan: unexpected error: ${printable(message.split('\n')[0]!)}\n`);
    if (process.env.ACCELGAN_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    return 1;
  }
}
