import * as tf from '@tensorflow/tfjs-core';
import { ensureTfjsGradients } from './tfjs-gradients.js';

/**
 * Backends whose tensors are flat typed buffers. On them a TensorInfo can be re-viewed
 * with another shape of the same size just by copying it with a new `shape`, which is
 * how accelgan's own kernels call the backend's Conv2D on 1-D data without a copy.
 *
 * These are also the backends that need accelgan's kernels: wasm has no
 * Conv2DBackpropFilter at all, and cpu's took 61 s for one filter gradient that a
 * forward-convolution formulation does in 0.7 s (N=64, L=128, 64→64, k=5).
 * Other backends (tfjs-node, webgl) have fast native gradients and use tf's own ops.
 */
const FLAT_BUFFER_BACKENDS: ReadonlySet<string> = new Set(['cpu', 'wasm']);

/** Whether ops should run accelgan's own kernels on this backend (see FLAT_BUFFER_BACKENDS). */
export function usesOwnKernels(backendName: string = tf.getBackend()): boolean {
  return FLAT_BUFFER_BACKENDS.has(backendName);
}

/** The kernel function a backend registered for `kernelName`. */
export function backendKernel(kernelName: string, backendName: string): tf.KernelFunc {
  const config = tf.getKernel(kernelName, backendName) as tf.KernelConfig | undefined;
  if (config === undefined) throw new Error(`backend ${backendName} has no ${kernelName} kernel`);
  return config.kernelFunc;
}

const registered = new Set<string>();

/**
 * Registers an accelgan kernel on the active backend the first time it is needed there,
 * and its gradient (which is backend-independent) the first time at all.
 * `makeKernelFunc` builds the kernel from that backend's own kernels.
 */
export function ensureOwnKernel(
  kernelName: string,
  makeKernelFunc: (backendName: string) => tf.KernelFunc,
  gradient: tf.GradConfig,
): void {
  const backendName = tf.getBackend();
  const key = `${kernelName}@${backendName}`;
  if (registered.has(key)) return;
  ensureTfjsGradients(); // the composite gradients below use tfjs's own (Transpose, PadV2, …)
  if (tf.getKernel(kernelName, backendName) === undefined) {
    tf.registerKernel({ kernelName, backendName, kernelFunc: makeKernelFunc(backendName) });
  }
  if (tf.getGradient(kernelName) === undefined) tf.registerGradient(gradient);
  registered.add(key);
}

/** A TensorInfo's input by name, checked. */
export function kernelInput(inputs: tf.NamedTensorInfoMap, name: string): tf.TensorInfo {
  const input = inputs[name];
  if (input === undefined) throw new Error(`kernel input ${name} is missing`);
  return input;
}
