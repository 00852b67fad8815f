import { quantileSorted, sorted } from '../util/stats.js';
import { DATAPOINT_SECONDS, datapointIctal, type EventSeries } from './event-series.js';

/** A distribution summarised: count and quartiles (NaN when empty). */
export interface Spread {
  readonly n: number;
  readonly median: number;
  readonly q25: number;
  readonly q75: number;
  readonly mean: number;
}

export function spread(values: ArrayLike<number>): Spread {
  const s = sorted(values);
  if (!s.length) return { n: 0, median: Number.NaN, q25: Number.NaN, q75: Number.NaN, mean: Number.NaN };
  let sum = 0;
  for (const v of s) sum += v;
  return { n: s.length, median: quantileSorted(s, 0.5), q25: quantileSorted(s, 0.25), q75: quantileSorted(s, 0.75), mean: sum / s.length };
}

/** Whether `value` lies within the interquartile range of `reference`: "within its spread". */
export function withinSpread(value: number, reference: Spread): boolean {
  return Number.isFinite(value) && reference.n > 0 && value >= reference.q25 && value <= reference.q75;
}

/**
 * Seizure durations of the events that have one:
 * - annotated: seizureTimes end − start, as recorded (OSDB annotations often run past the recording);
 * - ictal: seconds of the recording labelled ictal (5 s per datapoint whose midpoint is in the seizure).
 */
export function seizureDurations(events: readonly EventSeries[]): { annotated: Float64Array; ictal: Float64Array } {
  const withSeizure = events.filter((e) => e.seizure);
  return {
    annotated: Float64Array.from(withSeizure, (e) => e.seizure![1] - e.seizure![0]),
    ictal: Float64Array.from(withSeizure, (e) => {
      let n = 0;
      for (let k = 0; k < e.datapoints; k++) if (datapointIctal(e, k)) n++;
      return n * DATAPOINT_SECONDS;
    }),
  };
}
