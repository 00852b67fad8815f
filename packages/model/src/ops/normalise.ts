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

/**
 * Each window split into its level, scale and shape: x [N, L, 1] → mean [N, 1],
 * logStd [N, 1] (½·log(variance + epsilon)) and shape = (x - mean) / std [N, L, 1], so
 * that x = mean + exp(logStd) · shape up to epsilon. Differentiable throughout; epsilon
 * keeps a flat window's shape and gradients finite.
 */
export function standardiseWindows(
  x: tf.Tensor3D,
  epsilon = 1e-6,
): { mean: tf.Tensor2D; logStd: tf.Tensor2D; shape: tf.Tensor3D } {
  return tf.tidy(() => {
    const { mean, variance } = tf.moments(x, 1, true); // [N, 1, 1] each
    const varianceFloored = tf.add(variance, epsilon);
    const shape = tf.mul(tf.sub(x, mean), tf.rsqrt(varianceFloored)) as tf.Tensor3D;
    const [batch] = x.shape;
    return {
      mean: tf.reshape(mean, [batch, 1]),
      logStd: tf.reshape(tf.mul(0.5, tf.log(varianceFloored)), [batch, 1]),
      shape,
    };
  });
}
