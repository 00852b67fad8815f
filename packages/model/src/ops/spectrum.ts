import * as tf from '@tensorflow/tfjs-core';
import { matMul } from './matmul.js';

/** Number of one-sided frequency bins of a real signal of `length` samples: floor(L/2) + 1. */
export function frequencyBins(length: number): number {
  return Math.floor(length / 2) + 1;
}

/**
 * A fixed real-DFT matrix [L, 2F] (F = floor(L/2) + 1) with a periodic Hann window folded
 * in: x [N, L] · M = [re | im] of the windowed spectrum, scaled so that unit white noise
 * has about unit power per bin. Build it once per network and pass it to logPowerSpectrum:
 * the wasm backend has no FFT kernel, and at these lengths (125–500) one matMul is cheap.
 */
export function realDftMatrix(length: number): tf.Tensor2D {
  const bins = frequencyBins(length);
  const window = Float64Array.from({ length }, (_, t) => 0.5 - 0.5 * Math.cos((2 * Math.PI * t) / length));
  const energy = Math.sqrt(window.reduce((sum, w) => sum + w * w, 0));
  const values = new Float32Array(length * 2 * bins);
  for (let t = 0; t < length; t++) {
    const w = (window[t] ?? 0) / energy;
    for (let f = 0; f < bins; f++) {
      const angle = (2 * Math.PI * ((t * f) % length)) / length;
      values[t * 2 * bins + f] = w * Math.cos(angle);
      values[t * 2 * bins + bins + f] = -w * Math.sin(angle);
    }
  }
  return tf.tensor2d(values, [length, 2 * bins]);
}

/**
 * Log power spectrum of each window, differentiable: x [N, L, 1] (or [N, L]) and a
 * realDftMatrix(L) → log(re² + im² + epsilon) [N, F]. epsilon bounds the gradient
 * (at most ~1/√epsilon) where a bin has almost no power.
 */
export function logPowerSpectrum(x: tf.Tensor2D | tf.Tensor3D, dft: tf.Tensor2D, epsilon = 1e-4): tf.Tensor2D {
  const [batch, length] = x.shape;
  if (dft.shape[0] !== length)
    throw new Error(`logPowerSpectrum: DFT matrix is for ${dft.shape[0]} samples, x has ${length}`);
  if (x.rank === 3 && x.shape[2] !== 1)
    throw new Error(`logPowerSpectrum: expected one channel, got [${x.shape.join(', ')}]`);
  const bins = dft.shape[1] / 2;
  return tf.tidy((): tf.Tensor2D => {
    const squared = tf.square(matMul(tf.reshape(x, [batch, length]), dft)); // [N, 2F]
    const power = tf.add(tf.slice(squared, [0, 0], [batch, bins]), tf.slice(squared, [0, bins], [batch, bins]));
    return tf.log(tf.add(power, epsilon)) as tf.Tensor2D;
  });
}
