import { MAX_GAP_MS } from '../windows.js';
import { osdAlarmStates } from './alarm-state.js';
import { osdAnalyse, OSD_DEFAULTS, type OsdSettings } from './algorithm.js';

/** What OpenSeizureDetector stores with each datapoint of an OSDB event, from its samples. */
export interface OsdDatapointFields {
  readonly specPower: number;
  readonly roiPower: number;
  readonly roiRatio: number;
  /** The app's alarm state after this datapoint: 0 OK, 1 WARNING, 2 ALARM. */
  readonly alarmState: number;
}

/**
 * The OSD fields of each datapoint of one event, in order: the algorithm on the datapoint's
 * own 125 samples, and the alarm state over the consecutive datapoints before it. A hole
 * in the recording (datapoints more than 7.5 s apart, as windows.ts reads them) starts the
 * state afresh, since the app saw nothing in between.
 */
export function osdDatapointFields(
  datapoints: readonly { readonly time: number; readonly samples: ArrayLike<number> }[],
  settings: Partial<OsdSettings> = {},
): OsdDatapointFields[] {
  const s = { ...OSD_DEFAULTS, ...settings };
  const results = datapoints.map((point) => osdAnalyse(point.samples, s));
  const states = new Uint8Array(datapoints.length);
  let runStart = 0;
  for (let i = 1; i <= datapoints.length; i++) {
    if (i < datapoints.length && datapoints[i]!.time - datapoints[i - 1]!.time <= MAX_GAP_MS) continue;
    states.set(osdAlarmStates(results.slice(runStart, i).map((r) => r.alarm)), runStart);
    runStart = i;
  }
  return results.map((r, i) => ({
    specPower: r.specPower,
    roiPower: r.roiPower,
    roiRatio: r.roiRatio,
    alarmState: states[i]!,
  }));
}
