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
    let sum = 0;
    let count = 0;
    for (let i = 0; i < p.length; i++) {
      for (let j = same ? i + 1 : 0; j < q.length; j++) {
        sum += Math.exp(-gamma * squaredDistance(s, p[i] as number, t, q[j] as number));
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
