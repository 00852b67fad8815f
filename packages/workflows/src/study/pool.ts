import { AccelganError } from '@accelgan/data';
import { readPlan } from './plan.js';
import { runStudyUnit, unitStates } from './run-unit.js';
import type { PlannedUnit, UnitStage } from './units.js';

/** Where a pool stands, for a progress line. */
export interface PoolProgress {
  readonly total: number;
  readonly done: number;
  readonly running: number;
  /** Units neither done nor running (including those that can no longer run after a failure). */
  readonly remaining: number;
  readonly failed: number;
  /** Seconds left at the pace of the units finished so far in this pool (per stage), or null before one has finished. */
  readonly etaSeconds: number | null;
}

export interface PoolOptions {
  /** Units run at once. */
  readonly workers: number;
  /**
   * Runs unit `index` and resolves when it is done; rejects with the unit's one-line
   * error. The CLI starts `accelgan study run STUDY --index I` as a child process; the
   * default runs the unit in this process, which allows one worker only (TensorFlow.js
   * state is per process).
   */
  readonly launch?: (index: number) => Promise<void>;
  readonly onProgress?: (progress: PoolProgress) => void;
  /** A unit failed: its index, name and error line. */
  readonly onFailure?: (unit: PlannedUnit, message: string) => void;
}

export interface PoolResult {
  /** Units this pool ran. */
  readonly ran: number;
  /** Units already done before it started. */
  readonly alreadyDone: number;
  readonly failed: readonly { readonly index: number; readonly name: string; readonly message: string }[];
  /** Units not run because a unit they need failed. */
  readonly blocked: readonly number[];
}

/**
 * Runs every unit of the study in `dir` that is not done, `workers` at a time: the
 * lowest-indexed detect unit whose GAN is done, else the lowest-indexed unit whose needs
 * are done. Not a scheduler: a pool over the index
 * list on this machine. A failed unit does not stop the others; the units that need it
 * are left out and listed.
 */
export async function runStudyUnits(dir: string, options: PoolOptions): Promise<PoolResult> {
  const plan = await readPlan(dir);
  if (!Number.isInteger(options.workers) || options.workers < 1)
    throw new AccelganError(`--workers must be a whole number of at least 1; got ${options.workers}`, 2);
  if (!options.launch && options.workers > 1)
    throw new Error('more than one worker needs a launch that starts a process per unit');
  const launch = options.launch ?? ((index: number) => runStudyUnit(dir, index).then(() => undefined));
  const states = await unitStates(dir, plan);
  const done = new Set(plan.units.filter((_, i) => states[i]).map((u) => u.index));
  const alreadyDone = done.size;
  const failed: { index: number; name: string; message: string }[] = [];
  const failedSet = new Set<number>();
  const running = new Set<number>();
  const pending = plan.units.filter((u) => !done.has(u.index)).map((u) => u.index);
  const timings: Record<UnitStage, number[]> = { gan: [], detect: [] };
  let ran = 0;

  const blockedBy = (index: number): boolean => plan.units[index]!.needs.some((n) => failedSet.has(n) || blockedBy(n));
  const ready = (index: number): boolean => plan.units[index]!.needs.every((n) => done.has(n));
  const progress = () => {
    const waiting = pending.filter((i) => !running.has(i));
    options.onProgress?.({
      total: plan.units.length,
      done: done.size,
      running: running.size,
      remaining: waiting.length,
      failed: failed.length,
      etaSeconds: eta(
        [...running, ...waiting].map((i) => plan.units[i]!),
        timings,
        options.workers,
      ),
    });
  };

  await new Promise<void>((resolve) => {
    const fill = () => {
      while (running.size < options.workers) {
        // A detect unit whose GAN is done goes first: its results, and the pace of its stage, come early.
        const candidates = pending.filter((i) => !running.has(i) && ready(i));
        const next = candidates.find((i) => plan.units[i]!.stage === 'detect') ?? candidates[0];
        if (next === undefined) break;
        running.add(next);
        const unit = plan.units[next]!;
        const t0 = performance.now();
        launch(next).then(
          () => {
            timings[unit.stage].push((performance.now() - t0) / 1000);
            done.add(next);
            ran++;
            finish(next);
          },
          (error: unknown) => {
            const message = error instanceof Error ? error.message : String(error);
            failed.push({ index: next, name: unit.name, message });
            failedSet.add(next);
            options.onFailure?.(unit, message);
            finish(next);
          },
        );
      }
      // Drop what can never run: units needing a failed one.
      for (let k = pending.length - 1; k >= 0; k--)
        if (blockedBy(pending[k]!) && !running.has(pending[k]!)) pending.splice(k, 1);
      progress();
      if (running.size === 0) resolve();
    };
    const finish = (index: number) => {
      running.delete(index);
      pending.splice(pending.indexOf(index), 1);
      fill();
    };
    fill();
  });
  const blocked = plan.units.filter((u) => !done.has(u.index) && !failedSet.has(u.index)).map((u) => u.index);
  return { ran, alreadyDone, failed, blocked };
}

/** Seconds left: each unit to go at its stage's mean time so far, spread over the workers; null while a stage to go has no time yet. */
function eta(units: readonly PlannedUnit[], timings: Record<UnitStage, number[]>, workers: number): number | null {
  let seconds = 0;
  for (const unit of units) {
    const times = timings[unit.stage];
    if (!times.length) return units.length ? null : 0;
    seconds += times.reduce((a, b) => a + b, 0) / times.length;
  }
  return seconds / Math.max(1, Math.min(workers, units.length || 1));
}
