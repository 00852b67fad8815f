import { statistics } from './normalise.js';
import type { Dataset, Normalisation } from './types.js';

export interface ValueStats {
  readonly min: number;
  readonly max: number;
  readonly mean: number;
  readonly std: number;
}

/** Counts and value ranges of a dataset: what `accelgan info` shows. */
export interface DatasetDescription {
  readonly windows: number;
  readonly events: number;
  readonly samplesPerWindow: number;
  readonly windowSeconds: number;
  readonly ictal: number;
  readonly nonIctal: number;
  readonly split: {
    readonly train: { readonly windows: number; readonly events: number };
    readonly val: { readonly windows: number; readonly events: number };
  };
  /** Windows per value, most first. */
  readonly byType: ReadonlyMap<string, number>;
  readonly bySubType: ReadonlyMap<string, number>;
  readonly byUser: ReadonlyMap<string, number>;
  /** Values as stored, and the same in milli-g (undoing the normalisation). */
  readonly values: { readonly normalised: ValueStats; readonly milliG: ValueStats };
  readonly normalisation: Normalisation;
}

export function describeDataset(dataset: Dataset): DatasetDescription {
  const { windows, meta } = dataset;
  const n = windows.eventId.length;
  let ictal = 0;
  for (const label of windows.ictal) ictal += label;
  const trainEvents = new Set<string>();
  const valEvents = new Set<string>();
  let train = 0;
  windows.split.forEach((split, i) => {
    if (split === 'train') {
      train++;
      trainEvents.add(windows.eventId[i]!);
    } else valEvents.add(windows.eventId[i]!);
  });
  const { min, max, mean, std } = statistics(windows.values);
  const { offset, scale } = meta.normalisation;
  // The scaling is affine with scale > 0, so it maps min to min and max to max.
  return {
    windows: n,
    events: new Set(windows.eventId).size,
    samplesPerWindow: windows.samplesPerWindow,
    windowSeconds: meta.windowSeconds,
    ictal,
    nonIctal: n - ictal,
    split: { train: { windows: train, events: trainEvents.size }, val: { windows: n - train, events: valEvents.size } },
    byType: tally(windows.type),
    bySubType: tally(windows.subType),
    byUser: tally(windows.userId),
    values: {
      normalised: { min, max, mean, std },
      milliG: { min: min * scale + offset, max: max * scale + offset, mean: mean * scale + offset, std: std * scale },
    },
    normalisation: meta.normalisation,
  };
}

function tally(values: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return new Map([...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)));
}
