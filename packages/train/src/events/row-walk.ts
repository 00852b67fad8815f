import { robustSpread, type DrawnClassRows, type DrawnRows } from '@accelgan/model';

/**
 * How far an event moves from one datapoint to the next. `levelStep`: the level's step, as
 * a fraction of the window's std (a still wrist's level barely moves, a convulsing one's
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
 * shared sample (docs/lab/2026-11-events.md): consecutive real datapoints' means move by a median of
 * about a fifth of their std (1–2 mg for a still wrist, 40–60 mg for a 100–300 mg one),
 * their log stds correlate at 0.75–0.8, and their OSD ratios inside a seizure at about 0.5.
 */
export const DEFAULT_ROW_WALK_WIDTHS: RowWalkWidths = { levelStep: 0.4, level: 0.15, logStd: 1, share: 2 };

/**
 * Walks of one generator's rows (DrawnFromData.rows), prepared once for all the events of
 * a generation: the rows in kernel units, and each class's kernel sums when first needed.
 *
 * rows(classes, random): the row for each datapoint of one event (`classes[k]` its class).
 *   - The first row is uniform over its class's rows, as a single window's is.
 *   - Each next row is proposed from its class's rows with probability ∝ K(x_j − x_now), a
 *     Gaussian kernel on level, log std and share.
 *   - Within a class the proposal is a Metropolis–Hastings step toward the uniform
 *     distribution (accepted with min(1, Z(now) / Z(j)), Z(i) = Σ_rows K(x − x_i), else the
 *     walk stays on its row): uniform is its stationary distribution, so a long stay in
 *     one class visits its rows as single-window generation does, though the first rows
 *     after a phase change lean toward the level the walk arrived with.
 *   - At a class change (a seizure's onset, its thirds, its end) the new class's row is
 *     drawn by level alone, near the current one: the scale and rhythm may change there.
 *
 * levels(classes, walked, first, normal): each datapoint's level (normalised units), carried
 * from the previous one: L_k = ℓ_k + ρ_k (L_{k−1} − ℓ_k) + √(1 − ρ_k²) h_k ε_k, with ℓ_k and
 * h_k the walked row's level and its class's level kernel std, ρ_k = 1 − ½ (σ_k / h_k)² and
 * σ_k = `levelStep` × the larger std of the two windows: the level moves by about σ_k a
 * step, is pulled toward its row's own level by (1 − ρ_k) of the gap, and about the row it
 * keeps the kernel's spread h_k. The generator still draws each window with its own level
 * jitter (z stays as trained); event generation lays the windows out at these levels.
 *
 * Why: the rows used to be picked by Φ(z · a) from each class's own order of rows, with z · a
 * drifting slowly, so a class change kept the row's quantile but not its level (the
 * generated level jumped by a median 105 mg at a seizure's onset and 89 mg at its end,
 * against 29 and 10–18 mg in real events); one slow jitter times each class's own kernel
 * std (70–242 mg) jumped too; the level moved by about 15 mg a datapoint whether the wrist
 * was still or convulsing (real: 1–2 mg and 40–100 mg); and neighbouring datapoints'
 * rhythms were unrelated (docs/lab/2026-11-events.md).
 */
export class RowWalk {
  private readonly scaled: readonly ScaledRows[];
  private readonly normalisers = new Map<number, Float64Array>();
  /** drawNear's kernel weights, one buffer for every draw: it runs once per datapoint. */
  private readonly weights: Float64Array;

  constructor(
    private readonly drawn: DrawnRows,
    private readonly widths: RowWalkWidths = DEFAULT_ROW_WALK_WIDTHS,
  ) {
    for (const [name, width] of Object.entries(widths)) {
      if (!(width > 0 && Number.isFinite(width)))
        throw new RangeError(`row walk width ${name} must be a positive number, got ${width}`);
    }
    this.scaled = scaledCoordinates(drawn.classes, widths);
    this.weights = new Float64Array(Math.max(0, ...this.scaled.map((s) => s.n)));
  }

  rows(classes: ArrayLike<number>, random: () => number): Int32Array {
    const out = new Int32Array(classes.length);
    let now: { classIndex: number; row: number } | null = null;
    for (let k = 0; k < classes.length; k++) {
      const c = classes[k]!;
      const target = this.scaled[c];
      if (!target || target.n === 0) throw new RangeError(`class ${c} has no rows to walk`);
      let row: number;
      if (now === null) {
        row = Math.min(target.n - 1, Math.floor(random() * target.n));
      } else if (now.classIndex !== c) {
        row = drawNear(target, this.scaled[now.classIndex]!.point(now.row), random, 1, this.weights);
      } else {
        const proposed = drawNear(target, target.point(now.row), random, 3, this.weights);
        const z = this.normaliser(c);
        row = random() * z[proposed]! < z[now.row]! ? proposed : now.row;
      }
      out[k] = row;
      now = { classIndex: c, row };
    }
    return out;
  }

  levels(classes: ArrayLike<number>, walked: ArrayLike<number>, first: number, normal: () => number): Float64Array {
    const out = new Float64Array(classes.length);
    if (!classes.length) return out;
    out[0] = first;
    const rowOf = (k: number) => this.drawn.classes[classes[k]!]!;
    const std = (k: number) => Math.exp(rowOf(k).logStd[walked[k]!]!);
    for (let k = 1; k < out.length; k++) {
      const own = rowOf(k).level[walked[k]!]!;
      const h = rowOf(k).kernelStd.level;
      const step = this.widths.levelStep * Math.max(std(k), std(k - 1));
      const rho = h > 0 ? Math.max(0, 1 - 0.5 * (step / h) ** 2) : 0;
      out[k] = own + rho * (out[k - 1]! - own) + Math.sqrt(1 - rho * rho) * h * normal();
    }
    return out;
  }

  /** Z for class c's rows, computed when first needed. O(n²). */
  private normaliser(c: number): Float64Array {
    let z = this.normalisers.get(c);
    if (!z) this.normalisers.set(c, (z = kernelSums(this.scaled[c]!)));
    return z;
  }
}

interface ScaledRows {
  readonly n: number;
  /** Row-major [n × 3]: level, log std, share, each divided by its kernel width. */
  readonly values: Float64Array;
  point(row: number): [number, number, number];
}

/** Each class's rows in kernel units: coordinate / (width × robust spread over every class's rows). */
function scaledCoordinates(classes: readonly DrawnClassRows[], widths: RowWalkWidths): ScaledRows[] {
  const spread = (pick: (r: DrawnClassRows) => Float32Array) =>
    Math.max(robustSpread(classes.flatMap((r) => Array.from(pick(r)))), 1e-6);
  const scale = [
    1 / (widths.level * spread((r) => r.level)),
    1 / (widths.logStd * spread((r) => r.logStd)),
    1 / (widths.share * spread((r) => r.share)),
  ];
  return classes.map((r) => {
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

/** Draws a row with probability ∝ exp(−½ |x_row − at|²) (kernel units) over the first `dims` coordinates; `weights` is scratch of at least rows.n. */
function drawNear(
  rows: ScaledRows,
  at: readonly [number, number, number],
  random: () => number,
  dims: 1 | 3,
  weights: Float64Array,
): number {
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

/** Z(i) = Σ_j K(x_j − x_i) over the class's rows (K(0) = 1 included). */
function kernelSums(rows: ScaledRows): Float64Array {
  const sums = new Float64Array(rows.n);
  for (let i = 0; i < rows.n; i++) {
    const at = rows.point(i);
    for (let j = 0; j < rows.n; j++) sums[i] = sums[i]! + Math.exp(-0.5 * squaredDistance(rows.values, j, at, 3));
  }
  return sums;
}

/** Squared distance between a row and `at` over the first `dims` coordinates (level; or level, log std and share). */
function squaredDistance(
  values: Float64Array,
  row: number,
  at: readonly [number, number, number],
  dims: 1 | 3,
): number {
  let sum = 0;
  for (let k = 0; k < dims; k++) sum += (values[row * 3 + k]! - at[k]!) ** 2;
  return sum;
}
