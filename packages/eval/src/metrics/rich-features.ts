import { autocorrInto } from '../dsp/autocorr.js';
import { bandPower, welchInto, welchPlan, type WelchPlan } from '../dsp/welch.js';
import { countWindows } from '../windows.js';
import { moments } from '../util/stats.js';
import type { WindowSet } from '../types.js';
import { FEATURE_BANDS, type FeatureMatrix } from './features.js';

/**
 * The tree critic's features: what a researcher tells real from synthetic windows by,
 * in milli-g, per window (docs/metrics.md, "Tree critic", defines each). Besides level,
 * spread and spectrum (what the logistic critic's 41 features hold), they look at what
 * spectra miss: the shape of steps (sample-to-sample differences and their
 * distribution), how the watch quantises (the share of values on the whole-milli-g grid,
 * repeated values), and the phase structure a linear Gaussian process lacks (time-
 * reversal asymmetry, third-order moments), which IAAFT surrogates destroy.
 */

const PERCENTILES = [1, 5, 10, 25, 50, 75, 90, 95, 99];
const DIFF_PERCENTILES = [5, 25, 50, 75, 95];
/** Autocorrelation lags (samples): 1–25 as the distances use, then up to 2.4 s. */
const ACF_LAGS = [...Array.from({ length: 25 }, (_, i) => i + 1), 30, 35, 40, 50, 60];
/** Lags of the time-reversal asymmetry and the third-order moments (samples). */
const ASYMMETRY_LAGS = [1, 2, 3, 5, 8];
const TRIPLE_LAGS = [1, 2, 4];
/** Welch segment lengths of the multi-resolution spectra (64 is the metrics' own). */
const SEGMENTS = [64, 32, 16];
/** A value this close to a whole number of milli-g is on the grid (covers float32 rounding after denormalising). */
export const GRID_TOLERANCE_MG = 0.01;
/** Parts each window is cut into for the burst features (1 s each for 5 s windows). */
const PARTS = 5;
const SEGMENT_FEATURES = ['partStdCv', 'partStdLogRatio', 'partMeanRange', 'partDiffLogRatio'];
/** Floor added to PSD values before the log (mg²/Hz). */
const PSD_FLOOR = 1e-3;

const segmentBins = (segment: number): number[] => Array.from({ length: segment / 2 }, (_, k) => k + 1);

/** Column names, in order. */
export const RICH_FEATURE_NAMES: readonly string[] = [
  'mean',
  'std',
  'skewness',
  'kurtosis',
  ...PERCENTILES.map((p) => `p${p}`),
  'range',
  'iqr',
  'diffMeanAbs',
  'diffStd',
  'diffSkewness',
  'diffKurtosis',
  ...DIFF_PERCENTILES.map((p) => `diffP${p}`),
  'diffMaxAbs',
  'diffUpShare',
  'diffAbsMedianRatio',
  'diffAbsP90Ratio',
  'diffMaxRatio',
  'diff2MeanAbs',
  'diff2Std',
  'roughness',
  'complexity',
  'tailRatio',
  ...SEGMENT_FEATURES,
  'gridShare',
  'gridDistance',
  'distinctShare',
  'repeatShare',
  'longestRepeat',
  'meanRunLength',
  ...SEGMENTS.flatMap((s) => segmentBins(s).map((k) => `logPsd${s}_${((k * 25) / s).toFixed(2)}Hz`)),
  ...FEATURE_BANDS.map(([lo, hi]) => `logPower_${lo}_${hi}Hz`),
  'ratio_3_8Hz',
  'spectralFlatness',
  'spectralEntropy',
  'spectralCentroidHz',
  'spectralEdge95Hz',
  'dominantHz',
  'dominantShare',
  'meanCrossings',
  'extremaRate',
  'peaks1sd',
  'peaks2sd',
  'peakHeight',
  ...ACF_LAGS.map((l) => `acf${l}`),
  ...ASYMMETRY_LAGS.map((l) => `reversalAsymmetry${l}`),
  ...ASYMMETRY_LAGS.flatMap((l) => [`c3_sq0_${l}`, `c3_0sq_${l}`]),
  ...TRIPLE_LAGS.map((l) => `c3_${l}_${2 * l}`),
];

/** The features of every window of `set`, [windows × RICH_FEATURE_NAMES.length]. */
export function richFeatures(set: WindowSet): FeatureMatrix {
  const l = set.samplesPerWindow;
  const n = countWindows(set);
  const cols = RICH_FEATURE_NAMES.length;
  const data = new Float64Array(n * cols);
  const plans = SEGMENTS.map((s) => welchPlan(l, 25, s));
  const psds = plans.map((p) => new Float64Array(p.freqs.length));
  const x = new Float64Array(l);
  const sortedX = new Float64Array(l);
  const diff = new Float64Array(l - 1);
  const sortedDiff = new Float64Array(l - 1);
  const absDiff = new Float64Array(l - 1);
  const diff2 = new Float64Array(Math.max(0, l - 2));
  const z = new Float64Array(l);
  const acf = new Float64Array(Math.max(...ACF_LAGS));
  const row = new Float64Array(cols);
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < l; t++) x[t] = set.values[i * l + t] as number;
    let c = 0;
    const put = (v: number): void => {
      row[c++] = Number.isFinite(v) ? v : 0;
    };
    // Level, spread and shape of the values.
    const m = moments(x);
    put(m.mean);
    put(m.std);
    put(m.skewness);
    put(m.kurtosis);
    sortedX.set(x);
    sortedX.sort();
    for (const p of PERCENTILES) put(percentile(sortedX, p));
    put((sortedX[l - 1] as number) - (sortedX[0] as number));
    put(percentile(sortedX, 75) - percentile(sortedX, 25));
    // Steps: first and second differences.
    for (let t = 0; t + 1 < l; t++) diff[t] = (x[t + 1] as number) - (x[t] as number);
    for (let t = 0; t + 2 < l; t++) diff2[t] = (diff[t + 1] as number) - (diff[t] as number);
    const md = moments(diff);
    let absSum = 0;
    let maxAbs = 0;
    let up = 0;
    for (let t = 0; t < diff.length; t++) {
      const a = Math.abs(diff[t] as number);
      absSum += a;
      if (a > maxAbs) maxAbs = a;
      if ((diff[t] as number) > 0) up++;
    }
    put(absSum / diff.length);
    put(md.std);
    put(md.skewness);
    put(md.kurtosis);
    sortedDiff.set(diff);
    sortedDiff.sort();
    for (const p of DIFF_PERCENTILES) put(percentile(sortedDiff, p));
    put(maxAbs);
    put(up / diff.length);
    // The steps' distribution against their own scale: heavy tails are short sharp moves.
    const diffRms = Math.sqrt(md.std * md.std + md.mean * md.mean);
    for (let t = 0; t < diff.length; t++) absDiff[t] = Math.abs(diff[t] as number);
    absDiff.sort();
    put(diffRms > 0 ? percentile(absDiff, 50) / diffRms : 0);
    put(diffRms > 0 ? percentile(absDiff, 90) / diffRms : 0);
    put(diffRms > 0 ? maxAbs / diffRms : 0);
    const m2 = moments(diff2);
    let abs2 = 0;
    for (let t = 0; t < diff2.length; t++) abs2 += Math.abs(diff2[t] as number);
    put(diff2.length ? abs2 / diff2.length : 0);
    put(m2.std);
    const mobility = m.std > 0 ? md.std / m.std : 0;
    put(mobility);
    put(mobility > 0 && md.std > 0 ? m2.std / md.std / mobility : 0);
    const iqr = percentile(sortedX, 75) - percentile(sortedX, 25);
    put(iqr > 0 ? (percentile(sortedX, 99) - percentile(sortedX, 1)) / iqr : 0);
    // Bursts: how unevenly the movement spreads over the window's parts (phase scrambling evens it out).
    partFeatures(x, diff, m.std, put);
    // The watch's grid and repeated values.
    let onGrid = 0;
    let gridDistance = 0;
    for (let t = 0; t < l; t++) {
      const v = x[t] as number;
      const e = Math.abs(v - Math.round(v));
      gridDistance += e;
      if (e <= GRID_TOLERANCE_MG) onGrid++;
    }
    put(onGrid / l);
    put(gridDistance / l);
    let distinct = 1;
    for (let t = 1; t < l; t++) if ((sortedX[t] as number) !== (sortedX[t - 1] as number)) distinct++;
    put(distinct / l);
    let repeats = 0;
    let run = 1;
    let longest = 1;
    let runs = 1;
    for (let t = 0; t < diff.length; t++) {
      if (Math.abs(diff[t] as number) <= GRID_TOLERANCE_MG) {
        repeats++;
        run++;
      } else {
        run = 1;
        runs++;
      }
      if (run > longest) longest = run;
    }
    put(repeats / diff.length);
    put(longest / l);
    put(l / runs);
    // Multi-resolution Welch log-spectra.
    plans.forEach((plan, k) => {
      const psd = psds[k] as Float64Array;
      welchInto(plan, x, 0, psd);
      for (let b = 1; b < psd.length; b++) put(Math.log10(PSD_FLOOR + (psd[b] as number)));
    });
    const plan = plans[0] as WelchPlan;
    const psd = psds[0] as Float64Array;
    for (const [lo, hi] of FEATURE_BANDS) put(Math.log10(1 + bandPower(plan, psd, lo, hi)));
    const total = bandPower(plan, psd, 1, 12.5);
    put(total > 0 ? bandPower(plan, psd, 3, 8) / total : 0);
    spectralShape(plan, psd, put);
    // Crossings and peaks.
    let crossings = 0;
    for (let t = 1; t < l; t++) if ((x[t] as number) - m.mean > 0 !== (x[t - 1] as number) - m.mean > 0) crossings++;
    put(crossings / (l - 1));
    let extrema = 0;
    let lastSign = 0;
    for (let t = 0; t < diff.length; t++) {
      const s = Math.sign(diff[t] as number);
      if (s === 0) continue;
      if (lastSign !== 0 && s !== lastSign) extrema++;
      lastSign = s;
    }
    put(extrema / l);
    const median = percentile(sortedX, 50);
    let peaks1 = 0;
    let peaks2 = 0;
    let peakHeight = 0;
    let peakCount = 0;
    for (let t = 1; t + 1 < l; t++) {
      const v = x[t] as number;
      if (v > (x[t - 1] as number) && v >= (x[t + 1] as number)) {
        peakCount++;
        peakHeight += m.std > 0 ? (v - median) / m.std : 0;
        if (v > m.mean + m.std) peaks1++;
        if (v > m.mean + 2 * m.std) peaks2++;
      }
    }
    put(peaks1 / l);
    put(peaks2 / l);
    put(peakCount ? peakHeight / peakCount : 0);
    // Autocorrelation, to the longer lags the window allows.
    const maxLag = Math.min(acf.length, l - 1);
    acf.fill(0);
    autocorrInto(x, 0, l, maxLag, acf);
    for (const lag of ACF_LAGS) put(lag <= maxLag ? (acf[lag - 1] as number) : 0);
    // Non-linear, phase-dependent structure.
    for (const lag of ASYMMETRY_LAGS) put(reversalAsymmetry(x, lag));
    for (let t = 0; t < l; t++) z[t] = m.std > 0 ? ((x[t] as number) - m.mean) / m.std : 0;
    for (const lag of ASYMMETRY_LAGS) {
      let a = 0;
      let b = 0;
      for (let t = 0; t + lag < l; t++) {
        const u = z[t] as number;
        const v = z[t + lag] as number;
        a += u * u * v;
        b += u * v * v;
      }
      put(a / Math.max(1, l - lag));
      put(b / Math.max(1, l - lag));
    }
    for (const lag of TRIPLE_LAGS) {
      let s = 0;
      for (let t = 0; t + 2 * lag < l; t++) s += (z[t] as number) * (z[t + lag] as number) * (z[t + 2 * lag] as number);
      put(s / Math.max(1, l - 2 * lag));
    }
    if (c !== cols) throw new Error(`rich features: ${c} values for ${cols} names`);
    data.set(row, i * cols);
  }
  return { rows: n, cols, data };
}

/**
 * The window cut into PARTS equal parts (the last takes the remainder): the coefficient
 * of variation of the parts' standard deviations, log10 of the largest over the smallest
 * (each floored at 0.01 mg), the range of the parts' means over the window's std, and
 * log10 of the largest over the smallest mean absolute step.
 */
function partFeatures(x: Float64Array, diff: Float64Array, std: number, put: (v: number) => void): void {
  const l = x.length;
  const size = Math.floor(l / PARTS);
  const stds: number[] = [];
  const means: number[] = [];
  const steps: number[] = [];
  for (let p = 0; p < PARTS; p++) {
    const from = p * size;
    const to = p === PARTS - 1 ? l : from + size;
    const m = moments(x, from, to);
    stds.push(Math.max(0.01, m.std));
    means.push(m.mean);
    let s = 0;
    for (let t = from; t < Math.min(to, diff.length); t++) s += Math.abs(diff[t] as number);
    steps.push(Math.max(0.01, s / Math.max(1, Math.min(to, diff.length) - from)));
  }
  const sm = stds.reduce((a, b) => a + b, 0) / PARTS;
  const sv = stds.reduce((a, b) => a + (b - sm) ** 2, 0) / PARTS;
  put(sm > 0 ? Math.sqrt(sv) / sm : 0);
  put(Math.log10(Math.max(...stds) / Math.min(...stds)));
  put(std > 0 ? (Math.max(...means) - Math.min(...means)) / std : 0);
  put(Math.log10(Math.max(...steps) / Math.min(...steps)));
}

/** Linear-interpolated percentile (0–100) of an ascending array (R type 7). */
function percentile(sorted: Float64Array, p: number): number {
  const h = ((sorted.length - 1) * p) / 100;
  const lo = Math.floor(h);
  const a = sorted[lo] as number;
  return a + (h - lo) * ((sorted[Math.min(sorted.length - 1, lo + 1)] as number) - a);
}

/**
 * Over the Welch bins above DC (k ≥ 1): flatness exp(mean ln P)/mean P; entropy
 * −Σ p ln p / ln K of p = P/ΣP; centroid Σ f P / Σ P; the frequency below which 95% of the
 * power lies; the largest bin's frequency and its share of the power. 0s for a flat-zero spectrum.
 */
function spectralShape(plan: WelchPlan, psd: Float64Array, put: (v: number) => void): void {
  const k0 = 1;
  const bins = psd.length - k0;
  let sum = 0;
  let logSum = 0;
  let centroid = 0;
  let best = k0;
  for (let k = k0; k < psd.length; k++) {
    const p = psd[k] as number;
    sum += p;
    logSum += Math.log(p + 1e-12);
    centroid += (plan.freqs[k] as number) * p;
    if (p > (psd[best] as number)) best = k;
  }
  if (sum <= 0) {
    for (let j = 0; j < 6; j++) put(0);
    return;
  }
  put(Math.exp(logSum / bins) / (sum / bins));
  let entropy = 0;
  for (let k = k0; k < psd.length; k++) {
    const q = (psd[k] as number) / sum;
    if (q > 0) entropy -= q * Math.log(q);
  }
  put(entropy / Math.log(bins));
  put(centroid / sum);
  let cumulative = 0;
  let edge = plan.freqs[psd.length - 1] as number;
  for (let k = k0; k < psd.length; k++) {
    cumulative += psd[k] as number;
    if (cumulative >= 0.95 * sum) {
      edge = plan.freqs[k] as number;
      break;
    }
  }
  put(edge);
  put(plan.freqs[best] as number);
  put((psd[best] as number) / sum);
}

/**
 * Time-reversal asymmetry at a lag: E[(x_{t+τ} − x_t)³] / E[(x_{t+τ} − x_t)²]^{3/2}; 0 for
 * a series that looks the same played backwards (any linear Gaussian process), and for a
 * constant one.
 */
function reversalAsymmetry(x: Float64Array, lag: number): number {
  let s2 = 0;
  let s3 = 0;
  const m = x.length - lag;
  if (m < 1) return 0;
  for (let t = 0; t < m; t++) {
    const d = (x[t + lag] as number) - (x[t] as number);
    s2 += d * d;
    s3 += d * d * d;
  }
  s2 /= m;
  s3 /= m;
  return s2 > 1e-12 ? s3 / s2 ** 1.5 : 0;
}

const DESCRIPTIONS: Readonly<Record<string, string>> = {
  mean: 'mean level (mg)',
  std: 'standard deviation (mg)',
  skewness: 'skewness of the values',
  kurtosis: 'excess kurtosis of the values',
  range: 'max − min (mg)',
  iqr: 'interquartile range (mg)',
  diffMeanAbs: 'mean |step| between samples (mg)',
  diffStd: 'std of the steps (mg)',
  diffSkewness: 'skewness of the steps',
  diffKurtosis: 'kurtosis of the steps: heavy tails are sharp moves',
  diffMaxAbs: 'largest |step| (mg)',
  diffUpShare: 'share of steps that go up',
  diffAbsMedianRatio: 'median |step| over the steps’ RMS',
  diffAbsP90Ratio: '90th percentile |step| over the steps’ RMS',
  diffMaxRatio: 'largest |step| over the steps’ RMS',
  diff2MeanAbs: 'mean |second difference| (mg)',
  diff2Std: 'std of the second differences (mg)',
  roughness: 'std of the steps over std of the values (Hjorth mobility)',
  complexity: 'Hjorth complexity',
  tailRatio: '(p99 − p1) / IQR of the values',
  partStdCv: 'how unevenly the std spreads over the window’s fifths',
  partStdLogRatio: 'log10 largest / smallest std of the window’s fifths',
  partMeanRange: 'range of the fifths’ means over the std',
  partDiffLogRatio: 'log10 largest / smallest mean |step| of the fifths',
  gridShare: 'share of values on the whole-milli-g grid',
  gridDistance: 'mean distance of the values from whole milli-g',
  distinctShare: 'distinct values per sample',
  repeatShare: 'share of steps that repeat the value',
  longestRepeat: 'longest run of one repeated value, per sample',
  meanRunLength: 'mean run length of repeated values (samples)',
  ratio_3_8Hz: 'Welch power 3–8 Hz over 1–12.5 Hz',
  spectralFlatness: 'spectral flatness (geometric over arithmetic mean PSD)',
  spectralEntropy: 'normalised spectral entropy',
  spectralCentroidHz: 'spectral centroid (Hz)',
  spectralEdge95Hz: 'frequency below which 95% of the power lies (Hz)',
  dominantHz: 'frequency of the largest PSD bin (Hz)',
  dominantShare: 'share of the power in the largest PSD bin',
  meanCrossings: 'crossings of the mean per sample',
  extremaRate: 'local extrema per sample',
  peaks1sd: 'peaks above mean + 1 std, per sample',
  peaks2sd: 'peaks above mean + 2 std, per sample',
  peakHeight: 'mean height of local maxima above the median, in stds',
};

/** A feature's meaning in words, for the report. */
export function describeRichFeature(name: string): string {
  const known = DESCRIPTIONS[name];
  if (known) return known;
  let m = /^p(\d+)$/.exec(name);
  if (m) return `${m[1]}th percentile of the values (mg)`;
  m = /^diffP(\d+)$/.exec(name);
  if (m) return `${m[1]}th percentile of the steps (mg)`;
  m = /^logPsd(\d+)_([\d.]+)Hz$/.exec(name);
  if (m) return `log10 Welch PSD at ${m[2]} Hz (${m[1]}-sample segments)`;
  m = /^logPower_([\d.]+)_([\d.]+)Hz$/.exec(name);
  if (m) return `log10(1 + Welch power in ${m[1]}–${m[2]} Hz)`;
  m = /^acf(\d+)$/.exec(name);
  if (m) return `autocorrelation at ${(Number(m[1]) / 25).toFixed(2)} s`;
  m = /^reversalAsymmetry(\d+)$/.exec(name);
  if (m) return `time-reversal asymmetry at lag ${m[1]}: rises unlike falls`;
  m = /^c3_sq0_(\d+)$/.exec(name);
  if (m) return `third-order moment E[z_t² z_{t+${m[1]}}]`;
  m = /^c3_0sq_(\d+)$/.exec(name);
  if (m) return `third-order moment E[z_t z_{t+${m[1]}}²]`;
  m = /^c3_(\d+)_(\d+)$/.exec(name);
  if (m) return `third-order moment E[z_t z_{t+${m[1]}} z_{t+${m[2]}}]`;
  return name;
}
