import { createHash } from 'node:crypto';
import { AccelganError, type WindowTable } from '@accelgan/data';
import type { StudyPlan } from './plan.js';

/** A fold's windows: the training rows (every other fold's events) and the held-out rows (its own). */
export interface FoldRows {
  readonly train: readonly number[];
  readonly heldOut: readonly number[];
}

/** The rows of `windows` on each side of fold `fold` of the repeat with seed `seed`. */
export function foldRows(plan: StudyPlan, windows: Pick<WindowTable, 'eventId'>, seed: number, fold: number): FoldRows {
  const repeat = plan.repeats.find((r) => r.seed === seed);
  if (!repeat) throw new AccelganError(`the plan has no repeat with seed ${seed}`);
  const train: number[] = [];
  const heldOut: number[] = [];
  windows.eventId.forEach((id, i) => {
    const f = repeat.folds[id];
    if (f === undefined)
      throw new AccelganError(`event ${id} of the study's dataset is not in its plan; plan the study again`);
    (f === fold ? heldOut : train).push(i);
  });
  return { train, heldOut };
}

/** The rows of a window table, as a table of their own. */
export function subsetTable(table: WindowTable, rows: readonly number[]): WindowTable {
  const l = table.samplesPerWindow;
  const values = new Float32Array(rows.length * l);
  rows.forEach((row, k) => values.set(table.values.subarray(row * l, (row + 1) * l), k * l));
  const pick = <T>(column: readonly T[]) => rows.map((row) => column[row]!);
  const times = (column: Float64Array) => Float64Array.from(rows, (row) => column[row]!);
  return {
    samplesPerWindow: l,
    values,
    eventId: pick(table.eventId),
    userId: pick(table.userId),
    type: pick(table.type),
    subType: pick(table.subType),
    startTime: times(table.startTime),
    ictal: Uint8Array.from(rows, (row) => table.ictal[row]!),
    seizureStart: times(table.seizureStart),
    seizureEnd: times(table.seizureEnd),
    split: pick(table.split),
  };
}

/**
 * A short digest of every window's samples (sha256 of its float32 bytes, 16 hex digits),
 * recorded beside a unit's outputs so that a held-out window among its training windows
 * can be found by content, not only by event id (overlapping recordings share samples).
 */
export function windowDigests(values: Float32Array, samplesPerWindow: number): string[] {
  const n = values.length / samplesPerWindow;
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const row = values.subarray(i * samplesPerWindow, (i + 1) * samplesPerWindow);
    out.push(
      createHash('sha256')
        .update(new Uint8Array(row.buffer, row.byteOffset, row.byteLength))
        .digest('hex')
        .slice(0, 16),
    );
  }
  return out;
}

/** Distinct values, sorted. */
export function sortedUnique(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}
