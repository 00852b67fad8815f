import * as tf from '@tensorflow/tfjs-core';
import { matMul } from './matmul.js';

/** Autocorrelation lags among the statistics (1..MAX_LAG). */
const MAX_LAG = 25;

/** Bands (Hz) whose log power is a statistic; OSD's 3–8 over 1–12.5 Hz ratio is one more. */
const BANDS: readonly (readonly [number, number])[] = [
  [0.2, 1],
  [1, 3],
  [3, 5],
  [5, 8],
  [8, 12.5],
];
const RATIO_BANDS = { seizure: [3, 8], total: [1, 12.5] } as const;

/** Names of windowStatistics' columns, in order. */
export const WINDOW_STATISTIC_NAMES: readonly string[] = [
  'mean',
  'logStd',
  'skewness',
  'kurtosis',
  'logMeanAbsDiff',
  ...BANDS.map(([lo, hi]) => `logPower_${lo}_${hi}Hz`),
  'ratio_3_8Hz',
  ...Array.from({ length: MAX_LAG }, (_, i) => `acf${i + 1}`),
];

/** Constant matrices of windowStatistics for one window length; build once, dispose after. */
export interface WindowStatisticsPlan {
  readonly length: number;
  /** [L, L-1]: x · differences = x_{t+1} - x_t. */
  readonly differences: tf.Tensor2D;
  /** [L, P] each: real and imaginary parts of the DFT zero-padded to 2^k ≥ 2L (P = 2^(k-1) + 1 bins). */
  readonly cosine: tf.Tensor2D;
  readonly sine: tf.Tensor2D;
  /** [P, 1 + MAX_LAG + BANDS + 2]: power → [r_0, r_1..r_MAX_LAG, band powers, ratio's two bands]. */
  readonly summaries: tf.Tensor2D;
  dispose(): void;
}

/**
 * Builds the constants for windows of `length` samples at `sampleRateHz`. The DFT is
 * zero-padded to at least 2L so that the inverse transform of the power is the linear
 * (not circular) autocorrelation: r_k = Σ_{t<L-k} x_t x_{t+k} of the centred window.
 */
export function windowStatisticsPlan(length: number, sampleRateHz: number): WindowStatisticsPlan {
  if (!Number.isInteger(length) || length < MAX_LAG + 2)
    throw new Error(`windowStatistics: a window needs at least ${MAX_LAG + 2} samples, got ${length}`);
  let nfft = 1;
  while (nfft < 2 * length) nfft *= 2;
  const bins = nfft / 2 + 1;
  const differences = new Float32Array(length * (length - 1));
  for (let t = 0; t < length - 1; t++) {
    differences[t * (length - 1) + t] = -1;
    differences[(t + 1) * (length - 1) + t] = 1;
  }
  const cosine = new Float32Array(length * bins);
  const sine = new Float32Array(length * bins);
  for (let t = 0; t < length; t++) {
    for (let f = 0; f < bins; f++) {
      const angle = (2 * Math.PI * ((t * f) % nfft)) / nfft;
      cosine[t * bins + f] = Math.cos(angle);
      sine[t * bins + f] = -Math.sin(angle);
    }
  }
  // One-sided sums: interior bins stand for their negative-frequency twin too.
  const weight = (f: number) => (f === 0 || f === bins - 1 ? 1 : 2);
  const bands = [...BANDS, RATIO_BANDS.seizure, RATIO_BANDS.total];
  const columns = 1 + MAX_LAG + bands.length;
  const summaries = new Float32Array(bins * columns);
  for (let f = 0; f < bins; f++) {
    const row = f * columns;
    for (let k = 0; k <= MAX_LAG; k++) summaries[row + k] = (weight(f) * Math.cos((2 * Math.PI * f * k) / nfft)) / nfft;
    const hz = (f * sampleRateHz) / nfft;
    bands.forEach(([lo, hi], b) => {
      if (hz >= lo && hz <= hi) summaries[row + 1 + MAX_LAG + b] = weight(f) / (nfft * length);
    });
  }
  const plan = {
    length,
    differences: tf.tensor2d(differences, [length, length - 1]),
    cosine: tf.tensor2d(cosine, [length, bins]),
    sine: tf.tensor2d(sine, [length, bins]),
    summaries: tf.tensor2d(summaries, [bins, columns]),
    dispose: () => tf.dispose([plan.differences, plan.cosine, plan.sine, plan.summaries]),
  };
  return plan;
}

/**
 * Differentiable statistics of each window, the ones a hand-made-feature critic looks at:
 * x [N, L, 1] (or [N, L]) → [N, S] with S = WINDOW_STATISTIC_NAMES.length (36):
 * mean; log std; skewness; excess kurtosis; log mean |x_{t+1} - x_t|; log power in each
 * band (periodogram of the centred window, per sample); the 3–8 / 1–12.5 Hz power ratio;
 * the autocorrelation at lags 1..25 (biased estimator, r_k / r_0).
 * epsilon keeps logs, ratios and their gradients finite on a flat window.
 */
export function windowStatistics(
  x: tf.Tensor2D | tf.Tensor3D,
  plan: WindowStatisticsPlan,
  epsilon = 1e-6,
): tf.Tensor2D {
  const [batch, length] = x.shape;
  if (length !== plan.length) throw new Error(`windowStatistics: plan is for ${plan.length} samples, x has ${length}`);
  return tf.tidy((): tf.Tensor2D => {
    const windows = tf.reshape(x, [batch, length]) as tf.Tensor2D;
    const mean = tf.mean(windows, 1, true); // [N, 1]
    const centred = tf.sub(windows, mean) as tf.Tensor2D; // [N, L]
    const variance = tf.add(tf.mean(tf.square(centred), 1, true), epsilon); // [N, 1]
    const skewness = tf.div(tf.mean(tf.pow(centred, 3), 1, true), tf.pow(variance, 1.5));
    const kurtosis = tf.sub(tf.div(tf.mean(tf.pow(centred, 4), 1, true), tf.square(variance)), 3);
    const meanAbsDiff = tf.mean(tf.abs(matMul(windows, plan.differences)), 1, true); // [N, 1]
    const re = matMul(centred, plan.cosine);
    const im = matMul(centred, plan.sine);
    const summary = matMul(tf.add(tf.square(re), tf.square(im)) as tf.Tensor2D, plan.summaries); // [N, 1 + MAX_LAG + 7]
    const [r0, lags, bands, seizure, total] = tf.split(summary, [1, MAX_LAG, BANDS.length, 1, 1], 1);
    return tf.concat(
      [
        mean,
        tf.mul(0.5, tf.log(variance)),
        skewness,
        kurtosis,
        tf.log(tf.add(meanAbsDiff, epsilon)),
        tf.log(tf.add(bands!, epsilon)),
        tf.div(seizure!, tf.add(total!, epsilon)),
        tf.div(lags!, tf.add(r0!, epsilon * length)),
      ],
      1,
    ) as tf.Tensor2D;
  });
}
