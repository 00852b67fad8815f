import { ksStatistic, wasserstein1 } from './distance.js';
import { MAX_LAG } from './features.js';
import { mmdSquared } from './mmd.js';
import type { SetProfile } from './profile.js';

/**
 * The distribution distances between two sets (their windows at `ia`, `ib`); every one is
 * 0 for identical sets. Definitions (docs/metrics.md):
 * - psdDb: mean over Welch bins 0 < f <= 12.5 Hz of |10·log10(P̄_b(f) / P̄_a(f))|, P̄ the
 *   mean PSD of the set's windows (dB).
 * - band38W1: W1 between the sets' per-window log10(1 + P_3–8 Hz) (decades).
 * - osdRatioW1 / osdRatioKs: W1 and KS between the per-datapoint OSD ratios (0–100).
 * - alarmRateDiff: |alarm rate b - alarm rate a| over datapoints (fraction).
 * - valuesW1: W1 between all samples of the windows (mg).
 * - stdW1: W1 between per-window standard deviations (mg).
 * - acfDistance: mean over lags 1..25 of |mean ACF_b(l) - mean ACF_a(l)|.
 * - skewnessW1, kurtosisW1: W1 between per-window skewness / excess kurtosis.
 * - mmd2: unbiased MMD² (RBF, bandwidth sigma) on raw windows.
 */
export interface DistanceMetrics {
  readonly psdDb: number;
  readonly band38W1: number;
  readonly osdRatioW1: number;
  readonly osdRatioKs: number;
  readonly alarmRateDiff: number;
  readonly valuesW1: number;
  readonly stdW1: number;
  readonly acfDistance: number;
  readonly skewnessW1: number;
  readonly kurtosisW1: number;
  readonly mmd2: number;
}

/** Plain summaries of one side, shown beside the distances. */
export interface SideSummary {
  readonly windows: number;
  readonly mean: number;
  readonly std: number;
  /** Mean 3–8 Hz power per window, mg². */
  readonly band38: number;
  /** Fraction of OSD datapoints that alarm. */
  readonly alarmRate: number;
  /** Median OSD ratio (0–100). */
  readonly medianOsdRatio: number;
}

export const DISTANCE_NAMES: readonly (keyof DistanceMetrics)[] = [
  'psdDb',
  'band38W1',
  'osdRatioW1',
  'osdRatioKs',
  'alarmRateDiff',
  'valuesW1',
  'stdW1',
  'acfDistance',
  'skewnessW1',
  'kurtosisW1',
  'mmd2',
];

export function compareProfiles(
  a: SetProfile,
  ia: readonly number[],
  b: SetProfile,
  ib: readonly number[],
  options: { sigma: number; seed: number; mmdMaxPerSide?: number },
): DistanceMetrics {
  const meanPsdA = meanRows(a.psd, a.plan.freqs.length, ia);
  const meanPsdB = meanRows(b.psd, b.plan.freqs.length, ib);
  let db = 0;
  let bins = 0;
  a.plan.freqs.forEach((f, k) => {
    if (f <= 0 || f > 12.5) return;
    const pa = Math.max(meanPsdA[k] as number, 1e-12);
    const pb = Math.max(meanPsdB[k] as number, 1e-12);
    db += Math.abs(10 * Math.log10(pb / pa));
    bins++;
  });
  const pick = (x: Float64Array, idx: readonly number[]): Float64Array => Float64Array.from(idx, (i) => x[i] as number);
  const log38 = (p: SetProfile, idx: readonly number[]): Float64Array =>
    Float64Array.from(idx, (i) => Math.log10(1 + (p.band38[i] as number)));
  const osdA = osdOf(a, ia);
  const osdB = osdOf(b, ib);
  const acfA = meanRows(a.acf, MAX_LAG, ia);
  const acfB = meanRows(b.acf, MAX_LAG, ib);
  let acfDistance = 0;
  for (let l = 0; l < MAX_LAG; l++) acfDistance += Math.abs((acfB[l] as number) - (acfA[l] as number));
  return {
    psdDb: bins ? db / bins : Number.NaN,
    band38W1: wasserstein1(log38(a, ia), log38(b, ib)),
    osdRatioW1: wasserstein1(osdA.ratio, osdB.ratio),
    osdRatioKs: ksStatistic(osdA.ratio, osdB.ratio),
    alarmRateDiff: Math.abs(osdB.alarmRate - osdA.alarmRate),
    valuesW1: wasserstein1(samples(a, ia), samples(b, ib)),
    stdW1: wasserstein1(pick(a.std, ia), pick(b.std, ib)),
    acfDistance: acfDistance / MAX_LAG,
    skewnessW1: wasserstein1(pick(a.skewness, ia), pick(b.skewness, ib)),
    kurtosisW1: wasserstein1(pick(a.kurtosis, ia), pick(b.kurtosis, ib)),
    mmd2: mmdSquared(a.set, ia, b.set, ib, options.sigma, {
      seed: options.seed,
      maxPerSide: options.mmdMaxPerSide ?? 400,
    }),
  };
}

export function summarise(p: SetProfile, idx: readonly number[]): SideSummary {
  const values = samples(p, idx);
  let s = 0;
  for (const v of values) s += v;
  const mean = values.length ? s / values.length : Number.NaN;
  let v2 = 0;
  for (const v of values) v2 += (v - mean) ** 2;
  const osd = osdOf(p, idx);
  const ratios = Float64Array.from(osd.ratio).sort();
  return {
    windows: idx.length,
    mean,
    std: values.length ? Math.sqrt(v2 / values.length) : Number.NaN,
    band38: idx.reduce((t, i) => t + (p.band38[i] as number), 0) / Math.max(1, idx.length),
    alarmRate: osd.alarmRate,
    medianOsdRatio: ratios.length
      ? ((ratios[Math.floor((ratios.length - 1) / 2)] as number) +
          (ratios[Math.ceil((ratios.length - 1) / 2)] as number)) /
        2
      : Number.NaN,
  };
}

/** Mean of the rows `idx` of a row-major [rows × width] array. */
export function meanRows(data: Float64Array, width: number, idx: readonly number[]): Float64Array {
  const out = new Float64Array(width);
  for (const i of idx) for (let k = 0; k < width; k++) out[k] = (out[k] as number) + (data[i * width + k] as number);
  for (let k = 0; k < width; k++) out[k] = (out[k] as number) / Math.max(1, idx.length);
  return out;
}

/** Every sample of the windows `idx`. */
export function samples(p: SetProfile, idx: readonly number[]): Float64Array {
  const l = p.set.samplesPerWindow;
  const out = new Float64Array(idx.length * l);
  idx.forEach((i, k) => {
    for (let t = 0; t < l; t++) out[k * l + t] = p.set.values[i * l + t] as number;
  });
  return out;
}

/** OSD ratios and alarm rate of the datapoints of windows `idx`. */
export function osdOf(p: SetProfile, idx: readonly number[]): { ratio: Float64Array; alarmRate: number } {
  const wanted = new Uint8Array(p.count);
  for (const i of idx) wanted[i] = 1;
  const ratio: number[] = [];
  let alarms = 0;
  for (let j = 0; j < p.osd.window.length; j++) {
    if (!wanted[p.osd.window[j] as number]) continue;
    ratio.push(p.osd.ratio[j] as number);
    alarms += p.osd.alarm[j] as number;
  }
  return { ratio: Float64Array.from(ratio), alarmRate: ratio.length ? alarms / ratio.length : Number.NaN };
}
