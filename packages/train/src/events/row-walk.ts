import type { DrawnRows } from '@accelgan/model';

/**
 * Widths of the walk's Gaussian kernel per coordinate, in units of that coordinate's
 * robust spread over the rows of every class (so a width means the same in each class).
 */
export interface RowWalkWidths {
  readonly level: number;
  readonly logStd: number;
  readonly share: number;
}

/** The kernel widths whole events are generated with (docs/events.md has how they were chosen). */
export const DEFAULT_ROW_WALK_WIDTHS: RowWalkWidths = { level: 0.15, logStd: 1, share: 2 };

/**
 * The rows (level, log std, seizure-band share of a real window) for the consecutive
 * datapoints of one event, as a random walk over the rows: `classes[k]` is datapoint k's
 * class, and the result's k-th entry its row within that class.
 *   - The first row is uniform over its class's rows, as a single window's is.
 *   - Each next row is proposed from its class's rows with probability ∝ K(x_j − x_now),
 *     a Gaussian kernel on the three coordinates with `widths`, x_now the current row's.
 *   - Within a class the proposal is a Metropolis–Hastings step toward the uniform
 *     distribution: accepted with min(1, Z(now) / Z(j)), Z(i) = Σ_rows K(x − x_i), else
 *     the walk stays on its row. So however long it walks in a class, each row is as likely
 *     as in single-window generation.
 *   - At a class change (a seizure's onset, its thirds, its end) the first row of the new
 *     class is the proposal itself: the nearest rows of the new class, in value.
 * Why: the rows used to be picked by Φ(z · a) from each class's own order of rows, with z · a
 * drifting slowly, so a class change kept the row's quantile but not its values: in
 * generated events the wrist's level jumped by a median 105 mg at a seizure's onset and
 * 89 mg at its end, against 29 and 10–18 mg in real events, and neighbouring datapoints'
 * rhythms were unrelated (docs/events.md). Walking by value keeps the level through a class
 * change and lets the scale and the rhythm wander as real ones do.
 */
export function walkRows(classes: ArrayLike<number>, rows: DrawnRows, widths: RowWalkWidths, random: () => number): Int32Array {
  const coordinates = scaledCoordinates(rows, widths);
  const normalisers = new Map<number, Float64Array>();
  const normaliser = (c: number) => {
    let z = normalisers.get(c);
    if (!z) normalisers.set(c, (z = kernelSums(coordinates[c]!)));
    return z;
  };
  const out = new Int32Array(classes.length);
  let now: Point | null = null;
  for (let k = 0; k < classes.length; k++) {
    const c = classes[k]!;
    const rowsOfClass = coordinates[c];
    if (!rowsOfClass || rowsOfClass.n === 0) throw new RangeError(`class ${c} has no rows to walk`);
    let row: number;
    if (now === null) {
      row = Math.min(rowsOfClass.n - 1, Math.floor(random() * rowsOfClass.n));
    } else {
      if (now.classIndex !== c) {
        row = drawNear(rowsOfClass, now.values, random, 1);
      } else {
        const proposed = drawNear(rowsOfClass, now.values, random, 3);
        const z = normaliser(c);
        row = random() * z[proposed]! < z[now.row]! ? proposed : now.row;
      }
    }
    out[k] = row;
    now = { classIndex: c, row, values: rowsOfClass.point(row) };
  }
  return out;
}

/**
 * One event's level jitter (z's component along the generator's persistentDirections[1],
 * an AR(1) walk with correlation `rho`), reset at each class change so that the drawn
 * level carries over: at a change the walk steps on from c = (level_{k−1} + h_{k−1}·j'_{k−1}
 * − level_k) / h_k, the jitter that puts the new class's row at the old drawn level (level
 * the walked row's, h its class's kernel std), instead of from j'_{k−1}; otherwise it walks
 * with the original walk's own innovations (a change's step too). Why: the classes' kernels differ in width
 * (cross-validated per class: on the shared sample 70–100 mg for the ictal phases, 127 mg
 * non-ictal, 242 mg post-ictal), so one jitter value put the level up to 140 mg apart on
 * either side of a class change, a step real wrists do not make.
 */
export function carryLevelJitter(classes: ArrayLike<number>, walked: ArrayLike<number>, rows: DrawnRows, jitter: Float32Array, rho: number): Float32Array {
  const out = Float32Array.from(jitter);
  const fresh = Math.sqrt(1 - rho * rho);
  for (let k = 1; k < out.length; k++) {
    const innovation = (jitter[k]! - rho * jitter[k - 1]!) / fresh;
    out[k] = rho * out[k - 1]! + fresh * innovation;
    const [before, after] = [rows.classes[classes[k - 1]!]!, rows.classes[classes[k]!]!];
    if (classes[k] === classes[k - 1] || !(after.kernelStd.level > 0)) continue;
    const level = before.level[walked[k - 1]!]! + before.kernelStd.level * out[k - 1]!;
    out[k] = rho * ((level - after.level[walked[k]!]!) / after.kernelStd.level) + fresh * innovation;
  }
  return out;
}

interface Point {
  readonly classIndex: number;
  readonly row: number;
  readonly values: readonly [number, number, number];
}

interface ScaledRows {
  readonly n: number;
  /** Row-major [n × 3]: level, log std, share, each divided by its kernel width. */
  readonly values: Float64Array;
  point(row: number): [number, number, number];
}

/** Each class's rows in kernel units: coordinate / (width × robust spread over every class's rows). */
function scaledCoordinates(rows: DrawnRows, widths: RowWalkWidths): ScaledRows[] {
  const pooled = (pick: (r: DrawnRows['classes'][number]) => Float32Array) => rows.classes.flatMap((r) => Array.from(pick(r)));
  const scale = [
    1 / (widths.level * robustSpread(pooled((r) => r.level))),
    1 / (widths.logStd * robustSpread(pooled((r) => r.logStd))),
    1 / (widths.share * robustSpread(pooled((r) => r.share))),
  ];
  return rows.classes.map((r) => {
    const n = r.level.length;
    const values = new Float64Array(n * 3);
    for (let i = 0; i < n; i++) {
      values[i * 3] = r.level[i]! * scale[0]!;
      values[i * 3 + 1] = r.logStd[i]! * scale[1]!;
      values[i * 3 + 2] = r.share[i]! * scale[2]!;
    }
    return { n, values, point: (row: number) => [values[row * 3]!, values[row * 3 + 1]!, values[row * 3 + 2]!] };
  });
}

/** Draws a row with probability ∝ exp(−½ |x_row − at|²) (kernel units) over the first `dims` coordinates. */
function drawNear(rows: ScaledRows, at: readonly [number, number, number], random: () => number, dims: 1 | 3): number {
  const weights = new Float64Array(rows.n);
  let total = 0;
  for (let i = 0; i < rows.n; i++) total += weights[i] = Math.exp(-0.5 * squaredDistance(rows.values, i, at, dims));
  if (!(total > 0)) return nearest(rows, at, dims);
  let target = random() * total;
  for (let i = 0; i < rows.n; i++) {
    target -= weights[i]!;
    if (target < 0) return i;
  }
  return rows.n - 1;
}

/** The row nearest `at`: where every kernel weight underflows (a point far from the class's rows). */
function nearest(rows: ScaledRows, at: readonly [number, number, number], dims: 1 | 3): number {
  let best = 0;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (let i = 0; i < rows.n; i++) {
    const d = squaredDistance(rows.values, i, at, dims);
    if (d < bestDistance) [best, bestDistance] = [i, d];
  }
  return best;
}

/** Z(i) = Σ_j K(x_j − x_i) over the class's rows (K(0) = 1 included). O(n²), once per class. */
function kernelSums(rows: ScaledRows): Float64Array {
  const sums = new Float64Array(rows.n);
  for (let i = 0; i < rows.n; i++) {
    const at = rows.point(i);
    for (let j = 0; j < rows.n; j++) sums[i] = sums[i]! + Math.exp(-0.5 * squaredDistance(rows.values, j, at, 3));
  }
  return sums;
}

/** Squared distance between a row and `at` over the first `dims` coordinates (level; or level, log std and share). */
function squaredDistance(values: Float64Array, row: number, at: readonly [number, number, number], dims: 1 | 3): number {
  let sum = 0;
  for (let k = 0; k < dims; k++) sum += (values[row * 3 + k]! - at[k]!) ** 2;
  return sum;
}

/** min(std, IQR / 1.349), floored so that a coordinate without spread does not divide by zero. */
function robustSpread(xs: readonly number[]): number {
  if (xs.length < 2) return 1;
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const std = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1));
  const sorted = xs.slice().sort((a, b) => a - b);
  const quantile = (p: number) => sorted[Math.round(p * (sorted.length - 1))]!;
  const iqr = (quantile(0.75) - quantile(0.25)) / 1.349;
  return Math.max(iqr > 0 ? Math.min(std, iqr) : std, 1e-6);
}
