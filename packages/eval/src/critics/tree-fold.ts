import { stackFeatures, type FeatureMatrix } from '../metrics/features.js';
import type { ClassName } from '../types.js';
import { classCode, sideLabels, stackRows, withClassColumn } from './critic-rows.js';
import { fitTrees, type TreeOptions } from './trees.js';

/** One stratum of one fold: indices into A's and B's feature rows. */
export interface TreeFoldPart {
  readonly cls: ClassName;
  readonly trainA: readonly number[];
  readonly trainB: readonly number[];
  readonly testA: readonly number[];
  readonly testB: readonly number[];
}

/** What one fold of the tree critic needs: both sets' rich features and the fold's strata. */
export interface TreeFoldJob {
  readonly a: FeatureMatrix;
  readonly b: FeatureMatrix;
  readonly parts: readonly TreeFoldPart[];
  readonly options: TreeOptions;
}

export interface TreeFoldResult {
  /** Logits of the test rows, part by part, each part's A rows then its B rows. */
  readonly logits: Float64Array;
  /** Each column's total split gain, the class column last. */
  readonly gain: Float64Array;
}

/**
 * One fold of the tree critic: one ensemble over all strata, told each window's class by
 * a column (as the CNN by a channel), trained on the parts' training rows and applied to
 * their test rows. Pure and deterministic, so it gives the same numbers in any thread.
 */
export function treeFold(job: TreeFoldJob): TreeFoldResult {
  const { a, b, parts } = job;
  const { labels, weights } = sideLabels(parts);
  const stacked = (pick: (p: TreeFoldPart) => readonly [readonly number[], readonly number[]]) =>
    withClassColumn(
      stackFeatures(
        parts.map((p) => {
          const [ia, ib] = pick(p);
          return stackRows(a, ia, b, ib);
        }),
      ),
      parts.flatMap((p) => {
        const [ia, ib] = pick(p);
        return new Array<number>(ia.length + ib.length).fill(classCode(p.cls));
      }),
    );
  const model = fitTrees(
    stacked((p) => [p.trainA, p.trainB]),
    labels,
    weights,
    job.options,
  );
  return { logits: model.predictLogit(stacked((p) => [p.testA, p.testB])), gain: model.gain };
}
