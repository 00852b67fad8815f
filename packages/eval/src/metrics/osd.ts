import { osdAnalyse, OSD_DEFAULTS, type OsdSettings } from '@accelgan/data';
import { countWindows } from '../windows.js';
import type { WindowSet } from '../types.js';

/**
 * OpenSeizureDetector's algorithm (osdAnalyse, from @accelgan/data, which also writes its
 * fields into every OSDB export) on every datapoint of every window: a window of L samples
 * holds floor(L/125) datapoints.
 */
export interface OsdSetResult {
  /** Continuous ratio of each datapoint. */
  readonly ratio: Float64Array;
  /** 1 where the datapoint alarms. */
  readonly alarm: Uint8Array;
  /** Window each datapoint came from. */
  readonly window: Int32Array;
}

export function osdForSet(set: WindowSet, settings: Partial<OsdSettings> = {}): OsdSetResult {
  const s = { ...OSD_DEFAULTS, ...settings };
  const l = set.samplesPerWindow;
  const per = Math.floor(l / s.samplesPerDatapoint);
  const n = countWindows(set);
  const total = n * per;
  const ratio = new Float64Array(total);
  const alarm = new Uint8Array(total);
  const window = new Int32Array(total);
  let j = 0;
  for (let i = 0; i < n; i++) {
    for (let d = 0; d < per; d++, j++) {
      const r = osdAnalyse(set.values, s, i * l + d * s.samplesPerDatapoint);
      ratio[j] = r.ratio;
      alarm[j] = r.alarm ? 1 : 0;
      window[j] = i;
    }
  }
  return { ratio, alarm, window };
}
