import * as tf from '@tensorflow/tfjs-core';
import { matMul } from './matmul.js';
import { l2Normalise } from './normalise.js';

/**
 * Spectral normalisation (Miyato et al. 2018): weight / σ, where σ estimates the largest
 * singular value of the weight seen as a matrix W [rows = everything but the last axis,
 * columns = the last (output) axis], e.g. a conv filter [K, Cin, Cout] as [K·Cin, Cout].
 *
 * u [Cout] is the power iteration's estimate of the top right singular vector, kept as state.
 * training = true runs one power-iteration step and stores the new u:
 *   v = normalise(W u), u ← normalise(Wᵀ v), σ = vᵀ W u_new (= ‖Wᵀ v‖).
 * training = false uses the stored u and changes nothing: v = normalise(W u), σ = vᵀ W u.
 * Returns a tensor shaped like `weight`.
 *
 * Gradient: u and v are constants (as in the paper), so dσ/dW = v uᵀ and, with G = dL/dŴ
 * and Ŵ = W / σ, dL/dW = (G − ⟨G, Ŵ⟩ · v uᵀ) / σ. It is written out as one custom-gradient
 * node: built from tf ops, the power iteration and σ were ~35 recorded ops per layer and
 * call, whose tape bookkeeping (a copy of every saved input on wasm) cost more than the maths.
 */
export function spectralNormalise<T extends tf.Tensor>(weight: T, u: tf.Variable<tf.Rank.R1>, training: boolean): T {
  const columns = weight.shape[weight.rank - 1] ?? 0;
  if (weight.rank < 2 || u.shape[0] !== columns) {
    throw new Error(
      `spectralNormalise: u [${u.shape.join(', ')}] does not match weight [${weight.shape.join(', ')}] (u needs the last axis)`,
    );
  }
  const normalise = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const w = args[0] as tf.Tensor;
    const save = args[1] as tf.GradSaveFunc;
    const matrix = tf.reshape(w, [-1, columns]) as tf.Tensor2D; // W [rows, columns]
    const v = l2Normalise(matMul(matrix, tf.reshape(u, [columns, 1]))) as tf.Tensor2D; // [rows, 1]
    const projected = matMul(tf.reshape(v, [1, -1]), matrix); // vᵀ W [1, columns]; vᵀ is a reshape, no transpose
    let right: tf.Tensor2D = tf.reshape(u, [1, columns]); // uᵀ
    if (training) {
      right = l2Normalise(projected) as tf.Tensor2D;
      u.assign(tf.reshape(right, [columns]));
    }
    const sigma = tf.sum(tf.mul(projected, right)); // vᵀ W u
    const value = tf.div(w, sigma);
    save([value, v, right, sigma]);
    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [normalised, vColumn, uRow, s] = saved as [tf.Tensor, tf.Tensor2D, tf.Tensor2D, tf.Scalar];
      const alignment = tf.sum(tf.mul(dy, normalised)); // ⟨G, Ŵ⟩
      const direction = tf.reshape(matMul(vColumn, uRow), w.shape); // v uᵀ, shaped like W
      return tf.div(tf.sub(dy, tf.mul(direction, alignment)), s);
    };
    return { value, gradFunc };
  });
  return normalise(weight) as T;
}
