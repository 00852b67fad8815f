import { powerSpectrum } from './dft.js';

/**
 * OpenSeizureDetector's spectral algorithm ("OSD algorithm") on one 5 s datapoint, as the
 * Android app computes it (SdDataSource.doAnalysis + alarmCheck), checked to reproduce the
 * specPower, roiPower and roiRatio stored in the Open Seizure Database for every datapoint
 * of the shared sample. With N = samples per datapoint (125), freqRes = fs/N (0.2 Hz),
 * |X_k|² the power of DFT bin k of the raw samples (no window, no detrend):
 *   nMin = trunc(alarmFreqMin/freqRes) = 15, nMax = trunc(alarmFreqMax/freqRes) = 40,
 *   nCut = trunc(freqCutoff/freqRes) = 60 (freqCutoff is 12 Hz in the app),
 *   specRaw = Σ_{k=1}^{min(nCut, ceil(N/2)-1)} |X_k|² / N / 2,
 *   roiRaw  = Σ_{k=nMin}^{nMax-1} |X_k|² / (nMax - nMin),
 *   specPower = max(1, trunc(specRaw / 1000)), roiPower = trunc(roiRaw / 1000),
 *   roiRatio  = trunc(10 · roiPower / specPower)  (integer arithmetic, as the app),
 *   alarm     = gate > alarmThresh && roiRatio > alarmRatioThresh,
 * where gate is roiPower (the app's alarmCheck; default) or specPower.
 * `ratio` is the same ratio without the integer truncation, 10·roiRaw/specRaw (0 when
 * specRaw <= 1e-12·Σx², i.e. a constant window up to float rounding); it equals 100 × (mean power per bin in 3–7.8 Hz) / (mean power per bin
 * in 0.2–12 Hz) and lies in [0, 100]; the distributions are compared on it.
 */
export interface OsdSettings {
  readonly sampleRateHz: number;
  /** Samples per analysed datapoint (OSD analyses 5 s at 25 Hz = 125). */
  readonly samplesPerDatapoint: number;
  readonly alarmFreqMin: number;
  readonly alarmFreqMax: number;
  readonly freqCutoff: number;
  /** Power threshold (after the app's /1000 scaling); the app's default AlarmThresh is 100. */
  readonly alarmThresh: number;
  /** Ratio threshold; the app's default AlarmRatioThresh is 57. */
  readonly alarmRatioThresh: number;
  /** Which power must exceed alarmThresh: 'roiPower' as the Android app's alarmCheck, or 'specPower'. */
  readonly gate: 'roiPower' | 'specPower';
}

export const OSD_DEFAULTS: OsdSettings = {
  sampleRateHz: 25,
  samplesPerDatapoint: 125,
  alarmFreqMin: 3,
  alarmFreqMax: 8,
  freqCutoff: 12,
  alarmThresh: 100,
  alarmRatioThresh: 57,
  gate: 'roiPower',
};

/** Scale factor the app divides powers by ("to be comparable to analysis on Pebble"). */
const ACCEL_SCALE_FACTOR = 1000;

export interface OsdResult {
  readonly specPower: number;
  readonly roiPower: number;
  readonly roiRatio: number;
  /** 10·roiRaw/specRaw without truncation, in [0, 100]. */
  readonly ratio: number;
  readonly alarm: boolean;
}

/** The OSD algorithm on samples[offset, offset + samplesPerDatapoint). */
export function osdAnalyse(samples: ArrayLike<number>, settings: Partial<OsdSettings> = {}, offset = 0): OsdResult {
  const s = { ...OSD_DEFAULTS, ...settings };
  const n = s.samplesPerDatapoint;
  const freqRes = s.sampleRateHz / n;
  const nMin = Math.trunc(s.alarmFreqMin / freqRes);
  const nMax = Math.trunc(s.alarmFreqMax / freqRes);
  const nCut = Math.trunc(s.freqCutoff / freqRes);
  const power = powerSpectrum(samples, offset, n, scratch(n));
  let energy = 0;
  for (let t = 0; t < n; t++) energy += (samples[offset + t] as number) ** 2;
  let spec = 0;
  // The app loops i = 1 .. N/2 - 1 (integer division) and keeps bins i <= nCut.
  for (let k = 1; k < Math.trunc(n / 2) && k <= nCut; k++) spec += power[k] as number;
  spec = spec / n / 2;
  let roi = 0;
  for (let k = nMin; k < nMax; k++) roi += power[k] as number;
  roi /= nMax - nMin;
  const specPower = Math.max(1, Math.trunc(spec / ACCEL_SCALE_FACTOR));
  const roiPower = Math.trunc(roi / ACCEL_SCALE_FACTOR);
  const roiRatio = Math.trunc((10 * roiPower) / specPower);
  const gate = s.gate === 'roiPower' ? roiPower : specPower;
  return {
    specPower,
    roiPower,
    roiRatio,
    // A (numerically) constant window has only float noise off DC: its ratio is 0.
    ratio: spec > 1e-12 * energy ? (10 * roi) / spec : 0,
    alarm: gate > s.alarmThresh && roiRatio > s.alarmRatioThresh,
  };
}

const scratches = new Map<number, Float64Array>();
function scratch(n: number): Float64Array {
  let a = scratches.get(n);
  if (!a) scratches.set(n, (a = new Float64Array(Math.floor(n / 2) + 1)));
  return a;
}
