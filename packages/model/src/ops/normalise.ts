import * as tf from '@tensorflow/tfjs-core';

/**
 * Each sample's feature vector scaled to unit root-mean-square over channels
 * (ProGAN's pixelwise feature normalisation). x [..., C] → same shape.
 * Unlike batch norm it has no batch statistics and no state, so training and inference
 * (and an exponential moving average of the weights) behave identically.
 */
export function pixelNorm(x: tf.Tensor, epsilon = 1e-8): tf.Tensor {
  return tf.mul(x, tf.rsqrt(tf.add(tf.mean(tf.square(x), -1, true), epsilon)));
}

/** v / ‖v‖ over all elements (‖v‖² floored at epsilon², so a zero vector stays finite). */
export function l2Normalise(v: tf.Tensor, epsilon = 1e-12): tf.Tensor {
  return tf.mul(v, tf.rsqrt(tf.maximum(tf.sum(tf.square(v)), epsilon * epsilon)));
}
