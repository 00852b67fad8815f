import { DATAPOINT_SECONDS, datapointIctal, type EventSeries } from './event-series.js';

export { spread, type Spread } from '../util/stats.js';

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
