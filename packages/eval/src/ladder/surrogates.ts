import { anyFft } from '../dsp/any-fft.js';
import { SAMPLE_RATE_HZ } from '../dsp/welch.js';
import { makeRng, normal, shuffleInPlace, type Rand } from '../util/rng.js';
import { countWindows } from '../windows.js';
import type { WindowSet } from '../types.js';

/**
 * Known fakes made from real windows, one window at a time, for the calibration ladder
 * (docs/metrics.md, "Calibration ladder"). Each keeps the set's labels, events and
 * recording groups, so the critics fold it exactly as the real windows it came from.
 */
export type RungId = 'real' | 'jitter' | 'reversed' | 'iaaft' | 'phase' | 'lowpass' | 'gaussian';

export const RUNGS: readonly { readonly id: RungId; readonly label: string; readonly meaning: string }[] = [
  { id: 'real', label: 'the training windows themselves', meaning: 'the real-vs-real floor' },
  {
    id: 'jitter',
    label: '±0.5 mg uniform jitter',
    meaning: 'every value moved off the whole-milli-g grid the watches report on',
  },
  { id: 'reversed', label: 'time-reversed', meaning: 'each window played backwards: same values and spectrum' },
  {
    id: 'iaaft',
    label: 'IAAFT surrogates',
    meaning: "each window's values and (nearly) its spectrum kept, its phases scrambled",
  },
  {
    id: 'phase',
    label: 'phase-randomised surrogates',
    meaning: "each window's spectrum kept exactly, random phases: values Gaussian",
  },
  { id: 'lowpass', label: 'low-pass filtered at 8 Hz', meaning: 'the 8–12.5 Hz content and the sharp steps removed' },
  { id: 'gaussian', label: "Gaussian with each window's mean and std", meaning: 'white noise at the right level' },
];

/** The windows of `set` turned into the rung's fakes; `seed` drives the random rungs. */
export function rungWindows(set: WindowSet, rung: RungId, seed: number): WindowSet {
  if (rung === 'real') return set;
  const l = set.samplesPerWindow;
  const n = countWindows(set);
  const out = new Float32Array(n * l);
  const rand = makeRng(seed);
  const x = new Float64Array(l);
  const y = new Float64Array(l);
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < l; t++) x[t] = set.values[i * l + t] as number;
    switch (rung) {
      case 'jitter':
        for (let t = 0; t < l; t++) y[t] = (x[t] as number) + rand() - 0.5;
        break;
      case 'reversed':
        for (let t = 0; t < l; t++) y[t] = x[l - 1 - t] as number;
        break;
      case 'iaaft':
        iaaft(x, rand, y);
        break;
      case 'phase':
        phaseRandomised(x, rand, y);
        break;
      case 'lowpass':
        lowPass(x, LOWPASS_HZ, y);
        break;
      case 'gaussian':
        gaussianLike(x, rand, y);
        break;
    }
    for (let t = 0; t < l; t++) out[i * l + t] = y[t] as number;
  }
  return { ...set, values: out };
}

/** Most IAAFT iterations per window; it stops earlier once the rank order repeats. */
export const IAAFT_MAX_ITERATIONS = 100;

/**
 * Iterative amplitude-adjusted Fourier transform surrogate (Schreiber & Schmitz 1996):
 * from a random shuffle of x, alternately (a) impose x's Fourier amplitudes, keeping the
 * current phases, and (b) impose x's values by rank order, until the rank order repeats
 * (or IAAFT_MAX_ITERATIONS). The result is (b)'s: exactly x's values, in an order whose
 * spectrum is close to x's; what depends on phases (asymmetry in time, sharp peaks'
 * shape) is scrambled. Writes into `out` (length of x).
 */
export function iaaft(x: Float64Array, rand: Rand, out: Float64Array): Float64Array {
  const l = x.length;
  const fft = anyFft(l);
  const re = new Float64Array(l);
  const im = new Float64Array(l);
  const amplitude = new Float64Array(l);
  fft.forward(x, 0, re, im);
  for (let k = 0; k < l; k++) amplitude[k] = Math.hypot(re[k] as number, im[k] as number);
  const sortedValues = Float64Array.from(x).sort();
  const current = Float64Array.from(shuffleInPlace(Array.from(x), rand));
  const filtered = new Float64Array(l);
  const order = new Int32Array(l);
  let previous: Int32Array | null = null;
  for (let iteration = 0; iteration < IAAFT_MAX_ITERATIONS; iteration++) {
    fft.forward(current, 0, re, im);
    for (let k = 0; k < l; k++) {
      const mag = Math.hypot(re[k] as number, im[k] as number);
      if (mag > 0) {
        const s = (amplitude[k] as number) / mag;
        re[k] = (re[k] as number) * s;
        im[k] = (im[k] as number) * s;
      } else {
        re[k] = amplitude[k] as number;
        im[k] = 0;
      }
    }
    fft.inverseReal(re, im, filtered);
    rankOrder(filtered, order);
    for (let r = 0; r < l; r++) current[order[r] as number] = sortedValues[r] as number;
    if (previous && sameOrder(previous, order)) break;
    previous = Int32Array.from(order);
  }
  out.set(current);
  return out;
}

/** Indices of `v` in ascending order of value (ties by index, so the order is deterministic). */
function rankOrder(v: Float64Array, order: Int32Array): void {
  for (let i = 0; i < order.length; i++) order[i] = i;
  order.sort((a, b) => (v[a] as number) - (v[b] as number) || a - b);
}

function sameOrder(a: Int32Array, b: Int32Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Phase-randomised (Fourier transform) surrogate (Theiler et al. 1992): x's Fourier
 * amplitudes with uniform random phases, Hermitian so the result is real; the mean (DC)
 * and, for even lengths, the Nyquist bin keep their own phase. Linear Gaussian: the
 * values come out near-normal whatever x's were.
 */
export function phaseRandomised(x: Float64Array, rand: Rand, out: Float64Array): Float64Array {
  const l = x.length;
  const fft = anyFft(l);
  const re = new Float64Array(l);
  const im = new Float64Array(l);
  fft.forward(x, 0, re, im);
  for (let k = 1; 2 * k < l; k++) {
    const mag = Math.hypot(re[k] as number, im[k] as number);
    const phi = 2 * Math.PI * rand();
    re[k] = mag * Math.cos(phi);
    im[k] = mag * Math.sin(phi);
    re[l - k] = re[k] as number;
    im[l - k] = -(im[k] as number);
  }
  fft.inverseReal(re, im, out);
  return out;
}

/** Cut-off of the low-pass rung, Hz. */
export const LOWPASS_HZ = 8;
/** Taps of its FIR filter (odd, so it is symmetric about a sample: zero phase). */
export const LOWPASS_TAPS = 31;

/**
 * Low-pass filter: convolution with a LOWPASS_TAPS-tap Hamming-windowed sinc of cut-off
 * `cutoffHz` (taps scaled to sum to 1, so the level is kept), centred (zero phase), the
 * window's ends extended by mirror reflection (x[-t] = x[t]).
 */
export function lowPass(x: Float64Array, cutoffHz: number, out: Float64Array): Float64Array {
  const taps = firTaps(cutoffHz);
  const half = (LOWPASS_TAPS - 1) / 2;
  const l = x.length;
  const at = (t: number): number => {
    let u = t;
    while (u < 0 || u >= l) u = u < 0 ? -u : 2 * (l - 1) - u;
    return x[u] as number;
  };
  for (let t = 0; t < l; t++) {
    let s = 0;
    for (let j = -half; j <= half; j++) s += (taps[j + half] as number) * at(t + j);
    out[t] = s;
  }
  return out;
}

const tapsCache = new Map<number, Float64Array>();

function firTaps(cutoffHz: number): Float64Array {
  let taps = tapsCache.get(cutoffHz);
  if (!taps) {
    const fc = cutoffHz / SAMPLE_RATE_HZ;
    const half = (LOWPASS_TAPS - 1) / 2;
    taps = new Float64Array(LOWPASS_TAPS);
    let sum = 0;
    for (let j = -half; j <= half; j++) {
      const sinc = j === 0 ? 2 * fc : Math.sin(2 * Math.PI * fc * j) / (Math.PI * j);
      const hamming = 0.54 + 0.46 * Math.cos((Math.PI * j) / half);
      taps[j + half] = sinc * hamming;
      sum += sinc * hamming;
    }
    for (let j = 0; j < LOWPASS_TAPS; j++) taps[j] = (taps[j] as number) / sum;
    tapsCache.set(cutoffHz, taps);
  }
  return taps;
}

/** Independent normal samples with x's mean and population standard deviation. */
export function gaussianLike(x: Float64Array, rand: Rand, out: Float64Array): Float64Array {
  const l = x.length;
  let m = 0;
  for (let t = 0; t < l; t++) m += x[t] as number;
  m /= l;
  let v = 0;
  for (let t = 0; t < l; t++) v += ((x[t] as number) - m) ** 2;
  const sd = Math.sqrt(v / l);
  for (let t = 0; t < l; t++) out[t] = m + sd * normal(rand);
  return out;
}
