/**
 * What a signal does to an accelgan command. Schedulers (Kubernetes, SLURM, `timeout`,
 * `docker stop`, systemd) stop a process with SIGTERM, a terminal with SIGINT (Ctrl-C)
 * or SIGHUP. Every command exits 128 + the signal's number, and its exit handlers remove
 * its temporary files (@accelgan/data's atomic writes) and release its run lock. A
 * command that can stop cleanly (`train`: finish the step, save a checkpoint) takes the
 * first signal itself through `stopCleanly`; a second signal quits at once.
 *
 * This module imports nothing, so that `accelgan --help` stays light.
 */

const SIGNAL_NUMBERS = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as const;
export type StopSignal = keyof typeof SIGNAL_NUMBERS;

let onStop: ((signal: StopSignal) => void) | null = null;
let stopping = false;

/** 128 + the signal's number, as shells report a process a signal ended. */
export function exitCodeOf(signal: StopSignal): number {
  return 128 + SIGNAL_NUMBERS[signal];
}

/** For bin.ts: every command handles SIGINT, SIGTERM and SIGHUP (deliverSignal) for the life of the process. */
export function handleSignals(): void {
  for (const signal of Object.keys(SIGNAL_NUMBERS) as StopSignal[]) process.on(signal, () => deliverSignal(signal));
}

/** A signal arrived: the command's clean stop the first time, where it has one; else exit now (exit handlers clean up). */
export function deliverSignal(signal: StopSignal): void {
  if (onStop && !stopping) {
    stopping = true;
    onStop(signal);
    return;
  }
  process.exit(exitCodeOf(signal));
}

/**
 * Until the returned function is called, the first signal calls `stop` instead of
 * exiting: the command stops cleanly, then throws Interrupted so that main exits
 * 128 + the signal's number.
 */
export function stopCleanly(stop: (signal: StopSignal) => void): () => void {
  onStop = stop;
  stopping = false;
  return () => {
    if (onStop !== stop) return;
    onStop = null;
    stopping = false;
  };
}

/** A command stopped cleanly on a signal and has said so: main returns 128 + its number and prints nothing more. */
export class Interrupted extends Error {
  override readonly name = 'Interrupted';
  constructor(readonly signal: StopSignal) {
    super(`stopped by ${signal}`);
  }

  get exitCode(): number {
    return exitCodeOf(this.signal);
  }
}
