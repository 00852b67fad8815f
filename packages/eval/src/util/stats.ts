/** Small numeric helpers shared by the metrics. */

export function mean(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] as number;
  return x.length ? s / x.length : Number.NaN;
}

/** Sample variance (n - 1 denominator); 0 for fewer than two values. */
export function variance(x: ArrayLike<number>): number {
  const n = x.length;
  if (n < 2) return 0;
  const m = mean(x);
  let s = 0;
  for (let i = 0; i < n; i++) {
    const d = (x[i] as number) - m;
    s += d * d;
  }
  return s / (n - 1);
}

export function std(x: ArrayLike<number>): number {
  return Math.sqrt(variance(x));
}

/** Ascending copy as Float64Array. */
export function sorted(x: ArrayLike<number>): Float64Array {
  return Float64Array.from(x as ArrayLike<number>).sort();
}

/** Quantile of an ascending array, linear interpolation between order statistics (R type 7, numpy default). */
export function quantileSorted(s: ArrayLike<number>, q: number): number {
  const n = s.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * Math.min(1, Math.max(0, q));
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  const a = s[lo] as number;
  return a + (h - lo) * ((s[hi] as number) - a);
}

export function quantile(x: ArrayLike<number>, q: number): number {
  return quantileSorted(sorted(x), q);
}

/**
 * Central moments of a slice: population mean, std (n denominator), skewness m3/m2^1.5
 * and excess kurtosis m4/m2^2 - 3; 0 for skewness and kurtosis of a constant slice.
 */
export function moments(
  x: ArrayLike<number>,
  start = 0,
  end = x.length,
): { mean: number; std: number; skewness: number; kurtosis: number } {
  const n = end - start;
  let s = 0;
  for (let i = start; i < end; i++) s += x[i] as number;
  const m = s / n;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (let i = start; i < end; i++) {
    const d = (x[i] as number) - m;
    const d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
  }
  m2 /= n;
  m3 /= n;
  m4 /= n;
  // Relative guard: a slice whose spread is float noise around its mean counts as constant.
  const constant = m2 <= 1e-20 * Math.max(1, m * m);
  return {
    mean: m,
    std: Math.sqrt(m2),
    skewness: constant ? 0 : m3 / m2 ** 1.5,
    kurtosis: constant ? 0 : m4 / (m2 * m2) - 3,
  };
}

/** Two-sided 97.5% quantiles of Student's t for 1..30 degrees of freedom (standard tables). */
const T975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11,
  2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

/**
 * t_{0.975, df}: a table up to 30 degrees of freedom, beyond that the Cornish–Fisher
 * expansion around z = 1.95996 (error below 1e-3). A table instead of a statistics
 * library because this is the only quantile the package needs.
 */
export function tCritical975(df: number): number {
  if (df < 1) return Number.POSITIVE_INFINITY;
  const d = Math.floor(df);
  if (d <= 30) return T975[d - 1] as number;
  const z = 1.959964;
  const z3 = z ** 3;
  const z5 = z ** 5;
  return z + (z3 + z) / (4 * d) + (5 * z5 + 16 * z3 + 3 * z) / (96 * d * d);
}

export interface Interval {
  readonly mean: number;
  readonly lo: number;
  readonly hi: number;
  /** Number of values the interval is over. */
  readonly n: number;
}

/** Mean with a 95% t-interval (mean ± t·s/√n); a point interval for one value. */
export function tInterval(values: ArrayLike<number>): Interval {
  const n = values.length;
  const m = mean(values);
  if (n < 2) return { mean: m, lo: m, hi: m, n };
  const half = (tCritical975(n - 1) * std(values)) / Math.sqrt(n);
  return { mean: m, lo: m - half, hi: m + half, n };
}

/** A distribution summarised: count and quartiles (NaN when empty). */
export interface Spread {
  readonly n: number;
  readonly median: number;
  readonly q25: number;
  readonly q75: number;
  readonly mean: number;
}

/**
 * Whether a distance to held-out real data lies within the real-vs-real spread of that
 * distance: finite and no larger than the spread's upper quartile (false for an empty spread).
 */
export function withinRealSpread(distance: number, realVsReal: Spread): boolean {
  return realVsReal.n > 0 && Number.isFinite(distance) && distance <= realVsReal.q75;
}

export function spread(values: ArrayLike<number>): Spread {
  const s = sorted(values);
  if (!s.length) return { n: 0, median: Number.NaN, q25: Number.NaN, q75: Number.NaN, mean: Number.NaN };
  let sum = 0;
  for (const v of s) sum += v;
  return {
    n: s.length,
    median: quantileSorted(s, 0.5),
    q25: quantileSorted(s, 0.25),
    q75: quantileSorted(s, 0.75),
    mean: sum / s.length,
  };
}
