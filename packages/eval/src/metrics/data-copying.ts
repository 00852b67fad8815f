import { auroc } from './distance.js';
import { squaredDistance } from './mmd.js';
import { countWindows } from '../windows.js';
import { makeRng } from '../util/rng.js';
import type { WindowSet } from '../types.js';

/** Cells the window space is cut into (k-means on the training windows). */
export const DATA_COPYING_CELLS = 10;
/** A cell enters the statistic only with at least this many synthetic and this many held-out windows. */
const MIN_PER_CELL = 5;
const KMEANS_ITERATIONS = 50;

export interface DataCopyingCell {
  readonly heldOut: number;
  readonly synthetic: number;
  /** Mann–Whitney Z of the synthetic windows' nearest-training distances against the held-out windows' in this cell; negative = nearer. */
  readonly z: number;
}

export interface DataCopyingResult {
  /**
   * C_T: the used cells' Z, weighted by each cell's share of the held-out windows. 0: the
   * synthetic windows lie as near the training windows as held-out real windows of the same
   * region do; below 0, nearer (Meehan et al. read −3 and below as data-copying); above 0, farther.
   */
  readonly statistic: number;
  readonly cellsUsed: number;
  /** Fraction of the held-out windows that lie in the cells used. */
  readonly heldOutCovered: number;
  readonly cells: readonly DataCopyingCell[];
}

/**
 * The data-copying test of Meehan, Chaudhuri & Dasgupta (AISTATS 2020). The near-copy rate
 * compares every synthetic window with one threshold set by the held-out windows; where the
 * training and held-out sets differ in make-up it measures the make-up. On OSDB data they
 * do: a still wrist's window is its watch's gravity reading plus a few milli-g of sensor
 * noise, so still windows lie within sensor noise of a training window of the same watch
 * whoever made them, and the held-out events of a split may hold far fewer of them than its
 * training events (docs/lab/2026-12-07-history.md). The test instead compares
 * like with like: it cuts the space into cells (k-means on the training windows, seeded),
 * and in each cell asks, with a Mann–Whitney test, whether synthetic windows are nearer
 * their nearest training window than held-out real windows in that cell are; the cells'
 * Z scores are averaged with the held-out windows' weights. Distances are the memorisation
 * check's (RMS mg to the nearest training window), passed in.
 */
export function dataCopying(
  train: WindowSet,
  synthetic: { readonly set: WindowSet; readonly distance: Float64Array },
  heldOut: { readonly set: WindowSet; readonly distance: Float64Array },
  options: { readonly cells?: number; readonly seed?: number } = {},
): DataCopyingResult {
  const centroids = kMeans(
    train,
    Math.min(options.cells ?? DATA_COPYING_CELLS, countWindows(train)),
    options.seed ?? 0,
  );
  const cellOf = (set: WindowSet) =>
    Int32Array.from({ length: countWindows(set) }, (_, i) => nearestCentroid(set, i, centroids));
  const synCells = cellOf(synthetic.set);
  const heldCells = cellOf(heldOut.set);
  const cells: DataCopyingCell[] = [];
  let weighted = 0;
  let covered = 0;
  const totalHeldOut = heldCells.length;
  for (let c = 0; c < centroids.count; c++) {
    const s = synthetic.distance.filter((_, i) => synCells[i] === c);
    const h = heldOut.distance.filter((_, i) => heldCells[i] === c);
    if (s.length < MIN_PER_CELL || h.length < MIN_PER_CELL) continue;
    const z = mannWhitneyZ(s, h);
    cells.push({ heldOut: h.length, synthetic: s.length, z });
    weighted += h.length * z;
    covered += h.length;
  }
  return {
    statistic: covered ? weighted / covered : Number.NaN,
    cellsUsed: cells.length,
    heldOutCovered: totalHeldOut ? covered / totalHeldOut : 0,
    cells,
  };
}

/**
 * Z of the Mann–Whitney U statistic counting pairs where a is larger than b (ties ½),
 * U − mn/2 over sqrt(mn(m + n + 1)/12): negative when a's values tend to be smaller.
 * U / mn is the AUROC of a's values (labelled 1) against b's, which `auroc` computes.
 */
export function mannWhitneyZ(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const m = a.length;
  const n = b.length;
  const u =
    auroc([...Array.from(a), ...Array.from(b)], [...new Array<number>(m).fill(1), ...new Array<number>(n).fill(0)]) *
    m *
    n;
  return (u - (m * n) / 2) / Math.sqrt((m * n * (m + n + 1)) / 12);
}

interface Centroids {
  readonly count: number;
  readonly values: Float32Array; // [count · L]
  readonly samplesPerWindow: number;
}

function nearestCentroid(set: WindowSet, i: number, centroids: Centroids): number {
  let best = Number.POSITIVE_INFINITY;
  let arg = 0;
  for (let c = 0; c < centroids.count; c++) {
    const d = squaredDistance(set, i, centroids, c);
    if (d < best) {
      best = d;
      arg = c;
    }
  }
  return arg;
}

/**
 * Lloyd's k-means with k-means++ seeding (Arthur & Vassilvitskii 2007) on the windows, from
 * a seeded generator. Written here rather than taken from a library because it is 40 lines
 * on the flat window arrays the rest of the package uses, and must be seeded like every
 * other metric.
 */
function kMeans(set: WindowSet, k: number, seed: number): Centroids {
  const n = countWindows(set);
  const l = set.samplesPerWindow;
  const rand = makeRng(seed);
  const values = new Float32Array(k * l);
  const centroids: Centroids = { count: k, values, samplesPerWindow: l };
  const nearestD2 = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  let chosen = Math.floor(rand() * n);
  for (let c = 0; c < k; c++) {
    values.set(set.values.subarray(chosen * l, (chosen + 1) * l), c * l);
    let total = 0;
    for (let i = 0; i < n; i++) {
      nearestD2[i] = Math.min(nearestD2[i]!, squaredDistance(set, i, centroids, c));
      total += nearestD2[i]!;
    }
    // The next centre is drawn with probability proportional to D², the squared distance to the nearest centre so far.
    let target = rand() * total;
    chosen = n - 1;
    for (let i = 0; i < n; i++) {
      target -= nearestD2[i]!;
      if (target < 0) {
        chosen = i;
        break;
      }
    }
  }
  const assignment = new Int32Array(n).fill(-1);
  for (let iteration = 0; iteration < KMEANS_ITERATIONS; iteration++) {
    let moved = 0;
    for (let i = 0; i < n; i++) {
      const c = nearestCentroid(set, i, centroids);
      if (c !== assignment[i]) moved++;
      assignment[i] = c;
    }
    if (!moved) break;
    const sums = new Float64Array(k * l);
    const counts = new Int32Array(k);
    for (let i = 0; i < n; i++) {
      const c = assignment[i]!;
      counts[c]!++;
      for (let t = 0; t < l; t++) sums[c * l + t]! += set.values[i * l + t]!;
    }
    // An emptied cell keeps its centre.
    for (let c = 0; c < k; c++)
      if (counts[c]) for (let t = 0; t < l; t++) values[c * l + t] = sums[c * l + t]! / counts[c]!;
  }
  return centroids;
}
