import * as tf from '@tensorflow/tfjs-core';
import { standardiseWindows } from '../../ops/normalise.js';
import { matMul } from '../../ops/matmul.js';
import { seizureBandShare, type SeizureBandPlan } from '../../ops/seizure-band.js';
import { ones, zeros } from '../../nn/initializers.js';
import type { DrawnClassRows } from '../../types.js';
import type { VariableStore } from '../../nn/variable-store.js';

/** Rows of the table per class: every training window's (level, log std, seizure-band share) when a class has this many or fewer, a seeded sample of them otherwise. */
export const LEVEL_TABLE_ROWS = 1024;
/**
 * The kernel's std, per class and coordinate: a factor × Scott's rule for 2-D data
 * (n^(-1/6) × the coordinate's robust spread), the factor chosen per class from these by
 * leave-one-recording-out likelihood: each window's density under the kernels of the
 * windows of *other* recordings. Why: generated windows are judged against recordings of
 * users not in training, whose watches read other levels, so the width that predicts an
 * unseen recording best is the one to draw with. Windows of one recording are alike, so a
 * plain leave-one-out (or a fixed rule) picks kernels that reproduce each training
 * recording's level closely. The factors span the range where the likelihood peaked on
 * real recordings, √2 apart (docs/lab/2026-11-quality.md).
 */
export const BANDWIDTH_FACTORS: readonly number[] = [0.35, 0.5, 0.7, 1, 1.4, 2, 2.8];
/**
 * The factor where a class has fewer than MIN_RECORDINGS known recordings (no groups
 * given, as in tests or one-recording datasets): the fixed factor that scored best on real
 * recordings before the choice was cross-validated (docs/lab/2026-11-quality.md).
 */
export const FALLBACK_BANDWIDTH_FACTOR = 0.5;
const MIN_RECORDINGS = 3;
/** The table's columns: level, logStd, their kernel stds, seizure-band share. */
const COLUMNS = 5;

/**
 * A smoothed bootstrap of real windows' level and log std per class (a kernel density
 * estimate with a Gaussian kernel), drawn as a pure function of the latent, with the drawn
 * window's seizure-band share:
 *   z [N, latent] → row index from Φ(z · a) (uniform over the class's filled rows, which
 *     orderForDrift arranges so that neighbouring rows are alike),
 *     jitter from z · b1, z · b2 (N(0, 1))
 *   table [C·R, 5]: level, logStd (normalised units), the class's kernel stds, and the
 *     window's share of power in OSD's 3–8 Hz band (seizureBandShare), per row;
 *   rows [C]: how many of the class's R rows are filled
 *   → level, logStd [N, 1] each = centre[label, index] + kernel std[label, index] · jitter,
 *     reflected into the class's range of centres; seizureShare [N, 1] = the row's share;
 *   grid [C·R]: 1 where the row's window came from a recording on the watch's grid (fit's
 *     onGrid), read by drawnOnGrid [N].
 * a, b1, b2 are orthonormal, so index and jitter are independent draws. The share is the
 * row's own, unjittered: it is a target for the generated shape (which is free to miss it
 * a little), not a value written into the window. The table is network state, not a
 * weight: `fit` fills it from the training windows once, before training, and checkpoints
 * carry it like any state.
 */
export class LevelTable {
  readonly table: tf.Variable<tf.Rank.R2>; // [C·R, 5]
  readonly rows: tf.Variable<tf.Rank.R1>; // [C]
  /** [C·R] 1 where the row's window was marked on the watch's grid at `fit`, else 0 (see drawnOnGrid). */
  readonly grid: tf.Variable<tf.Rank.R1>;
  private readonly directions: tf.Tensor2D; // [latent, 3]
  /** Per class, the bandwidth factor `fit` chose (BANDWIDTH_FACTORS, or the fallback); empty before a fit. */
  bandwidthFactors: number[] = [];

  constructor(
    store: VariableStore,
    name: string,
    readonly numClasses: number,
    /** [latent, 3] fixed orthonormal directions of z for the index and the two jitters. */
    directions: tf.Tensor2D,
    private readonly seed: number,
    /** How `fit` measures each training window's seizure-band share. */
    private readonly bandPlan: SeizureBandPlan,
  ) {
    this.table = store.stateVariable(`${name}/table`, [numClasses * LEVEL_TABLE_ROWS, COLUMNS], zeros);
    this.rows = store.stateVariable(`${name}/rows`, [numClasses], ones);
    this.grid = store.stateVariable(`${name}/grid`, [numClasses * LEVEL_TABLE_ROWS], zeros);
    this.directions = store.constant(directions);
  }

  /** z [N, latent], labels [N] int32 → level, logStd [N, 1] each (normalised units), and the row's seizureShare [N, 1]. */
  draw(z: tf.Tensor2D, labels: tf.Tensor1D): { level: tf.Tensor2D; logStd: tf.Tensor2D; seizureShare: tf.Tensor2D } {
    return tf.tidy(() => {
      const projected = matMul(z, this.directions); // [N, 3]: u, j1, j2, each N(0, 1)
      const [, j1, j2] = tf.split(projected, 3, 1); // [N, 1] each
      const [centres, kernelStds, seizureShare] = tf.split(this.rowsDrawn(projected, labels), [2, 2, 1], 1); // [N, 2], [N, 2], [N, 1]
      const drawn = tf.add(centres!, tf.mul(kernelStds!, tf.concat([j1!, j2!], 1))); // [N, 2]
      const [level, logStd] = tf.split(this.reflectIntoRange(drawn as tf.Tensor2D, labels), 2, 1);
      return { level: level as tf.Tensor2D, logStd: logStd as tf.Tensor2D, seizureShare: seizureShare as tf.Tensor2D };
    });
  }

  /**
   * Only the seizureShare that draw(z, labels) returns [N, 1]: the row's own, so neither the
   * jitter nor the reflection (a masked min and max over the whole table) is needed for it.
   */
  drawnSeizureShare(z: tf.Tensor2D, labels: tf.Tensor1D): tf.Tensor2D {
    return tf.tidy(() => tf.slice(this.rowsDrawn(matMul(z, this.directions), labels), [0, 4], [-1, 1]) as tf.Tensor2D);
  }

  /**
   * [N] 1 where the row that draw(z, labels) picks came from a window `fit` was told is on
   * the watch's grid, else 0: a generated window then reports its values as the recording
   * it drew its level from did (whole milli-g or fractions), in the training proportion.
   */
  drawnOnGrid(z: tf.Tensor2D, labels: tf.Tensor1D): tf.Tensor1D {
    return tf.tidy(() => tf.gather(this.grid, this.rowIndex(matMul(z, this.directions), labels)) as tf.Tensor1D);
  }

  /** Per class, the filled rows' level, log std (normalised units) and seizure-band share, read from the current state. */
  rowValues(): DrawnClassRows[] {
    const table = this.table.dataSync() as Float32Array;
    const filled = this.rows.dataSync() as Float32Array;
    return Array.from({ length: this.numClasses }, (_, c) => {
      const n = filled[c]!;
      const column = (k: number) =>
        Float32Array.from({ length: n }, (_, r) => table[(c * LEVEL_TABLE_ROWS + r) * COLUMNS + k]!);
      const at = c * LEVEL_TABLE_ROWS * COLUMNS;
      return {
        level: column(0),
        logStd: column(1),
        share: column(4),
        kernelStd: { level: table[at + 2]!, logStd: table[at + 3]! },
      };
    });
  }

  /**
   * The component of z along the index direction (a) that draws row `row` of a class with
   * `filled` rows: Φ⁻¹ of the row's middle, (row + ½) / filled, so float32 rounding in
   * draw's Φ cannot tip it into a neighbour (the margin is ½ / filled ≥ 1/2048).
   */
  static indexLatent(row: number, filled: number): number {
    if (!(Number.isInteger(row) && row >= 0 && row < filled))
      throw new RangeError(`row ${row} is not one of ${filled}`);
    return inverseStandardNormal((row + 0.5) / filled);
  }

  /** The table rows [N, 5] that Φ(u) picks within each label's filled rows, from projected = z · [a, b1, b2] [N, 3]. */
  private rowsDrawn(projected: tf.Tensor2D, labels: tf.Tensor1D): tf.Tensor2D {
    return tf.tidy(() => tf.gather(this.table, this.rowIndex(projected, labels)) as tf.Tensor2D);
  }

  /** The flat row index [N] int32 (class · R + row) that Φ(u) picks within each label's filled rows. */
  private rowIndex(projected: tf.Tensor2D, labels: tf.Tensor1D): tf.Tensor1D {
    return tf.tidy(() => {
      const u = tf.slice(projected, [0, 0], [-1, 1]); // [N, 1]
      const uniform = tf.mul(0.5, tf.add(1, tf.erf(tf.div(u, Math.SQRT2)))); // Φ(u) [N, 1] in (0, 1)
      const filled = tf.gather(this.rows, labels); // [N]
      const row = tf.minimum(tf.floor(tf.mul(tf.reshape(uniform, [-1]), filled)), tf.sub(filled, 1)); // [N]
      return tf.cast(tf.add(row, tf.mul(tf.cast(labels, 'float32'), LEVEL_TABLE_ROWS)), 'int32') as tf.Tensor1D;
    });
  }

  /**
   * drawn [N, 2] (level, logStd), labels [N] → [N, 2], reflected at the lowest and highest
   * centre of the label's class (x > hi → 2·hi − x, then x < lo → 2·lo − x, then clipped).
   * Why: a Gaussian kernel's tails reach past the data, and there they make windows no
   * recording has: a few generated windows louder than any training window of their class,
   * which then dominate the class's mean spectrum, and others below the sensor's noise
   * floor (docs/lab/2026-11-quality.md). Reflection is the standard boundary correction of a kernel estimate: it
   * keeps the density inside the data's range without piling it up at the edge.
   */
  private reflectIntoRange(drawn: tf.Tensor2D, labels: tf.Tensor1D): tf.Tensor2D {
    return tf.tidy(() => {
      const perClass = tf.reshape(tf.slice(this.table, [0, 0], [-1, 2]), [this.numClasses, LEVEL_TABLE_ROWS, 2]); // [C, R, 2]
      const filled = tf.less(
        tf.reshape(tf.range(0, LEVEL_TABLE_ROWS), [1, LEVEL_TABLE_ROWS, 1]),
        tf.reshape(this.rows, [this.numClasses, 1, 1]),
      ); // [C, R, 1]
      const mask = tf.tile(filled, [1, 1, 2]); // [C, R, 2]
      const lo = tf.gather(
        tf.min(tf.where(mask, perClass, tf.fill(perClass.shape, Number.POSITIVE_INFINITY)), 1),
        labels,
      ); // [N, 2]
      const hi = tf.gather(
        tf.max(tf.where(mask, perClass, tf.fill(perClass.shape, Number.NEGATIVE_INFINITY)), 1),
        labels,
      ); // [N, 2]
      const belowHi = tf.sub(hi, tf.abs(tf.sub(hi, drawn)));
      const aboveLo = tf.add(lo, tf.abs(tf.sub(belowHi, lo)));
      return tf.minimum(tf.maximum(aboveLo, lo), hi) as tf.Tensor2D;
    });
  }

  /**
   * Fills the table from training windows [N, L, 1] (normalised) and labels [N]: per class,
   * the windows' (mean, log std) as standardiseWindows defines them, and seizure-band share, with the class's kernel
   * std (a factor × Scott's rule, the factor cross-validated over `groups`, each window's
   * recording, where at least three are known): all of them, or R sampled without
   * replacement where there are more. A class without windows borrows every window's.
   * `onGrid` [N], where given, marks the windows whose recording reports whole milli-g;
   * each row keeps its window's mark (drawnOnGrid). Returns what it chose, in a line.
   */
  fit(windows: tf.Tensor3D, labels: tf.Tensor1D, groups?: Int32Array, onGrid?: Uint8Array): string {
    const pairs = tf.tidy(() => {
      const { mean, logStd } = standardiseWindows(windows);
      return tf.concat([mean, logStd], 1);
    });
    const values = pairs.dataSync() as Float32Array; // [N·2]: level, logStd
    const shareTensor = seizureBandShare(windows, this.bandPlan);
    const shares = shareTensor.dataSync() as Float32Array; // [N]
    tf.dispose([pairs, shareTensor]);
    const classOf = labels.dataSync() as Int32Array;
    const rows = new Float32Array(this.numClasses * LEVEL_TABLE_ROWS * COLUMNS);
    const grid = new Float32Array(this.numClasses * LEVEL_TABLE_ROWS);
    const filled = new Float32Array(this.numClasses);
    const keys = tf.tidy(
      () => tf.randomUniform([classOf.length], 0, 1, 'float32', this.seed).dataSync() as Float32Array,
    );
    for (let c = 0; c < this.numClasses; c++) {
      let members: number[] = [];
      for (let i = 0; i < classOf.length; i++) if (classOf[i] === c) members.push(i);
      if (!members.length) members = [...classOf.keys()];
      members.sort((a, b) => keys[a]! - keys[b]! || a - b); // a seeded order (tfjs's seeded uniform draws are backend-independent)
      filled[c] = Math.min(members.length, LEVEL_TABLE_ROWS);
      const kept = orderForDrift(members.slice(0, filled[c]), values);
      const level = kept.map((i) => values[i * 2]!);
      const logStd = kept.map((i) => values[i * 2 + 1]!);
      const scott = members.length ** (-1 / 6);
      const base = [scott * robustSpread(level), scott * robustSpread(logStd)] as const;
      const factor = groups
        ? chooseBandwidthFactor(
            level,
            logStd,
            kept.map((i) => groups[i]!),
            base,
          )
        : FALLBACK_BANDWIDTH_FACTOR;
      this.bandwidthFactors[c] = factor;
      const widths = [factor * base[0], factor * base[1]];
      for (let r = 0; r < filled[c]!; r++) {
        rows.set(
          [level[r]!, logStd[r]!, widths[0]!, widths[1]!, shares[kept[r]!]!],
          (c * LEVEL_TABLE_ROWS + r) * COLUMNS,
        );
        grid[c * LEVEL_TABLE_ROWS + r] = onGrid?.[kept[r]!] ? 1 : 0;
      }
    }
    tf.tidy(() => {
      this.table.assign(tf.tensor2d(rows, [this.numClasses * LEVEL_TABLE_ROWS, COLUMNS]));
      this.rows.assign(tf.tensor1d(filled));
      this.grid.assign(tf.tensor1d(grid));
    });
    const recordings = groups ? new Set(groups).size : 0;
    const how = groups
      ? `chosen by leave-one-recording-out likelihood over ${recordings} recordings`
      : 'the fixed factor (recordings not known)';
    return `level table: ${Array.from(filled).join(', ')} rows by class; kernel width ×${this.bandwidthFactors.join(', ×')} Scott's rule by class, ${how}`;
  }
}

/**
 * Rows in an order where neighbours are alike in both coordinates: by level in √n bands,
 * and by log std within each band, alternately ascending and descending (a boustrophedon),
 * so that the path never jumps: Φ(z · a) moves through similar windows as z drifts
 * slowly. Drawing single windows does not depend on the order. Whole events no longer
 * drift through it (they walk the rows by value, DrawnFromData.rows: a drift kept a
 * row's quantile across a class change, not its level); it stays because it decides which
 * latent draws which row, so changing it would change every trained run's generations.
 */
function orderForDrift(rows: readonly number[], values: Float32Array): number[] {
  const byLevel = rows.slice().sort((a, b) => values[a * 2]! - values[b * 2]! || a - b);
  const bands = Math.max(1, Math.round(Math.sqrt(byLevel.length)));
  const ordered: number[] = [];
  for (let b = 0; b < bands; b++) {
    const band = byLevel.slice(
      Math.floor((b * byLevel.length) / bands),
      Math.floor(((b + 1) * byLevel.length) / bands),
    );
    const direction = b % 2 === 0 ? 1 : -1;
    ordered.push(...band.sort((x, y) => direction * (values[x * 2 + 1]! - values[y * 2 + 1]!) || x - y));
  }
  return ordered;
}

/**
 * The factor of BANDWIDTH_FACTORS whose kernels (factor × base std per coordinate) give the
 * highest leave-one-recording-out log likelihood of the points; FALLBACK_BANDWIDTH_FACTOR
 * where fewer than MIN_RECORDINGS recordings are known or a coordinate has no spread. Ties
 * go to the narrower factor. O(n²) in the points (at most LEVEL_TABLE_ROWS).
 */
export function chooseBandwidthFactor(
  xs: readonly number[],
  ys: readonly number[],
  groups: readonly number[],
  base: readonly [number, number],
): number {
  if (new Set(groups).size < MIN_RECORDINGS || !(base[0] > 0) || !(base[1] > 0)) return FALLBACK_BANDWIDTH_FACTOR;
  const n = xs.length;
  // Squared distances in units of the base stds, once; each factor f divides them by f².
  const d2 = new Float64Array(n * n);
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) d2[a * n + b] = ((xs[a]! - xs[b]!) / base[0]) ** 2 + ((ys[a]! - ys[b]!) / base[1]) ** 2;
  }
  let best = FALLBACK_BANDWIDTH_FACTOR;
  let bestScore = Number.NEGATIVE_INFINITY;
  for (const f of BANDWIDTH_FACTORS) {
    let total = 0;
    for (let a = 0; a < n; a++) {
      // log Σ_b exp(−d²/2f²) over other recordings' points, by log-sum-exp (far points underflow).
      let top = Number.NEGATIVE_INFINITY;
      let others = 0;
      for (let b = 0; b < n; b++) {
        if (groups[b] === groups[a]) continue;
        others++;
        top = Math.max(top, -d2[a * n + b]! / (2 * f * f));
      }
      let sum = 0;
      for (let b = 0; b < n; b++) if (groups[b] !== groups[a]) sum += Math.exp(-d2[a * n + b]! / (2 * f * f) - top);
      total += top + Math.log(sum / others) - Math.log(2 * Math.PI * f * f * base[0] * base[1]);
    }
    if (total > bestScore) {
      bestScore = total;
      best = f;
    }
  }
  return best;
}

/** min(std, IQR / 1.349): Silverman's robust spread, so one far cluster does not inflate the kernel; 0 for fewer than two values. */
export function robustSpread(xs: readonly number[]): number {
  if (xs.length < 2) return 0;
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const std = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1));
  const sorted = xs.slice().sort((a, b) => a - b);
  const quantile = (p: number) => {
    const at = p * (sorted.length - 1);
    const lo = Math.floor(at);
    return sorted[lo]! + (sorted[Math.min(lo + 1, sorted.length - 1)]! - sorted[lo]!) * (at - lo);
  };
  const iqr = (quantile(0.75) - quantile(0.25)) / 1.349;
  return iqr > 0 ? Math.min(std, iqr) : std;
}

/**
 * Φ⁻¹(p) for p in (0, 1), by bisection on Φ(x) = ½(1 + erf(x/√2)) with the Abramowitz &
 * Stegun 7.1.26 erf (error < 1.5e-7): accurate far beyond what indexLatent needs (a row is
 * at least 1/1024 wide in p), in a dozen lines instead of a dependency.
 */
function inverseStandardNormal(p: number): number {
  let lo = -9;
  let hi = 9;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (standardNormalCdf(mid) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

function standardNormalCdf(x: number): number {
  const y = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * y);
  const erf =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-y * y);
  return 0.5 * (1 + (x >= 0 ? erf : -erf));
}
