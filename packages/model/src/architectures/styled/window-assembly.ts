import * as tf from '@tensorflow/tfjs-core';
import { standardiseWindows } from '../../ops/normalise.js';

/**
 * A window from its parts, level + scale × shape:
 *   smooth [N, L, 1] (the shape trunk's output) → standardised; + exp(logNoise) · noise,
 *   noise [N, L] white N(0, 1) (z · W); standardised again → shape [N, L, 1]
 *   x = level + exp(logStd) · shape → [N, L, 1]; level, logStd, logNoise [N, 1] each.
 * Why the factoring: real windows differ in level (gravity plus sustained force) and in
 * scale (a still wrist against a convulsing one) far more than in shape, and a
 * convolutional generator that must produce those ranges through its activations collapses
 * to one level and one scale. Why the noise (StyleGAN's noise inputs, drawn from z so that
 * G stays a pure function of (z, label)): a still wrist's window is the sensor's white
 * noise around gravity and a moving one is rough at lag 1, while upsampling convolutions
 * draw smooth curves.
 */
export function levelScaleShape(
  smooth: tf.Tensor3D,
  noise: tf.Tensor2D,
  logNoise: tf.Tensor,
  level: tf.Tensor,
  logStd: tf.Tensor,
): tf.Tensor3D {
  const noiseAmplitude = tf.expandDims(tf.exp(logNoise), 2); // [N, 1, 1]
  const withNoise = tf.add(
    standardiseWindows(smooth).shape,
    tf.mul(noiseAmplitude, tf.expandDims(noise, 2)),
  ) as tf.Tensor3D; // [N, L, 1]
  const windowShape = standardiseWindows(withNoise).shape; // [N, L, 1]
  return tf.add(tf.expandDims(level, 2), tf.mul(tf.expandDims(tf.exp(logStd), 2), windowShape)) as tf.Tensor3D; // [N, L, 1]
}
