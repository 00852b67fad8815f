/**
 * Gradient-boosted decision trees on binned features, for binary classification: the
 * histogram algorithm of LightGBM and scikit-learn's HistGradientBoostingClassifier.
 *
 * Written here because no maintained npm library fits, measured on the task (about 1,000
 * training rows × 150 features, fitted dozens of times per evaluation): `ml-random-forest`
 * (mljs, with `ml-cart`) sorts every feature at every node and took about a minute for
 * 50 trees on 2,400 × 150; `ml-xgboost` is a 2018 Emscripten build of XGBoost's exact
 * greedy method without sample weights (about 8 s for 100 trees); `decision-tree` splits
 * on categorical values only. The histogram method bins each feature once, so finding a
 * split costs features × bins, not rows.
 *
 * The algorithm, as scikit-learn's (docs/metrics.md states it for reimplementation):
 * - bins: per feature, the training rows' distinct values; where there are more than
 *   `maxBins`, thresholds at the column's quantiles (midpoint rule) 1/maxBins apart,
 *   else midpoints between consecutive distinct values. A value goes to the number of
 *   thresholds below it, so `value <= threshold` goes left;
 * - log loss: start from the log-odds of the weighted share of class 1; each iteration
 *   fits one tree to the gradients g = w(p − y) and hessians h = w·p(1 − p);
 * - trees grow leaf-first: the leaf whose best split gains most is split next, up to
 *   `maxLeaves` leaves; a split's gain is G_L²/(H_L + λ) + G_R²/(H_R + λ) − G²/(H + λ),
 *   each child needs `minSamplesLeaf` rows and a hessian of at least 1e-3; a child's
 *   histogram is built directly for the smaller child and by subtraction for the other;
 * - a leaf's value is −learningRate · G/(H + λ).
 * No randomness: the same rows in the same order give the same model.
 */
import type { FeatureMatrix } from '../metrics/features.js';

export interface TreeOptions {
  /** Boosting iterations (trees). */
  readonly iterations: number;
  readonly learningRate: number;
  /** Leaves per tree at most. */
  readonly maxLeaves: number;
  /** Training rows per leaf at least. */
  readonly minSamplesLeaf: number;
  /** L2 penalty λ on leaf values. */
  readonly l2: number;
  /** Bins per feature at most (at most 256: bins are bytes). */
  readonly maxBins: number;
}

export const TREE_DEFAULTS: TreeOptions = {
  iterations: 100,
  learningRate: 0.1,
  maxLeaves: 15,
  minSamplesLeaf: 20,
  l2: 0,
  maxBins: 64,
};

const MIN_HESSIAN = 1e-3;

export interface TreeModel {
  /** Log-odds of class 1 for each row of `test`. */
  predictLogit(test: FeatureMatrix): Float64Array;
  /** Each feature's total split gain over all trees (the model's own importance). */
  readonly gain: Float64Array;
}

/** Thresholds per feature: value <= thresholds[b] falls in bin <= b. */
export interface Binning {
  readonly thresholds: readonly Float64Array[];
}

/** Bin edges of each column of `x` (see the file header). */
export function fitBinning(x: FeatureMatrix, maxBins: number): Binning {
  const thresholds: Float64Array[] = [];
  const col = new Float64Array(x.rows);
  for (let j = 0; j < x.cols; j++) {
    for (let i = 0; i < x.rows; i++) col[i] = x.data[i * x.cols + j] as number;
    col.sort();
    const distinct: number[] = [];
    for (let i = 0; i < col.length; i++) if (i === 0 || col[i] !== col[i - 1]) distinct.push(col[i] as number);
    if (distinct.length <= maxBins) {
      const t = new Float64Array(Math.max(0, distinct.length - 1));
      for (let b = 0; b < t.length; b++) t[b] = ((distinct[b] as number) + (distinct[b + 1] as number)) / 2;
      thresholds.push(t);
    } else {
      // numpy's percentile with method='midpoint' at 100·b/maxBins, b = 1..maxBins-1, deduplicated.
      const out: number[] = [];
      const n = col.length;
      for (let b = 1; b < maxBins; b++) {
        const h = ((n - 1) * b) / maxBins;
        const lo = Math.floor(h);
        const hi = Math.ceil(h);
        const v = ((col[lo] as number) + (col[hi] as number)) / 2;
        if (!out.length || v > (out[out.length - 1] as number)) out.push(v);
      }
      thresholds.push(Float64Array.from(out));
    }
  }
  return { thresholds };
}

/** Column-major bins [cols × rows] of `x` under `binning`. */
export function applyBinning(x: FeatureMatrix, binning: Binning): Uint8Array {
  const out = new Uint8Array(x.rows * x.cols);
  for (let j = 0; j < x.cols; j++) {
    const t = binning.thresholds[j] as Float64Array;
    const base = j * x.rows;
    for (let i = 0; i < x.rows; i++) {
      const v = x.data[i * x.cols + j] as number;
      // Count of thresholds strictly below v (binary search).
      let lo = 0;
      let hi = t.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((t[mid] as number) < v) lo = mid + 1;
        else hi = mid;
      }
      out[base + i] = lo;
    }
  }
  return out;
}

interface Split {
  readonly gain: number;
  readonly feature: number;
  /** Rows with bin <= this go left. */
  readonly bin: number;
}

interface Node {
  /** Rows of the node: rowsIndex[start, end). */
  readonly start: number;
  readonly end: number;
  readonly sumG: number;
  readonly sumH: number;
  /** Its histogram, kept only while it may still be split. */
  hist: Float64Array | null;
  split: Split | null;
  /** Index in the tree's arrays. */
  readonly id: number;
}

/** One fitted tree as flat arrays: internal nodes have a feature ≥ 0, leaves −1. */
interface Tree {
  feature: number[];
  bin: number[];
  left: number[];
  right: number[];
  value: number[];
}

/**
 * Fits gradient-boosted trees to features `x` and labels `y` (0/1), each row weighted
 * by `weights` (default 1). Deterministic.
 *
 * Speed without changing a number: every sum is taken over the same rows in the same
 * order as the plain algorithm would, so the trees are the same to the last bit. The
 * histogram is where the time goes (features × rows per node), so: the root's counts
 * are the same every iteration and are copied, not counted; a child's histogram is built
 * only where it may still be split (a node with fewer than 2·minSamplesLeaf rows, or a
 * split that fills the tree, needs none); and the larger child's histogram is subtracted
 * from its parent's in the same pass that searches it for a split.
 */
export function fitTrees(
  x: FeatureMatrix,
  y: ArrayLike<number>,
  weights: ArrayLike<number> | undefined,
  options: Partial<TreeOptions> = {},
): TreeModel {
  const o = { ...TREE_DEFAULTS, ...options };
  const n = x.rows;
  const d = x.cols;
  const binning = fitBinning(x, Math.min(256, o.maxBins));
  const bins = applyBinning(x, binning);
  const nBins = Int32Array.from(binning.thresholds, (t) => t.length + 1);
  // Histogram layout: feature j's bins at [offset[j], offset[j] + 3·nBins[j]), (Σg, Σh, count) each.
  const offset = new Int32Array(d + 1);
  for (let j = 0; j < d; j++) offset[j + 1] = (offset[j] as number) + 3 * (nBins[j] as number);
  const histSize = offset[d] as number;
  const minLeaf = o.minSamplesLeaf;
  const l2 = o.l2;
  const w = Float64Array.from({ length: n }, (_, i) => (weights ? (weights[i] as number) : 1));
  let wSum = 0;
  let wPos = 0;
  for (let i = 0; i < n; i++) {
    wSum += w[i] as number;
    wPos += (w[i] as number) * (y[i] as number);
  }
  const share = Math.min(1 - 1e-12, Math.max(1e-12, wPos / (wSum || 1)));
  const baseline = Math.log(share / (1 - share));
  const raw = new Float64Array(n).fill(baseline);
  const g = new Float64Array(n);
  const h = new Float64Array(n);
  const rows = new Int32Array(n);
  const scratch = new Int32Array(n);
  const gain = new Float64Array(d);
  const trees: Tree[] = [];
  const pool: Float64Array[] = [];
  const takeHist = (): Float64Array => {
    const a = pool.pop();
    if (a) {
      a.fill(0);
      return a;
    }
    return new Float64Array(histSize);
  };

  // The root holds every row in every iteration: its counts never change.
  const rootCounts = new Float64Array(histSize);
  for (let j = 0; j < d; j++) {
    const base = (offset[j] as number) + 2;
    const colBase = j * n;
    for (let r = 0; r < n; r++) {
      const at = base + 3 * (bins[colBase + r] as number);
      rootCounts[at] = (rootCounts[at] as number) + 1;
    }
  }

  /**
   * The root's histogram: (Σg, Σh) over rows 0…n−1 in order, the counts copied. Four
   * features per pass over the rows: their sums are independent (each bin's still taken
   * row by row), so the processor overlaps them.
   */
  const buildRootHist = (): Float64Array => {
    const hist = pool.pop() ?? new Float64Array(histSize);
    hist.set(rootCounts);
    let j = 0;
    for (; j + 4 <= d; j += 4) {
      const b0 = offset[j] as number;
      const b1 = offset[j + 1] as number;
      const b2 = offset[j + 2] as number;
      const b3 = offset[j + 3] as number;
      const c0 = j * n;
      const c1 = c0 + n;
      const c2 = c1 + n;
      const c3 = c2 + n;
      for (let r = 0; r < n; r++) {
        const gr = g[r] as number;
        const hr = h[r] as number;
        const a0 = b0 + 3 * (bins[c0 + r] as number);
        const a1 = b1 + 3 * (bins[c1 + r] as number);
        const a2 = b2 + 3 * (bins[c2 + r] as number);
        const a3 = b3 + 3 * (bins[c3 + r] as number);
        hist[a0] = (hist[a0] as number) + gr;
        hist[a0 + 1] = (hist[a0 + 1] as number) + hr;
        hist[a1] = (hist[a1] as number) + gr;
        hist[a1 + 1] = (hist[a1 + 1] as number) + hr;
        hist[a2] = (hist[a2] as number) + gr;
        hist[a2 + 1] = (hist[a2 + 1] as number) + hr;
        hist[a3] = (hist[a3] as number) + gr;
        hist[a3 + 1] = (hist[a3 + 1] as number) + hr;
      }
    }
    for (; j < d; j++) {
      const base = offset[j] as number;
      const colBase = j * n;
      for (let r = 0; r < n; r++) {
        const at = base + 3 * (bins[colBase + r] as number);
        hist[at] = (hist[at] as number) + (g[r] as number);
        hist[at + 1] = (hist[at + 1] as number) + (h[r] as number);
      }
    }
    return hist;
  };

  /** Histogram [feature][bin] of (Σg, Σh, count) over rows[start, end), in that order; four features per pass as above. */
  const buildHist = (start: number, end: number): Float64Array => {
    const hist = takeHist();
    let j = 0;
    for (; j + 4 <= d; j += 4) {
      const b0 = offset[j] as number;
      const b1 = offset[j + 1] as number;
      const b2 = offset[j + 2] as number;
      const b3 = offset[j + 3] as number;
      const c0 = j * n;
      const c1 = c0 + n;
      const c2 = c1 + n;
      const c3 = c2 + n;
      for (let k = start; k < end; k++) {
        const r = rows[k] as number;
        const gr = g[r] as number;
        const hr = h[r] as number;
        const a0 = b0 + 3 * (bins[c0 + r] as number);
        const a1 = b1 + 3 * (bins[c1 + r] as number);
        const a2 = b2 + 3 * (bins[c2 + r] as number);
        const a3 = b3 + 3 * (bins[c3 + r] as number);
        hist[a0] = (hist[a0] as number) + gr;
        hist[a0 + 1] = (hist[a0 + 1] as number) + hr;
        hist[a0 + 2] = (hist[a0 + 2] as number) + 1;
        hist[a1] = (hist[a1] as number) + gr;
        hist[a1 + 1] = (hist[a1 + 1] as number) + hr;
        hist[a1 + 2] = (hist[a1 + 2] as number) + 1;
        hist[a2] = (hist[a2] as number) + gr;
        hist[a2 + 1] = (hist[a2 + 1] as number) + hr;
        hist[a2 + 2] = (hist[a2 + 2] as number) + 1;
        hist[a3] = (hist[a3] as number) + gr;
        hist[a3 + 1] = (hist[a3 + 1] as number) + hr;
        hist[a3 + 2] = (hist[a3 + 2] as number) + 1;
      }
    }
    for (; j < d; j++) {
      const base = offset[j] as number;
      const colBase = j * n;
      for (let k = start; k < end; k++) {
        const r = rows[k] as number;
        const at = base + 3 * (bins[colBase + r] as number);
        hist[at] = (hist[at] as number) + (g[r] as number);
        hist[at + 1] = (hist[at + 1] as number) + (h[r] as number);
        hist[at + 2] = (hist[at + 2] as number) + 1;
      }
    }
    return hist;
  };

  /**
   * The best split of a node of `count` rows whose histogram is `hist`, or, with
   * `minus`, whose histogram is hist − minus: then hist is overwritten with that
   * difference in the same pass (the larger child's histogram from its parent's).
   */
  const bestSplit = (
    hist: Float64Array,
    minus: Float64Array | null,
    sumG: number,
    sumH: number,
    count: number,
  ): Split | null => {
    const parentScore = (sumG * sumG) / (sumH + l2);
    let best: Split | null = null;
    let bestGain = 0;
    for (let j = 0; j < d; j++) {
      const nb = nBins[j] as number;
      const base = offset[j] as number;
      if (minus) {
        const stop = base + 3 * nb;
        for (let at = base; at < stop; at++) hist[at] = (hist[at] as number) - (minus[at] as number);
      }
      let gl = 0;
      let hl = 0;
      let cl = 0;
      for (let b = 0; b < nb - 1; b++) {
        const at = base + 3 * b;
        gl += hist[at] as number;
        hl += hist[at + 1] as number;
        cl += hist[at + 2] as number;
        if (cl < minLeaf) continue;
        const cr = count - cl;
        if (cr < minLeaf) break;
        const hr = sumH - hl;
        if (hl < MIN_HESSIAN || hr < MIN_HESSIAN) continue;
        const gr = sumG - gl;
        const s = (gl * gl) / (hl + l2) + (gr * gr) / (hr + l2) - parentScore;
        if (s > bestGain) {
          bestGain = s;
          best = { gain: s, feature: j, bin: b };
        }
      }
    }
    return best;
  };

  for (let iteration = 0; iteration < o.iterations; iteration++) {
    let rootG = 0;
    let rootH = 0;
    for (let i = 0; i < n; i++) {
      const p = 1 / (1 + Math.exp(-(raw[i] as number)));
      const wi = w[i] as number;
      g[i] = wi * (p - (y[i] as number));
      h[i] = wi * p * (1 - p);
      rootG += g[i] as number;
      rootH += h[i] as number;
      rows[i] = i;
    }
    const tree: Tree = { feature: [-1], bin: [0], left: [-1], right: [-1], value: [0] };
    const root: Node = { start: 0, end: n, sumG: rootG, sumH: rootH, hist: null, split: null, id: 0 };
    if (o.maxLeaves > 1 && n >= 2 * minLeaf) {
      root.hist = buildRootHist();
      root.split = bestSplit(root.hist, null, rootG, rootH, n);
      if (!root.split) {
        pool.push(root.hist);
        root.hist = null;
      }
    }
    const open: Node[] = [root];
    let leafCount = 1;
    while (open.length) {
      // The open leaf whose split gains most (earliest on ties, so growth is deterministic).
      let pick = -1;
      for (let k = 0; k < open.length; k++) {
        const s = (open[k] as Node).split;
        if (s && (pick < 0 || s.gain > ((open[pick] as Node).split as Split).gain)) pick = k;
      }
      if (pick < 0 || leafCount >= o.maxLeaves) break;
      const node = open.splice(pick, 1)[0] as Node;
      const split = node.split as Split;
      gain[split.feature] = (gain[split.feature] as number) + split.gain;
      // Partition rows[start, end) stably: bin <= split.bin first.
      const colBase = split.feature * n;
      let nl = 0;
      let nr = 0;
      let gl = 0;
      let hl = 0;
      for (let k = node.start; k < node.end; k++) {
        const r = rows[k] as number;
        if ((bins[colBase + r] as number) <= split.bin) {
          rows[node.start + nl++] = r;
          gl += g[r] as number;
          hl += h[r] as number;
        } else scratch[nr++] = r;
      }
      for (let k = 0; k < nr; k++) rows[node.start + nl + k] = scratch[k] as number;
      const mid = node.start + nl;
      const leftId = tree.feature.length;
      const rightId = leftId + 1;
      tree.feature[node.id] = split.feature;
      tree.bin[node.id] = split.bin;
      tree.left[node.id] = leftId;
      tree.right[node.id] = rightId;
      for (let c = 0; c < 2; c++) {
        tree.feature.push(-1);
        tree.bin.push(0);
        tree.left.push(-1);
        tree.right.push(-1);
        tree.value.push(0);
      }
      const leftNode: Node = {
        start: node.start,
        end: mid,
        sumG: gl,
        sumH: hl,
        hist: null,
        split: null,
        id: leftId,
      };
      const rightNode: Node = {
        start: mid,
        end: node.end,
        sumG: node.sumG - gl,
        sumH: node.sumH - hl,
        hist: null,
        split: null,
        id: rightId,
      };
      leafCount += 1;
      const parentHist = node.hist as Float64Array;
      node.hist = null;
      const [small, large] = nl <= nr ? [leftNode, rightNode] : [rightNode, leftNode];
      // A child may be split later only where the tree has room and it has rows for two leaves.
      const splittable = (c: Node) => leafCount < o.maxLeaves && c.end - c.start >= 2 * minLeaf;
      if (splittable(large)) {
        const smallHist = buildHist(small.start, small.end);
        large.split = bestSplit(parentHist, smallHist, large.sumG, large.sumH, large.end - large.start);
        large.hist = parentHist;
        if (splittable(small)) {
          small.split = bestSplit(smallHist, null, small.sumG, small.sumH, small.end - small.start);
          small.hist = smallHist;
        } else pool.push(smallHist);
      } else {
        if (splittable(small)) {
          small.hist = buildHist(small.start, small.end);
          small.split = bestSplit(small.hist, null, small.sumG, small.sumH, small.end - small.start);
        }
        pool.push(parentHist);
      }
      for (const child of [leftNode, rightNode]) {
        if (child.hist && !child.split) {
          pool.push(child.hist);
          child.hist = null;
        }
        open.push(child);
      }
    }
    for (const leaf of open) {
      const value = (-o.learningRate * leaf.sumG) / (leaf.sumH + l2 || 1e-12);
      tree.value[leaf.id] = value;
      for (let k = leaf.start; k < leaf.end; k++) {
        const r = rows[k] as number;
        raw[r] = (raw[r] as number) + value;
      }
      if (leaf.hist) pool.push(leaf.hist);
      leaf.hist = null;
    }
    trees.push(tree);
  }

  return {
    gain,
    predictLogit(test: FeatureMatrix): Float64Array {
      const tb = applyBinning(test, binning);
      const m = test.rows;
      const out = new Float64Array(m).fill(baseline);
      for (const tree of trees) {
        for (let i = 0; i < m; i++) {
          let node = 0;
          while ((tree.feature[node] as number) >= 0) {
            const f = tree.feature[node] as number;
            node =
              (tb[f * m + i] as number) <= (tree.bin[node] as number)
                ? (tree.left[node] as number)
                : (tree.right[node] as number);
          }
          out[i] = (out[i] as number) + (tree.value[node] as number);
        }
      }
      return out;
    },
  };
}
