import type { OsdSettings } from '@accelgan/data';
import { bandPower, welchAll, type WelchPlan } from '../dsp/welch.js';
import { FEATURE_NAMES, MAX_LAG, windowFeatures, type FeatureMatrix } from './features.js';
import { osdForSet, type OsdSetResult } from './osd.js';
import { countWindows } from '../windows.js';
import type { WindowSet } from '../types.js';

/** Everything the metrics and plots need per window, computed once per set. */
export interface SetProfile {
  readonly set: WindowSet;
  readonly count: number;
  readonly features: FeatureMatrix;
  /** Welch PSD of each window, [count × bins] (see dsp/welch.ts). */
  readonly psd: Float64Array;
  readonly plan: WelchPlan;
  /** Power in 3–8 Hz of each window, mg² (Welch, closed band). */
  readonly band38: Float64Array;
  readonly std: Float64Array;
  readonly skewness: Float64Array;
  readonly kurtosis: Float64Array;
  /** Autocorrelation at lags 1..25 of each window, [count × 25]. */
  readonly acf: Float64Array;
  /** The OSD algorithm on each 125-sample datapoint of each window. */
  readonly osd: OsdSetResult;
}

const col = (name: string): number => FEATURE_NAMES.indexOf(name);

export function profileSet(set: WindowSet, osdSettings: Partial<OsdSettings> = {}): SetProfile {
  const count = countWindows(set);
  const features = windowFeatures(set);
  const { plan, psd } = welchAll(set.values, set.samplesPerWindow);
  const bins = plan.freqs.length;
  const band38 = new Float64Array(count);
  for (let i = 0; i < count; i++) band38[i] = bandPower(plan, psd, 3, 8, i * bins);
  const column = (c: number): Float64Array =>
    Float64Array.from({ length: count }, (_, i) => features.data[i * features.cols + c] as number);
  const acf = new Float64Array(count * MAX_LAG);
  const acf1 = col('acf1');
  for (let i = 0; i < count; i++)
    acf.set(features.data.subarray(i * features.cols + acf1, i * features.cols + acf1 + MAX_LAG), i * MAX_LAG);
  return {
    set,
    count,
    features,
    psd,
    plan,
    band38,
    std: column(col('std')),
    skewness: column(col('skewness')),
    kurtosis: column(col('kurtosis')),
    acf,
    osd: osdForSet(set, osdSettings),
  };
}
