import { bandPower, welchInto, welchPlan } from '../dsp/welch.js';
import { DATAPOINT_SAMPLES, type EventSeries } from './event-series.js';

/** What the course of an event is followed by, per 5 s datapoint. */
export interface DatapointFeatures {
  /** log10(1 + Welch power in 3–8 Hz, mg²): the seizure band, as the window metrics define it. */
  readonly band38: Float64Array;
  /** Frequency (Hz) of the largest Welch PSD bin in 1–12.5 Hz: the movement's dominant rhythm. */
  readonly dominantHz: Float64Array;
  /** log10 of the datapoint's standard deviation (mg), floored at 0.01 mg. */
  readonly logStd: Float64Array;
}

export const DOMINANT_BAND: readonly [number, number] = [1, 12.5];

/** The features of every datapoint of an event. */
export function datapointFeatures(event: Pick<EventSeries, 'values' | 'datapoints'>): DatapointFeatures {
  const plan = welchPlan(DATAPOINT_SAMPLES);
  const psd = new Float64Array(plan.freqs.length);
  const n = event.datapoints;
  const band38 = new Float64Array(n);
  const dominantHz = new Float64Array(n);
  const logStd = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const offset = k * DATAPOINT_SAMPLES;
    welchInto(plan, event.values, offset, psd);
    band38[k] = Math.log10(1 + bandPower(plan, psd, 3, 8));
    let best = -1;
    for (let b = 0; b < plan.freqs.length; b++) {
      const f = plan.freqs[b]!;
      if (f < DOMINANT_BAND[0] || f > DOMINANT_BAND[1]) continue;
      if (best < 0 || psd[b]! > psd[best]!) best = b;
    }
    dominantHz[k] = plan.freqs[best]!;
    let sum = 0;
    let sq = 0;
    for (let t = 0; t < DATAPOINT_SAMPLES; t++) {
      const v = event.values[offset + t]!;
      sum += v;
      sq += v * v;
    }
    const mean = sum / DATAPOINT_SAMPLES;
    logStd[k] = Math.log10(Math.max(Math.sqrt(Math.max(0, sq / DATAPOINT_SAMPLES - mean * mean)), 0.01));
  }
  return { band38, dominantHz, logStd };
}
