import { createHash, randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { AccelganError, readDataset, writeFileAtomic, type WindowTable } from '@accelgan/data';
import { runDetectUnit } from './detect-unit.js';
import { runGanUnit } from './gan-unit.js';
import { lockHeld, lockUnit } from './lock.js';
import { readPlan, STUDY_FILES, type StudyPlan } from './plan.js';
import { unitAt, type PlannedUnit } from './units.js';
import { versionsHere } from './versions.js';

/** Files every finished unit directory holds. */
export const UNIT_FILES = { record: 'unit.json', scores: 'scores.json' } as const;

/** unit.json: the unit, the plan it belongs to, its resolved settings, backend, versions and timing. */
export interface UnitRecord {
  readonly format: 'accelgan-study-unit';
  readonly version: 1;
  readonly plan: string;
  readonly unit: PlannedUnit;
  readonly options: StudyPlan['options'];
  readonly host: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly seconds: number;
  readonly versions: Readonly<Record<string, string>>;
  readonly result: unknown;
}

export interface RunUnitOptions {
  /** A note to show (a lock taken over). */
  readonly onNote?: (line: string) => void;
  /** Fraction of the unit done. */
  readonly onProgress?: (fraction: number) => void;
  /**
   * Wait for a prerequisite unit that is running (its lock held) rather than refuse, as a
   * pool that starts units in index order (xargs -P) needs; one that is neither done nor
   * running is still refused, after a grace period for a process that has just started.
   */
  readonly wait?: boolean;
  /** Milliseconds between checks while waiting, and how long a prerequisite that is not running gets to start (tests shorten both). */
  readonly waitPollMs?: number;
  readonly waitGraceMs?: number;
}

/** The unit's final directory, and where its lock and temporaries live. */
export function unitPaths(dir: string, unit: PlannedUnit) {
  const units = join(dir, STUDY_FILES.units);
  return {
    units,
    final: join(units, unit.name),
    lock: join(units, `.${unit.name}.lock`),
    temporaryPrefix: `.${unit.name}.`,
  };
}

/** Whether `unit`'s directory is in place, finished, under the unit's key (the same inputs as this plan's). */
export async function unitDone(dir: string, unit: PlannedUnit): Promise<boolean> {
  const record = await readFile(join(unitPaths(dir, unit).final, UNIT_FILES.record), 'utf8').catch(() => null);
  if (record === null) return false;
  try {
    return (JSON.parse(record) as UnitRecord).unit.key === unit.key;
  } catch {
    return false;
  }
}

/**
 * Runs unit `index` of the study in `dir` unless it is done: checks that the units it
 * needs are done (one line naming the first that is not), takes the unit's lock, removes
 * what an earlier, killed attempt left, works in a temporary directory beside the unit's
 * and renames it into place as the last step, so the unit's directory appears whole or
 * not at all. Returns whether it ran or was already done.
 */
export async function runStudyUnit(dir: string, index: number, options: RunUnitOptions = {}): Promise<'ran' | 'done'> {
  const plan = await readPlan(dir);
  const unit = unitAt(plan.units, index);
  if (await unitDone(dir, unit)) return 'done';
  for (const need of unit.needs) {
    const first = plan.units[need]!;
    if (options.wait) await waitFor(dir, first, options.waitPollMs ?? 5_000, options.waitGraceMs ?? 30_000);
    if (!(await unitDone(dir, first)))
      throw new AccelganError(
        `unit ${unit.index} (${unit.name}) needs unit ${first.index} (${first.name}), which is not done; run it first (accelgan study run ${dir} --index ${first.index})`,
      );
  }
  const paths = unitPaths(dir, unit);
  await mkdir(paths.units, { recursive: true });
  const release = await lockUnit(paths.lock, `unit ${unit.index} (${unit.name})`, options.onNote);
  try {
    // Another process may have finished it between the check and the lock.
    if (await unitDone(dir, unit)) return 'done';
    await removeLeftovers(paths);
    const temporary = join(paths.units, `${paths.temporaryPrefix}${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    await mkdir(temporary);
    try {
      const startedAt = new Date();
      const windows = (await readDataset(join(dir, STUDY_FILES.dataset))).windows;
      checkDataset(plan, windows, dir);
      let result: unknown;
      if (unit.stage === 'gan') {
        result = await runGanUnit(plan, unit, windows, join(dir, STUDY_FILES.dataset), temporary, options.onProgress);
      } else {
        const gan = plan.units[unit.needs[0]!]!;
        const { scores, record } = await runDetectUnit(
          plan,
          unit,
          windows,
          unitPaths(dir, gan).final,
          options.onProgress,
        );
        await writeFileAtomic(join(temporary, UNIT_FILES.scores), `${JSON.stringify(scores, null, 1)}\n`);
        result = record;
      }
      const finishedAt = new Date();
      const record: UnitRecord = {
        format: 'accelgan-study-unit',
        version: 1,
        plan: plan.id,
        unit,
        options: plan.options,
        host: hostname(),
        startedAt: startedAt.toISOString(),
        finishedAt: finishedAt.toISOString(),
        seconds: (finishedAt.getTime() - startedAt.getTime()) / 1000,
        versions: versionsHere(),
        result,
      };
      await writeFileAtomic(join(temporary, UNIT_FILES.record), `${JSON.stringify(record, null, 1)}\n`);
      // A unit of an earlier plan with other inputs (planned again with --force) makes way.
      await rm(paths.final, { recursive: true, force: true });
      await rename(temporary, paths.final);
    } catch (error) {
      await rm(temporary, { recursive: true, force: true });
      throw error;
    }
    return 'ran';
  } finally {
    await release();
  }
}

/** Returns once `unit` is done, or is neither done nor running after the grace period. */
async function waitFor(dir: string, unit: PlannedUnit, pollMs: number, graceMs: number): Promise<void> {
  const lock = unitPaths(dir, unit).lock;
  let idleSince = Date.now();
  while (!(await unitDone(dir, unit))) {
    if (await lockHeld(lock)) idleSince = Date.now();
    else if (Date.now() - idleSince > graceMs) return;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

/** Temporary directories of this unit left by attempts that were killed (the lock is ours, so none is live). */
async function removeLeftovers(paths: ReturnType<typeof unitPaths>): Promise<void> {
  for (const name of await readdir(paths.units)) {
    if (name.startsWith(paths.temporaryPrefix) && name.endsWith('.tmp'))
      await rm(join(paths.units, name), { recursive: true, force: true });
  }
}

/** The dataset must be the one the plan was made from. */
function checkDataset(plan: StudyPlan, windows: WindowTable, dir: string): void {
  const { values } = windows;
  const sha = createHash('sha256')
    .update(new Uint8Array(values.buffer, values.byteOffset, values.byteLength))
    .digest('hex');
  if (windows.eventId.length !== plan.data.windows || sha !== plan.data.valuesSha256)
    throw new AccelganError(
      `${join(dir, STUDY_FILES.dataset)} is not the dataset the plan was made from; plan the study again`,
    );
}

/** Every unit's state: done for this plan, or not. */
export async function unitStates(dir: string, plan: StudyPlan): Promise<boolean[]> {
  return Promise.all(plan.units.map((unit) => unitDone(dir, unit)));
}
