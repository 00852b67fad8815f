import * as tf from '@tensorflow/tfjs-core';
import { ensureTfjsGradients, initBackend, type BackendChoice } from '@accelgan/model';

/** Makes sure a TensorFlow.js backend is ready (wasm here: `auto` tries node, wasm, cpu); returns its name. */
export async function ensureBackend(choice: BackendChoice = 'auto'): Promise<string> {
  await initBackend(choice);
  return tf.getBackend();
}

let gradients: boolean | undefined;

/**
 * Whether TensorFlow.js can differentiate here: tfjs-core's Node bundle registers no
 * gradients, so the model package's ensureTfjsGradients() registers them; this probes
 * that it worked. The CNN critic needs it.
 */
export async function gradientsAvailable(): Promise<boolean> {
  if (gradients !== undefined) return gradients;
  if (!probe()) {
    try {
      ensureTfjsGradients();
    } catch {
      // not loadable in this runtime: reported as unavailable
    }
  }
  gradients = probe();
  return gradients;
}

function probe(): boolean {
  try {
    tf.tidy(() => tf.grad((x: tf.Tensor) => tf.sum(tf.mul(x, x)))(tf.ones([2])));
    return true;
  } catch {
    return false;
  }
}
