import { featureRows, type FeatureMatrix } from '../metrics/features.js';
import type { ClassName } from '../types.js';

/**
 * How the feature critics lay out the rows of the two sets they tell apart: A's rows
 * then B's within each part (a stratum of a fold), parts in order, with targets
 * 0 = A, 1 = B and weights that balance the sides.
 */

/** A stratum's class as the critics' class input: +1 ictal, −1 non-ictal, 0 unlabelled. */
export function classCode(cls: ClassName): number {
  return cls === 'ictal' ? 1 : cls === 'nonIctal' ? -1 : 0;
}

/** The matrix with one more column, `column`. */
export function withClassColumn(x: FeatureMatrix, column: readonly number[]): FeatureMatrix {
  const cols = x.cols + 1;
  const data = new Float64Array(x.rows * cols);
  for (let i = 0; i < x.rows; i++) {
    data.set(x.data.subarray(i * x.cols, (i + 1) * x.cols), i * cols);
    data[i * cols + x.cols] = column[i] as number;
  }
  return { rows: x.rows, cols, data };
}

/** Rows `ia` of A, then rows `ib` of B. */
export function stackRows(
  fa: FeatureMatrix,
  ia: readonly number[],
  fb: FeatureMatrix,
  ib: readonly number[],
): FeatureMatrix {
  const ra = featureRows(fa, ia);
  const rb = featureRows(fb, ib);
  const data = new Float64Array(ra.data.length + rb.data.length);
  data.set(ra.data);
  data.set(rb.data, ra.data.length);
  return { rows: ra.rows + rb.rows, cols: fa.cols, data };
}

/**
 * Critic targets (0 = A, 1 = B) of the training rows of `parts`, laid out as
 * stackValues/stackRows lay them out, with weights that give the two sides equal total
 * weight within each part: w = n_part / (2 · n_side).
 */
export function sideLabels(
  parts: readonly { readonly trainA: readonly number[]; readonly trainB: readonly number[] }[],
): {
  labels: Uint8Array;
  weights: Float64Array;
} {
  const total = parts.reduce((n, p) => n + p.trainA.length + p.trainB.length, 0);
  const labels = new Uint8Array(total);
  const weights = new Float64Array(total);
  let row = 0;
  for (const p of parts) {
    const n = p.trainA.length + p.trainB.length;
    labels.fill(0, row, row + p.trainA.length);
    weights.fill(n / (2 * p.trainA.length), row, row + p.trainA.length);
    row += p.trainA.length;
    labels.fill(1, row, row + p.trainB.length);
    weights.fill(n / (2 * p.trainB.length), row, row + p.trainB.length);
    row += p.trainB.length;
  }
  return { labels, weights };
}
