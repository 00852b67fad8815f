import { AccelganError } from '@accelgan/data';

/**
 * A study's units: for each repeat (seed) and fold, `gan` (train the GAN on the fold's
 * training events, generate its synthetic windows) and then `detect` (train every detector
 * under every arm, score them on the fold's held-out events), which needs the first.
 * Every `gan` unit comes before every `detect` unit, repeat by repeat, fold by fold:
 *
 *   index i < R·K:   gan     of repeat ⌊i / K⌋, fold i mod K
 *   index i ≥ R·K:   detect  of the unit i − R·K, needing gan unit i − R·K
 *
 * so that a pool that starts units in index order (xargs -P P, with P ≤ R·K) never starts
 * a detect unit before its gan unit has ended.
 */
export type UnitStage = 'gan' | 'detect';

export interface PlannedUnit {
  readonly index: number;
  /** Directory name under units/, e.g. `gan-s1-f0`. */
  readonly name: string;
  readonly stage: UnitStage;
  readonly seed: number;
  readonly fold: number;
  /** Units that must be done first. */
  readonly needs: readonly number[];
  /**
   * Hash of everything the unit's result depends on (unitKeys): a finished unit counts as
   * done only under its key, so a study planned again keeps the units whose inputs did
   * not change (the GANs, when only a detector or an arm was added).
   */
  readonly key: string;
}

export function planUnits(folds: number, seeds: readonly number[]): Omit<PlannedUnit, 'key'>[] {
  const units: Omit<PlannedUnit, 'key'>[] = [];
  const perStage = folds * seeds.length;
  for (const stage of ['gan', 'detect'] as const) {
    for (const seed of seeds) {
      for (let fold = 0; fold < folds; fold++) {
        const index = units.length;
        units.push({
          index,
          name: `${stage}-s${seed}-f${fold}`,
          stage,
          seed,
          fold,
          needs: stage === 'detect' ? [index - perStage] : [],
        });
      }
    }
  }
  return units;
}

/** Unit `index` of `units`, or a usage error naming the valid range. */
export function unitAt(units: readonly PlannedUnit[], index: number): PlannedUnit {
  const unit = Number.isInteger(index) ? units[index] : undefined;
  if (!unit) throw new AccelganError(`--index must be a unit of this study, 0 to ${units.length - 1}; got ${index}`, 2);
  return unit;
}
