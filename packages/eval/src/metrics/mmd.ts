import { countWindows } from '../windows.js';
import { makeRng, sampleIndices } from '../util/rng.js';
import { quantileSorted } from '../util/stats.js';
import type { WindowSet } from '../types.js';

/**
 * Squared maximum mean discrepancy between two sets of windows (raw milli-g vectors),
 * unbiased estimator (Gretton et al. 2012, eq. 3):
 *   MMD²_u = Σ_{i≠j} k(x_i,x_j)/(m(m-1)) + Σ_{i≠j} k(y_i,y_j)/(n(n-1)) - 2 Σ_{i,j} k(x_i,y_j)/(mn),
 * with the RBF kernel k(x, y) = exp(-|x - y|² / (2σ²)). It can be slightly negative when
 * the sets match. Both sets are subsampled to at most `maxPerSide` windows (seeded).
 */
export function mmdSquared(
  a: WindowSet,
  ia: readonly number[],
  b: WindowSet,
  ib: readonly number[],
  sigma: number,
  options: { maxPerSide?: number; seed?: number } = {},
): number {
  const max = options.maxPerSide ?? 400;
  const rand = makeRng(options.seed ?? 1);
  const xa = sampleIndices(ia.length, max, rand).map((k) => ia[k] as number);
  const xb = sampleIndices(ib.length, max, rand).map((k) => ib[k] as number);
  if (xa.length < 2 || xb.length < 2) return Number.NaN;
  const gamma = 1 / (2 * sigma * sigma);
  const kernelMean = (
    s: WindowSet,
    p: readonly number[],
    t: WindowSet,
    q: readonly number[],
    same: boolean,
  ): number => {
    const l = s.samplesPerWindow;
    const xs = gatherRows(s, p);
    const ys = same ? xs : gatherRows(t, q);
    let sum = 0;
    let count = 0;
    for (let i = 0; i < p.length; i++) {
      const xi = i * l;
      let j = same ? i + 1 : 0;
      // Four pairs at a time: each distance is still summed sample by sample in order and
      // the kernel values added in order of j, so the result is the plain loop's to the
      // bit; the four sums are independent, so the processor overlaps them.
      for (; j + 4 <= q.length; j += 4) {
        const y0 = j * l;
        const y1 = y0 + l;
        const y2 = y1 + l;
        const y3 = y2 + l;
        let d0 = 0;
        let d1 = 0;
        let d2 = 0;
        let d3 = 0;
        for (let u = 0; u < l; u++) {
          const x = xs[xi + u] as number;
          const e0 = x - (ys[y0 + u] as number);
          const e1 = x - (ys[y1 + u] as number);
          const e2 = x - (ys[y2 + u] as number);
          const e3 = x - (ys[y3 + u] as number);
          d0 += e0 * e0;
          d1 += e1 * e1;
          d2 += e2 * e2;
          d3 += e3 * e3;
        }
        sum += Math.exp(-gamma * d0);
        sum += Math.exp(-gamma * d1);
        sum += Math.exp(-gamma * d2);
        sum += Math.exp(-gamma * d3);
        count += 4;
      }
      for (; j < q.length; j++) {
        const yj = j * l;
        let d = 0;
        for (let u = 0; u < l; u++) {
          const e = (xs[xi + u] as number) - (ys[yj + u] as number);
          d += e * e;
        }
        sum += Math.exp(-gamma * d);
        count++;
      }
    }
    return sum / count;
  };
  return kernelMean(a, xa, a, xa, true) + kernelMean(b, xb, b, xb, true) - 2 * kernelMean(a, xa, b, xb, false);
}

/**
 * The median heuristic (Gretton et al.): σ = the median Euclidean distance |x_i - x_j|
 * over all pairs i < j of a seeded subsample of at most `maxWindows` windows
 * (type-7 median of the squared distances, square-rooted); 1 if that median is 0.
 */
export function medianHeuristicSigma(
  set: WindowSet,
  indices: readonly number[] = Array.from({ length: countWindows(set) }, (_, i) => i),
  options: { maxWindows?: number; seed?: number } = {},
): number {
  const rand = makeRng(options.seed ?? 1);
  const pick = sampleIndices(indices.length, options.maxWindows ?? 400, rand).map((k) => indices[k] as number);
  const d: number[] = [];
  for (let i = 0; i < pick.length; i++)
    for (let j = i + 1; j < pick.length; j++) d.push(squaredDistance(set, pick[i] as number, set, pick[j] as number));
  const med = quantileSorted(Float64Array.from(d).sort(), 0.5);
  return med > 0 ? Math.sqrt(med) : 1;
}

/** The windows at `rows` of `set`, one after another (as float64, which holds float32 exactly). */
function gatherRows(set: WindowSet, rows: readonly number[]): Float64Array {
  const l = set.samplesPerWindow;
  const out = new Float64Array(rows.length * l);
  for (let k = 0; k < rows.length; k++) {
    const from = (rows[k] as number) * l;
    for (let u = 0; u < l; u++) out[k * l + u] = set.values[from + u] as number;
  }
  return out;
}

export function squaredDistance(a: WindowSet, i: number, b: WindowSet, j: number): number {
  const l = a.samplesPerWindow;
  const va = a.values;
  const vb = b.values;
  let s = 0;
  for (let t = 0, p = i * l, q = j * l; t < l; t++, p++, q++) {
    const e = (va[p] as number) - (vb[q] as number);
    s += e * e;
  }
  return s;
}
