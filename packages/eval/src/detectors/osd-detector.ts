import { osdAnalyse, OSD_DEFAULTS, type OsdSettings } from '@accelgan/data';
import { countWindows } from '../windows.js';
import type { WindowSet } from '../types.js';
import type { FittedDetector, WindowDecisions, WindowDetector } from './detector.js';

/**
 * OpenSeizureDetector's algorithm (osdAnalyse, @accelgan/data) as a window detector: untrained, the
 * baseline every arm is compared with. The decision is the app's own (roiPower above
 * alarmThresh and roiRatio above alarmRatioThresh). The score orders windows the way the
 * decision does: the continuous 3–8 Hz ratio (0–100) where the power gate passes, and that
 * ratio − 100 where it does not, so every window the gate stops ranks below every window
 * it lets through.
 */
export function osdDetector(settings: Partial<OsdSettings> = {}): WindowDetector {
  const s = { ...OSD_DEFAULTS, ...settings };
  const fitted: FittedDetector = {
    decide: (windows) => osdDecisions(windows, s),
    dispose: () => undefined,
  };
  return {
    name: 'osd',
    description: `OpenSeizureDetector's algorithm (3–8 Hz power above ${s.alarmThresh} and ratio above ${s.alarmRatioThresh}), untrained`,
    trained: false,
    fit: async () => fitted,
  };
}

function osdDecisions(windows: WindowSet, s: OsdSettings): WindowDecisions {
  const n = countWindows(windows);
  const l = windows.samplesPerWindow;
  const scores = new Float64Array(n);
  const decisions = new Uint8Array(n);
  const settings = { ...s, samplesPerDatapoint: l };
  for (let i = 0; i < n; i++) {
    const r = osdAnalyse(windows.values, settings, i * l);
    const gate = s.gate === 'roiPower' ? r.roiPower : r.specPower;
    scores[i] = gate > s.alarmThresh ? r.ratio : r.ratio - 100;
    decisions[i] = r.alarm ? 1 : 0;
  }
  return { scores, decisions };
}
