import FFT from 'fft.js';
import { AccelganError } from '@accelgan/data';

/** OSDB samples per second. */
export const SAMPLE_RATE_HZ = 25;
/** Welch segment length in samples (2.56 s at 25 Hz; 0.390625 Hz resolution). */
export const WELCH_SEGMENT = 64;

/**
 * A Welch plan for windows of one length: Hann-windowed segments of `segment` samples
 * (64, or the largest power of two not above the window for shorter windows), each
 * detrended by its own mean; S = ceil((L - segment) / (segment / 2)) + 1 segments whose
 * starts round(i * (L - segment) / (S - 1)) are evenly spaced, so consecutive segments
 * overlap by at least 50% and together cover the whole window. PSD is one-sided density
 * in mg²/Hz: 2·|X_k|² / (fs · Σw²) (DC and Nyquist not doubled), averaged over segments.
 */
export interface WelchPlan {
  readonly windowLength: number;
  readonly segment: number;
  readonly starts: readonly number[];
  readonly sampleRateHz: number;
  /** Bin frequencies k·fs/segment for k = 0..segment/2. */
  readonly freqs: Float64Array;
  /** Bin width fs/segment, Hz. */
  readonly binHz: number;
}

interface PlanInternals extends WelchPlan {
  readonly fft: FFT;
  readonly hann: Float64Array;
  readonly scale: number;
  readonly input: Float64Array;
  readonly output: number[];
}

const plans = new Map<string, PlanInternals>();

export function welchPlan(windowLength: number, sampleRateHz = SAMPLE_RATE_HZ, maxSegment = WELCH_SEGMENT): WelchPlan {
  return internals(windowLength, sampleRateHz, maxSegment);
}

function internals(windowLength: number, sampleRateHz: number, maxSegment: number): PlanInternals {
  const key = `${windowLength}/${sampleRateHz}/${maxSegment}`;
  const cached = plans.get(key);
  if (cached) return cached;
  if (windowLength < 8)
    throw new AccelganError(`windows of ${windowLength} samples are too short for a spectrum (need at least 8)`);
  let segment = maxSegment;
  while (segment > windowLength) segment /= 2;
  const step = segment / 2;
  const count = Math.ceil((windowLength - segment) / step) + 1;
  const starts =
    count === 1
      ? [0]
      : Array.from({ length: count }, (_, i) => Math.round((i * (windowLength - segment)) / (count - 1)));
  const hann = new Float64Array(segment);
  let sumW2 = 0;
  for (let i = 0; i < segment; i++) {
    // Periodic Hann, as scipy.signal.get_window('hann') uses for spectral analysis.
    const w = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / segment);
    hann[i] = w;
    sumW2 += w * w;
  }
  const fft = new FFT(segment);
  const freqs = Float64Array.from({ length: segment / 2 + 1 }, (_, k) => (k * sampleRateHz) / segment);
  const plan: PlanInternals = {
    windowLength,
    segment,
    starts,
    sampleRateHz,
    freqs,
    binHz: sampleRateHz / segment,
    fft,
    hann,
    scale: 1 / (sampleRateHz * sumW2),
    input: new Float64Array(segment),
    output: fft.createComplexArray() as number[],
  };
  plans.set(key, plan);
  return plan;
}

/** Welch PSD (mg²/Hz, one-sided) of x[offset, offset + plan.windowLength), written into `out` (length segment/2 + 1). */
export function welchInto(plan: WelchPlan, x: ArrayLike<number>, offset: number, out: Float64Array): Float64Array {
  // Plans only come from welchPlan(), which returns the internals behind the public view.
  const p = plan as PlanInternals;
  const { segment, hann, input, output, fft } = p;
  const half = segment / 2;
  out.fill(0);
  for (const start of p.starts) {
    let m = 0;
    for (let i = 0; i < segment; i++) m += x[offset + start + i] as number;
    m /= segment;
    for (let i = 0; i < segment; i++) input[i] = ((x[offset + start + i] as number) - m) * (hann[i] as number);
    fft.realTransform(output, input);
    for (let k = 0; k <= half; k++) {
      const re = output[2 * k] as number;
      const im = output[2 * k + 1] as number;
      const twoSided = k === 0 || k === half ? 1 : 2;
      out[k] = (out[k] as number) + twoSided * (re * re + im * im);
    }
  }
  const norm = p.scale / p.starts.length;
  for (let k = 0; k <= half; k++) out[k] = (out[k] as number) * norm;
  return out;
}

/** Welch PSD of every window of a row-major array: [windows × (segment/2 + 1)]. */
export function welchAll(
  values: ArrayLike<number>,
  windowLength: number,
  sampleRateHz = SAMPLE_RATE_HZ,
): { plan: WelchPlan; psd: Float64Array } {
  const plan = welchPlan(windowLength, sampleRateHz);
  const bins = plan.freqs.length;
  const n = Math.floor(values.length / windowLength);
  const psd = new Float64Array(n * bins);
  const row = new Float64Array(bins);
  for (let i = 0; i < n; i++) {
    welchInto(plan, values, i * windowLength, row);
    psd.set(row, i * bins);
  }
  return { plan, psd };
}

/** Power (mg²) in [loHz, hiHz]: the sum of PSD·Δf over bins whose frequency lies in the closed band. */
export function bandPower(plan: WelchPlan, psdRow: ArrayLike<number>, loHz: number, hiHz: number, offset = 0): number {
  let s = 0;
  for (let k = 0; k < plan.freqs.length; k++) {
    const f = plan.freqs[k] as number;
    if (f >= loHz && f <= hiHz) s += psdRow[offset + k] as number;
  }
  return s * plan.binHz;
}
