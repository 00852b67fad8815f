import {
  discriminativeScore,
  type DiscriminativeOptions,
  type DiscriminativeResult,
} from '../metrics/discriminative.js';
import type { FeatureMatrix } from '../metrics/features.js';
import type { ClassName, PerClass, ProgressFn, WindowSet } from '../types.js';
import { makeRng, sampleIndices, subSeed } from '../util/rng.js';
import { classIndices, subsetWindows } from '../windows.js';
import { RUNGS, rungWindows, type RungId } from './surrogates.js';

/** A discriminative score with its 95% interval. */
export interface ScoreBand {
  readonly score: number;
  readonly lo: number;
  readonly hi: number;
}

export interface LadderRung extends ScoreBand {
  readonly id: RungId;
  readonly label: string;
  readonly meaning: string;
  readonly perClass: PerClass<ScoreBand>;
}

/**
 * The calibration ladder: known fakes made from the real training windows, each scored
 * against the held-out real windows by the tree critic in the discriminative score's own
 * protocol (same folds, seeds and seed), so a generator's score reads between "a copy"
 * and "noise". The IAAFT rung is the first bar a generator must clear.
 */
export interface CalibrationLadder {
  readonly critic: 'trees';
  readonly rungs: readonly LadderRung[];
  /** The generator's own score by the same critic, and its headline (the worst critic), per class. */
  readonly synthetic: { readonly trees: PerClass<ScoreBand> | null; readonly headline: PerClass<ScoreBand> };
  /** Per class: whether the headline lies below the IAAFT rung (null where a side lacks the class). */
  readonly clearsIaaft: Partial<Record<ClassName, boolean>>;
}

export interface LadderOptions extends Pick<DiscriminativeOptions, 'folds' | 'seeds' | 'trees'> {
  readonly seed?: number;
  /** Rich features of the held-out windows, computed once for every rung. */
  readonly richHeldOut?: FeatureMatrix;
  /** The floor's result (or its promise), where it ran the tree critic: the 'real' rung, not scored again. */
  readonly floor?: DiscriminativeResult | Promise<DiscriminativeResult>;
  /** Rungs to score (default all of RUNGS). */
  readonly rungs?: readonly RungId[];
  readonly onProgress?: ProgressFn;
}

/**
 * Scores every rung: rungWindows(training windows, rung, seed of the rung) against
 * realHeldOut with critics ['trees'], the training windows subsampled per class to the
 * held-out side's count (ladderSource). The synthetic result places the generator on the ladder.
 * It and the floor may be promises: the rungs' folds are asked for before either is awaited.
 */
export async function calibrationLadder(
  realHeldOut: WindowSet,
  realTrain: WindowSet,
  synthetic: DiscriminativeResult | Promise<DiscriminativeResult>,
  options: LadderOptions = {},
): Promise<CalibrationLadder> {
  const seed = options.seed ?? 1;
  const wanted = options.rungs ?? RUNGS.map((r) => r.id);
  const source = ladderSource(realTrain, realHeldOut, subSeed(seed, 'ladder/windows'));
  const specs = RUNGS.filter((r) => wanted.includes(r.id));
  let scored = 0;
  // Every rung's folds are asked for at once, so that where the tree critic runs in worker
  // threads (critics/tree-threads.ts) they keep every core busy; the rungs come out in order.
  const results = await Promise.all(
    specs.map(async (spec): Promise<DiscriminativeResult> => {
      const floor = spec.id === 'real' ? await options.floor : undefined;
      const result = floor?.critics.trees
        ? floor
        : await discriminativeScore(realHeldOut, rungWindows(source, spec.id, subSeed(seed, `ladder/${spec.id}`)), {
            critics: ['trees'],
            seed,
            ...(options.folds !== undefined ? { folds: options.folds } : {}),
            ...(options.seeds !== undefined ? { seeds: options.seeds } : {}),
            ...(options.trees ? { trees: options.trees } : {}),
            ...(options.richHeldOut ? { richFeatures: { a: options.richHeldOut } } : {}),
          });
      options.onProgress?.('calibration ladder', ++scored / specs.length);
      return result;
    }),
  );
  const rungs: LadderRung[] = [];
  for (const [k, spec] of specs.entries()) {
    const trees = (results[k] as DiscriminativeResult).critics.trees;
    if (!trees) continue;
    rungs.push({
      id: spec.id,
      label: spec.label,
      meaning: spec.meaning,
      ...band(trees),
      perClass: mapClasses(trees.perClass, band),
    });
  }
  options.onProgress?.('calibration ladder', 1);
  const generator = await synthetic;
  const trees = generator.critics.trees ? mapClasses(generator.critics.trees.perClass, band) : null;
  const headline = mapClasses(generator.perClass, band);
  const iaaft = rungs.find((r) => r.id === 'iaaft');
  const clearsIaaft: Partial<Record<ClassName, boolean>> = {};
  if (iaaft)
    for (const cls of ['all', 'ictal', 'nonIctal'] as const) {
      const bar = iaaft.perClass[cls];
      const mine = headline[cls];
      if (bar && mine) clearsIaaft[cls] = mine.score < bar.score;
    }
  return { critic: 'trees', rungs, synthetic: { trees, headline }, clearsIaaft };
}

/**
 * The training windows the fakes are made from: per class (where both sets are labelled;
 * else all windows) a seeded random subset as large as the held-out side's, or all where
 * fewer — the critics balance the sides to the smaller anyway, so more fakes would not be
 * used. Indices kept in order.
 */
export function ladderSource(train: WindowSet, heldOut: WindowSet, seed: number): WindowSet {
  const rand = makeRng(seed);
  const classes = train.ictal && heldOut.ictal ? (['ictal', 'nonIctal'] as const) : (['all'] as const);
  const keep: number[] = [];
  for (const cls of classes) {
    const it = classIndices(train, cls);
    const n = Math.min(it.length, classIndices(heldOut, cls).length);
    for (const k of sampleIndices(it.length, n, rand)) keep.push(it[k] as number);
  }
  return keep.length === classIndices(train, 'all').length
    ? train
    : subsetWindows(
        train,
        keep.sort((a, b) => a - b),
      );
}

function band(s: { score: number; lo: number; hi: number }): ScoreBand {
  return { score: s.score, lo: s.lo, hi: s.hi };
}

function mapClasses<T, U>(perClass: PerClass<T>, f: (t: T) => U): PerClass<U> {
  const out: Partial<Record<ClassName, U>> = {};
  for (const cls of ['all', 'ictal', 'nonIctal'] as const) {
    const v = perClass[cls];
    if (v !== undefined) out[cls] = f(v);
  }
  return out as PerClass<U>;
}
