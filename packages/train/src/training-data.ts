import { AccelganError, ingest, readDataset, recordingGroups, type Dataset, type ScaleMethod } from '@accelgan/data';
import { assignClasses, type Condition } from './conditioning.js';
import type { HeldOutWindows } from './discriminator-memory.js';
import { windowsOnGrid } from './watch-grid.js';

export interface TrainingDataOptions {
  readonly scale: Exclude<ScaleMethod, 'none'>;
  readonly windowSeconds: number;
  readonly valFraction: number;
  readonly seed: number;
}

/**
 * Opens what `accelgan train` was given: one Arrow dataset as ingested, or OSDB
 * files ingested on the fly with the architecture's normalisation, for convenience.
 */
export async function openTrainingData(paths: readonly string[], options: TrainingDataOptions): Promise<Dataset> {
  if (paths.length === 0) throw new AccelganError('name a dataset or OSDB files to train on');
  if (paths.length === 1 && paths[0]!.toLowerCase().endsWith('.arrow')) {
    const dataset = await readDataset(paths[0]!);
    if (dataset.meta.normalisation.method === 'none') {
      throw new AccelganError(
        `${paths[0]} holds un-normalised milli-g (a generated file?); ingest real recordings to train on`,
      );
    }
    return dataset;
  }
  const { dataset } = await ingest([...paths], {
    windowSeconds: options.windowSeconds,
    valFraction: options.valFraction,
    seed: options.seed,
    scale: options.scale,
  });
  return dataset;
}

/**
 * The held-out split's windows with the training classes' labels (windows of a class
 * training lacks are left out); null where there are none. With `gridFlags`, each window's
 * flag on the watch's grid by its recording (watch-grid.ts), as training windows have them.
 */
export function heldOutWindows(
  dataset: Dataset,
  condition: Condition,
  classNames: readonly string[],
  gridFlags = false,
): HeldOutWindows | null {
  const held = splitWindows(dataset, 'val');
  if (held.count === 0) return null;
  const assigned = assignClasses(held, condition);
  const index = new Map(classNames.map((name, i) => [name, i]));
  const trainingClass = Array.from(assigned.labels, (label) => index.get(assigned.classNames[label]!)); // undefined: a class training lacks
  const kept = [...trainingClass.keys()].filter((i) => trainingClass[i] !== undefined);
  const L = held.samplesPerWindow;
  const values = new Float32Array(kept.length * L);
  kept.forEach((i, k) => values.set(held.values.subarray(i * L, (i + 1) * L), k * L));
  const labels = Int32Array.from(kept, (i) => trainingClass[i]!);
  if (!gridFlags) return { values, labels };
  const flags = windowsOnGrid(held.values, L, held.eventId, dataset.meta.normalisation);
  return { values, labels, onGrid: Uint8Array.from(kept, (i) => flags[i]!) };
}

/** Each row's recording group (recordingGroups: events of one user whose recordings overlap), numbered in order of first appearance. */
export function recordingIndex(dataset: Dataset, rows: readonly number[]): Int32Array {
  const groups = recordingGroups(dataset.windows);
  const numbers = new Map<string, number>();
  return Int32Array.from(rows, (row) => {
    const group = groups.get(dataset.windows.eventId[row]!)!;
    if (!numbers.has(group)) numbers.set(group, numbers.size);
    return numbers.get(group)!;
  });
}

/** One split's windows, as contiguous values plus the columns conditioning needs. */
export function splitWindows(dataset: Dataset, split: 'train' | 'val') {
  const w = dataset.windows;
  const L = w.samplesPerWindow;
  const rows: number[] = [];
  for (let i = 0; i < w.split.length; i++) if (w.split[i] === split) rows.push(i);
  const values = new Float32Array(rows.length * L);
  rows.forEach((row, i) => values.set(w.values.subarray(row * L, (row + 1) * L), i * L));
  const pick = <T>(column: readonly T[]) => rows.map((row) => column[row]!);
  const times = (column: Float64Array) => Float64Array.from(rows, (row) => column[row]!);
  return {
    rows,
    count: rows.length,
    values,
    samplesPerWindow: L,
    ictal: Uint8Array.from(rows, (row) => w.ictal[row]!),
    startTime: times(w.startTime),
    seizureStart: times(w.seizureStart),
    seizureEnd: times(w.seizureEnd),
    subType: pick(w.subType),
    type: pick(w.type),
    eventId: pick(w.eventId),
  };
}

/** Most common OSDB event type of each class's training windows, for exported events. */
export function classEventTypes(types: readonly string[], labels: Int32Array, numClasses: number): string[] {
  const counts = Array.from({ length: numClasses }, () => new Map<string, number>());
  types.forEach((type, i) => counts[labels[i]!]!.set(type, (counts[labels[i]!]!.get(type) ?? 0) + 1));
  return counts.map((m) => [...m].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'Seizure');
}
