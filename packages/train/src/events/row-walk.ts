import type { DrawnRows } from '@accelgan/model';

/**
 * How far an event moves from one datapoint to the next. `levelStep`: the drawn level's step,
 * as a fraction of the window's std (a still wrist's level barely moves, a convulsing one's
 * moves a lot). `level`, `logStd`, `share`: the widths of the kernel the rows are walked
 * with, in units of each coordinate's robust spread over the rows of every class (so a
 * width means the same in each class).
 */
export interface RowWalkWidths {
  readonly levelStep: number;
  readonly level: number;
  readonly logStd: number;
  readonly share: number;
}

/**
 * The widths whole events are generated with, matched to the real training events of the
 * shared sample (docs/events.md): consecutive real datapoints' means move by a median of
 * about a fifth of their std (1–2 mg for a still wrist, 40–60 mg for a 100–300 mg one),
 * their log stds correlate at 0.75–0.8, and their OSD ratios inside a seizure at about 0.5.
 */
export const DEFAULT_ROW_WALK_WIDTHS: RowWalkWidths = { levelStep: 0.4, level: 0.15, logStd: 1, share: 2 };

/**
 * The rows (level, log std, seizure-band share of a real window) for the consecutive
 * datapoints of one event, as a random walk over the rows: `classes[k]` is datapoint k's
 * class, and the result's k-th entry its row within that class.
 *   - The first row is uniform over its class's rows, as a single window's is.
 *   - Each next row is proposed from its class's rows with probability ∝ K(x_j − x_now), a
 *     Gaussian kernel on level, log std and share with `widths`.
 *   - Within a class the proposal is a Metropolis–Hastings step toward the uniform
 *     distribution: accepted with min(1, Z(now) / Z(j)), Z(i) = Σ_rows K(x − x_i), else the
 *     walk stays on its row. So however long it walks in a class, each row is as likely as
 *     in single-window generation.
 *   - At a class change (a seizure's onset, its thirds, its end) the new class's row is
 *     drawn by level alone, near the current one: the scale and rhythm may change there.
 * The drawn level itself is carried from row to row by walkLevelJitter.
 * Why: the rows used to be picked by Φ(z · a) from each class's own order of rows, with z · a
 * drifting slowly, so a class change kept the row's quantile but not its values (in
 * generated events the wrist's level jumped by a median 105 mg at a seizure's onset and
 * 89 mg at its end, against 29 and 10–18 mg in real events), and neighbouring datapoints'
 * rhythms were unrelated (docs/events.md).
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
  let now: { classIndex: number; row: number } | null = null;
  for (let k = 0; k < classes.length; k++) {
    const c = classes[k]!;
    const target = coordinates[c];
    if (!target || target.n === 0) throw new RangeError(`class ${c} has no rows to walk`);
    let row: number;
    if (now === null) {
      row = Math.min(target.n - 1, Math.floor(random() * target.n));
    } else if (now.classIndex !== c) {
      row = drawNear(target, coordinates[now.classIndex]!.point(now.row), random, 1);
    } else {
      const proposed = drawNear(target, target.point(now.row), random, 3);
      const z = normaliser(c);
      row = random() * z[proposed]! < z[now.row]! ? proposed : now.row;
    }
    out[k] = row;
    now = { classIndex: c, row };
  }
  return out;
}

/**
 * One event's level jitter: z's component along the generator's persistentDirections[1],
 * which adds the class's kernel std h × jitter to the walked row's level. From the event's
 * slow AR(1) walk `jitter` (correlation `rho`) it keeps the innovations ε_k, and steps
 *   j'_k = ρ_k · c_k + √(1 − ρ_k²) · ε_k,  c_k = (L_{k−1} − level_k) / h_k,
 * with L_{k−1} = level_{k−1} + h_{k−1} · j'_{k−1} the previous datapoint's drawn level (so
 * c_k = j'_{k−1} while the row and class stay) and ρ_k = 1 − ½ (σ_k / h_k)², σ_k =
 * `widths.levelStep` × the larger std of the two windows: the drawn level then moves by
 * about σ_k a step, toward the new row's level by (1 − ρ_k) of the gap, and the jitter
 * stays N(0, 1) while the row stays.
 * Why: with one slow ρ the drawn level moved by about 15 mg a datapoint whether the wrist
 * was still or convulsing (real: 1–2 mg and 40–100 mg); and the classes' kernels differ in
 * width (cross-validated per class: on the shared sample 70–100 mg for the ictal phases,
 * 127 mg non-ictal, 242 mg post-ictal), so one jitter value put the level up to 140 mg apart
 * on either side of a class change, a step real wrists do not make.
 */
export function walkLevelJitter(classes: ArrayLike<number>, walked: ArrayLike<number>, rows: DrawnRows, jitter: Float32Array, rho: number, widths: RowWalkWidths): Float32Array {
  const out = Float32Array.from(jitter);
  const fresh = Math.sqrt(1 - rho * rho);
  const row = (k: number) => rows.classes[classes[k]!]!;
  const std = (k: number) => Math.exp(row(k).logStd[walked[k]!]!);
  for (let k = 1; k < out.length; k++) {
    const h = row(k).kernelStd.level;
    if (!(h > 0)) continue;
    const innovation = (jitter[k]! - rho * jitter[k - 1]!) / fresh;
    const drawn = row(k - 1).level[walked[k - 1]!]! + row(k - 1).kernelStd.level * out[k - 1]!;
    const from = (drawn - row(k).level[walked[k]!]!) / h;
    const step = (widths.levelStep * Math.max(std(k), std(k - 1))) / h;
    const rhoK = Math.max(0, 1 - 0.5 * step * step);
    out[k] = rhoK * from + Math.sqrt(1 - rhoK * rhoK) * innovation;
  }
  return out;
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
