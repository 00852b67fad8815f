import * as tf from '@tensorflow/tfjs-core';
import { matMul } from './matmul.js';

/** Fully connected layer: x [N, in] · kernel [in, out] (+ bias [out]) → [N, out]. */
export function dense(x: tf.Tensor2D, kernel: tf.Tensor2D, bias?: tf.Tensor1D): tf.Tensor2D {
  const product = matMul(x, kernel);
  return bias === undefined ? product : tf.add(product, bias);
}
