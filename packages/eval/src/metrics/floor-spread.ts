import { subSeed } from '../util/rng.js';
import { spread, type Spread } from '../util/stats.js';
import { classIndices, recordingKeys, reSplits } from '../windows.js';
import { DISTANCE_NAMES, compareProfiles, type DistanceMetrics } from './compare.js';
import type { SetProfile } from './profile.js';
import type { ClassName, PerClass } from '../types.js';

/** Each distance's real-vs-real values over random splits, summarised. */
export type DistanceSpread = { readonly [K in keyof DistanceMetrics]: Spread };

export interface FloorSpreadOptions {
  /** How many random splits (default 20). */
  readonly splits?: number;
  /** Fraction of recording groups held out in each split: the actual split's. */
  readonly fraction: number;
  /** The MMD kernel width, the floor's. */
  readonly sigma: number;
  readonly seed: number;
}

/**
 * The real-vs-real spread of every distance. The floor is one split of the real recordings
 * into training and held-out events, and with a few dozen events that one number moves a
 * lot with which events fell where (docs/lab/2026-12-07-history.md has an example). So the
 * real windows, training and held-out together (`pool`), are split again `splits` times by
 * recording group (overlapping recordings of one user stay together, as in the data package's split) at the actual
 * held-out fraction, and each split's distances are computed exactly as the floor's are:
 * held-out side against training side, per class, every window of the class. Returns the
 * quartiles per class and distance; a class absent from a split's side is left out of
 * that split.
 */
export function floorSpread(pool: SetProfile, options: FloorSpreadOptions): PerClass<DistanceSpread> {
  const splits = options.splits ?? 20;
  const keys = recordingKeys(pool.set);
  const values: Partial<Record<ClassName, Record<keyof DistanceMetrics, number[]>>> = {};
  reSplits(keys, options.fraction, { splits, seed: options.seed, stream: 'floor-spread' }).forEach(
    ({ first: train }, s) => {
      const trainSet = new Set(train);
      for (const cls of ['all', 'ictal', 'nonIctal'] as const) {
        const members = classIndices(pool.set, cls);
        const ia = members.filter((i) => !trainSet.has(i));
        const ib = members.filter((i) => trainSet.has(i));
        if (!ia.length || !ib.length) continue;
        const d = compareProfiles(pool, ia, pool, ib, {
          sigma: options.sigma,
          seed: subSeed(options.seed, `floor-spread/${s}/${cls}`),
        });
        const into = (values[cls] ??= Object.fromEntries(DISTANCE_NAMES.map((k) => [k, [] as number[]])) as Record<
          keyof DistanceMetrics,
          number[]
        >);
        for (const k of DISTANCE_NAMES) if (Number.isFinite(d[k])) into[k].push(d[k]);
      }
    },
  );
  const out: Partial<Record<ClassName, DistanceSpread>> = {};
  for (const [cls, byName] of Object.entries(values) as [ClassName, Record<keyof DistanceMetrics, number[]>][]) {
    out[cls] = Object.fromEntries(DISTANCE_NAMES.map((k) => [k, spread(byName[k])])) as unknown as DistanceSpread;
  }
  return out as PerClass<DistanceSpread>;
}
