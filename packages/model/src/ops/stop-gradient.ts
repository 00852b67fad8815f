import * as tf from '@tensorflow/tfjs-core';
import { backendKernel } from './own-kernels.js';

/**
 * x as a new tensor that the gradient tape does not connect to x, so differentiation
 * treats it as a constant (TensorFlow's stop_gradient). It runs the backend's Identity
 * kernel directly rather than through the engine, which is what keeps it off the tape;
 * on cpu and wasm the result shares x's buffer.
 */
export function stopGradient<T extends tf.Tensor>(x: T): T {
  const identity = backendKernel(tf.Identity, tf.getBackend());
  const info = identity({ inputs: { x }, backend: tf.backend() }) as tf.TensorInfo;
  return tf.engine().makeTensorFromTensorInfo(info) as T;
}
