import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs-core';

let ensured = false;

/**
 * Makes sure tfjs-core's own gradients (Sum, Mean, Relu, Softplus, Tanh, …) are registered,
 * so that networks and losses can be differentiated at all.
 *
 * tfjs-core's Node bundle registers none: the @tensorflow/tfjs union package does that.
 * tfjs-core's ES module files register them too, but plain Node cannot load those
 * (extensionless imports), so without this `tf.variableGrads` fails with
 * "gradient function not found for Sum" outside Vite/bundlers. Loading the union once
 * (~0.3 s, synchronous) registers every gradient, and tensor methods such as x.mean(),
 * globally for whichever copy of tfjs-core is in use. Idempotent and cheap after the first call.
 */
export function ensureTfjsGradients(): void {
  if (ensured) return;
  if (tf.getGradient(tf.Sum) === undefined) createRequire(import.meta.url)('@tensorflow/tfjs');
  ensured = true;
}
