import { tInterval, type Interval } from '../util/stats.js';

/** A two-sample discriminative score: |balanced accuracy - 0.5| with its 95% interval. */
export interface ScoreWithCI {
  /** |mean balanced accuracy - 0.5|, in [0, 0.5]. */
  readonly score: number;
  readonly lo: number;
  readonly hi: number;
  /** Balanced accuracy over the folds × seeds runs, with its 95% t-interval. */
  readonly accuracy: Interval;
}

/**
 * Score and interval from per-run balanced accuracies: the t-interval [a_lo, a_hi] of the
 * mean accuracy is mapped through |a - 0.5|: when it contains 0.5 the score interval is
 * [0, max(0.5 - a_lo, a_hi - 0.5)], otherwise [min, max] of |a_lo - 0.5| and |a_hi - 0.5|.
 * Both ends are clipped to [0, 0.5].
 */
export function scoreFromAccuracies(accuracies: readonly number[]): ScoreWithCI {
  const accuracy = tInterval(accuracies);
  const score = Math.abs(accuracy.mean - 0.5);
  const dLo = Math.abs(accuracy.lo - 0.5);
  const dHi = Math.abs(accuracy.hi - 0.5);
  const clip = (v: number): number => Math.min(0.5, Math.max(0, v));
  if (accuracy.lo <= 0.5 && accuracy.hi >= 0.5) return { score, lo: 0, hi: clip(Math.max(dLo, dHi)), accuracy };
  return { score, lo: clip(Math.min(dLo, dHi)), hi: clip(Math.max(dLo, dHi)), accuracy };
}
