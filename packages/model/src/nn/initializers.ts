import * as tf from '@tensorflow/tfjs-core';

/** Makes a variable's initial value from its shape and a seed. */
export type Initializer = (shape: readonly number[], seed: number) => tf.Tensor;

/**
 * Fan-in and fan-out of a weight: [in, out] for dense, [K, Cin, Cout] for conv1d
 * (K·Cin, K·Cout). Transposed-conv filters [K, Cout, Cin] give the same Glorot limit.
 */
function fans(shape: readonly number[]): { fanIn: number; fanOut: number } {
  const receptive = shape.slice(0, -2).reduce((a, b) => a * b, 1);
  return { fanIn: receptive * (shape.at(-2) ?? 1), fanOut: receptive * (shape.at(-1) ?? 1) };
}

/** Keras's default kernel initialiser: U(±√(6 / (fanIn + fanOut))). */
export const glorotUniform: Initializer = (shape, seed) => {
  const { fanIn, fanOut } = fans(shape);
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  return tf.randomUniform([...shape], -limit, limit, 'float32', seed);
};

/**
 * PyTorch's default for Linear and Conv1d weights and biases: U(±1/√fanIn), where fanIn is
 * that of the layer's weight (kaiming_uniform with a = √5 reduces to this bound).
 */
export function torchDefaultUniform(fanIn: number): Initializer {
  const bound = 1 / Math.sqrt(fanIn);
  return (shape, seed) => tf.randomUniform([...shape], -bound, bound, 'float32', seed);
}

export const zeros: Initializer = (shape) => tf.zeros([...shape]);
export const ones: Initializer = (shape) => tf.ones([...shape]);

/** A random unit vector (the starting u of a spectral norm's power iteration). */
export const randomUnitVector: Initializer = (shape, seed) =>
  tf.tidy(() => {
    const v = tf.randomNormal([...shape], 0, 1, 'float32', seed);
    return tf.div(v, tf.sqrt(tf.sum(tf.square(v))));
  });
