import * as tf from '@tensorflow/tfjs-core';
import { matMul } from './matmul.js';

/** OpenSeizureDetector's bands (Hz): the seizure band and the whole band its power is compared with. */
const SEIZURE_BAND = [3, 8] as const;
const FREQ_CUTOFF_HZ = 12;

/** Constants of seizureBandShare for one window length; build once, dispose with the network. */
export interface SeizureBandPlan {
  readonly length: number;
  /** [L, 2K]: x · dft = [re | im] of DFT bins 1..K (no taper, no padding, as the app). */
  readonly dft: tf.Tensor2D;
  /** [K, 1]: 1 on the seizure band's bins, 0 elsewhere. */
  readonly seizureBins: tf.Tensor2D;
  dispose(): void;
}

/**
 * The bins OpenSeizureDetector sums (SdDataSource.doAnalysis), for L samples at
 * `sampleRateHz` (freqRes = fs / L): the whole band is bins 1 … min(trunc(12 / freqRes),
 * floor(L/2) − 1), the seizure band bins trunc(3 / freqRes) … trunc(8 / freqRes) − 1.
 */
export function seizureBandPlan(length: number, sampleRateHz: number): SeizureBandPlan {
  const freqRes = sampleRateHz / length;
  const last = Math.min(Math.trunc(FREQ_CUTOFF_HZ / freqRes), Math.floor(length / 2) - 1);
  const [first, end] = [Math.trunc(SEIZURE_BAND[0] / freqRes), Math.trunc(SEIZURE_BAND[1] / freqRes)];
  if (!(last >= end - 1 && first >= 1 && end > first))
    throw new Error(`seizureBandPlan: ${length} samples at ${sampleRateHz} Hz do not resolve the 3–8 Hz band`);
  const values = new Float32Array(length * 2 * last);
  for (let t = 0; t < length; t++) {
    for (let k = 1; k <= last; k++) {
      const angle = (2 * Math.PI * ((t * k) % length)) / length;
      values[t * 2 * last + (k - 1)] = Math.cos(angle);
      values[t * 2 * last + last + (k - 1)] = -Math.sin(angle);
    }
  }
  const mask = Float32Array.from({ length: last }, (_, i) => (i + 1 >= first && i + 1 < end ? 1 : 0));
  const plan: SeizureBandPlan = {
    length,
    dft: tf.tensor2d(values, [length, 2 * last]),
    seizureBins: tf.tensor2d(mask, [last, 1]),
    dispose: () => tf.dispose([plan.dft, plan.seizureBins]),
  };
  return plan;
}

/**
 * The share of a window's power in OpenSeizureDetector's seizure band, differentiable:
 * x [N, L, 1] (or [N, L]) → Σ_{3–8 Hz} |X_k|² / Σ_{0.2–12 Hz} |X_k|² [N, 1] in [0, 1].
 * OSD's roiRatio (alarm above 57) is 100 × this share before the app's integer rounding:
 * 10 · (Σ_roi / (L/5)) / (Σ / 2L) = 100 · Σ_roi / Σ. Invariant to a window's level and
 * scale, so it reads the same on normalised windows as on milli-g. `epsilon` keeps a flat
 * window's share (then ½) and its gradient finite.
 */
export function seizureBandShare(x: tf.Tensor2D | tf.Tensor3D, plan: SeizureBandPlan, epsilon = 1e-6): tf.Tensor2D {
  const [batch, length] = x.shape;
  if (length !== plan.length) throw new Error(`seizureBandShare: plan is for ${plan.length} samples, x has ${length}`);
  if (x.rank === 3 && x.shape[2] !== 1)
    throw new Error(`seizureBandShare: expected one channel, got [${x.shape.join(', ')}]`);
  const bins = plan.seizureBins.shape[0];
  return tf.tidy((): tf.Tensor2D => {
    const squared = tf.square(matMul(tf.reshape(x, [batch, length]) as tf.Tensor2D, plan.dft)); // [N, 2K]
    const power = tf.add(
      tf.slice(squared, [0, 0], [batch, bins]),
      tf.slice(squared, [0, bins], [batch, bins]),
    ) as tf.Tensor2D; // [N, K]
    const total = tf.sum(power, 1, true); // [N, 1]
    const seizure = matMul(power, plan.seizureBins); // [N, 1]
    return tf.div(tf.add(seizure, epsilon), tf.add(total, 2 * epsilon)) as tf.Tensor2D;
  });
}
