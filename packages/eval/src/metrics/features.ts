import { autocorrInto } from '../dsp/autocorr.js';
import { bandPower, welchInto, welchPlan } from '../dsp/welch.js';
import { countWindows } from '../windows.js';
import { moments } from '../util/stats.js';
import type { WindowSet } from '../types.js';

/** Autocorrelation lags used as features and in the autocorrelation distance. */
export const MAX_LAG = 25;

/** Bands (Hz) whose log power is a feature; the first excludes DC. */
export const FEATURE_BANDS: readonly (readonly [number, number])[] = [
  [0.2, 1],
  [1, 3],
  [3, 5],
  [5, 8],
  [8, 12.5],
];

const PERCENTILES = [0.05, 0.25, 0.5, 0.75, 0.95];

/** Names of the hand-made features, in column order. */
export const FEATURE_NAMES: readonly string[] = [
  'mean',
  'std',
  ...PERCENTILES.map((p) => `p${Math.round(p * 100)}`),
  'skewness',
  'kurtosis',
  'meanAbsDiff',
  ...FEATURE_BANDS.map(([lo, hi]) => `logPower_${lo}_${hi}Hz`),
  'ratio_3_8Hz',
  ...Array.from({ length: MAX_LAG }, (_, i) => `acf${i + 1}`),
];

/** Per-window features as a row-major matrix [windows × FEATURE_NAMES.length]. */
export interface FeatureMatrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

/**
 * The hand-made features of every window (all in milli-g units, per window):
 * mean; std (population); the 5/25/50/75/95th percentiles (type 7); skewness and excess
 * kurtosis (moment estimators); mean |x_{t+1} - x_t|; log10(1 + band power in mg²) of
 * the Welch PSD in each FEATURE_BANDS band (closed bands, see bandPower); the power ratio
 * P(3–8 Hz) / P(1–12.5 Hz) of the Welch PSD (0 when the denominator is 0); the
 * autocorrelation at lags 1..25.
 */
export function windowFeatures(set: WindowSet): FeatureMatrix {
  const l = set.samplesPerWindow;
  const n = countWindows(set);
  const cols = FEATURE_NAMES.length;
  const data = new Float64Array(n * cols);
  const plan = welchPlan(l);
  const psd = new Float64Array(plan.freqs.length);
  const sortedBuf = new Float64Array(l);
  const acf = new Float64Array(MAX_LAG);
  const x = set.values;
  for (let i = 0; i < n; i++) {
    const off = i * l;
    let c = i * cols;
    const m = moments(x, off, off + l);
    data[c++] = m.mean;
    data[c++] = m.std;
    for (let t = 0; t < l; t++) sortedBuf[t] = x[off + t] as number;
    sortedBuf.sort();
    for (const p of PERCENTILES) {
      const h = (l - 1) * p;
      const lo = Math.floor(h);
      const a = sortedBuf[lo] as number;
      data[c++] = a + (h - lo) * ((sortedBuf[Math.min(l - 1, lo + 1)] as number) - a);
    }
    data[c++] = m.skewness;
    data[c++] = m.kurtosis;
    let mad = 0;
    for (let t = 1; t < l; t++) mad += Math.abs((x[off + t] as number) - (x[off + t - 1] as number));
    data[c++] = mad / (l - 1);
    welchInto(plan, x, off, psd);
    for (const [lo, hi] of FEATURE_BANDS) data[c++] = Math.log10(1 + bandPower(plan, psd, lo, hi));
    const total = bandPower(plan, psd, 1, 12.5);
    data[c++] = total > 0 ? bandPower(plan, psd, 3, 8) / total : 0;
    autocorrInto(x, off, l, MAX_LAG, acf);
    data.set(acf, c);
  }
  return { rows: n, cols, data };
}

/** Rows `indices` of a feature matrix. */
export function featureRows(f: FeatureMatrix, indices: ArrayLike<number>): FeatureMatrix {
  const data = new Float64Array(indices.length * f.cols);
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k] as number;
    data.set(f.data.subarray(i * f.cols, (i + 1) * f.cols), k * f.cols);
  }
  return { rows: indices.length, cols: f.cols, data };
}

/** Stacks feature matrices with equal columns. */
export function stackFeatures(parts: readonly FeatureMatrix[]): FeatureMatrix {
  const cols = parts[0]?.cols ?? FEATURE_NAMES.length;
  const rows = parts.reduce((n, p) => n + p.rows, 0);
  const data = new Float64Array(rows * cols);
  let off = 0;
  for (const p of parts) {
    data.set(p.data, off);
    off += p.data.length;
  }
  return { rows, cols, data };
}
