import { tInterval, type Interval } from '../util/stats.js';

/** A two-sample discriminative score: balanced accuracy above chance, with its 95% interval. */
export interface ScoreWithCI {
  /** max(0, mean balanced accuracy - 0.5), in [0, 0.5]. */
  readonly score: number;
  readonly lo: number;
  readonly hi: number;
  /** Balanced accuracy over the folds × seeds runs, with its 95% t-interval. */
  readonly accuracy: Interval;
}

/**
 * Score and interval from per-run balanced accuracies: how far the mean accuracy lies
 * above chance, max(0, a - 0.5), and the t-interval [a_lo, a_hi] of the mean mapped the
 * same way, [max(0, a_lo - 0.5), max(0, a_hi - 0.5)], clipped to 0.5. One-sided, as a
 * classifier two-sample test is: a critic below chance on held-out folds has learnt
 * nothing that carries over (with folds by recording, sets from one process make critics
 * slightly worse than chance, since what a training fold over-represents on one side its
 * test fold under-represents), so it scores 0, not the distance below chance.
 */
export function scoreFromAccuracies(accuracies: readonly number[]): ScoreWithCI {
  const accuracy = tInterval(accuracies);
  const above = (a: number): number => Math.min(0.5, Math.max(0, a - 0.5));
  return { score: above(accuracy.mean), lo: above(accuracy.lo), hi: above(accuracy.hi), accuracy };
}
