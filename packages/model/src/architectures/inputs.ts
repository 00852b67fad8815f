import * as tf from '@tensorflow/tfjs-core';
import type { GanShape } from '../types.js';

/** Throws unless the shape is buildable: positive integer window length and class count. */
export function checkGanShape(shape: GanShape, minLength = 1): void {
  const { samplesPerWindow, numClasses } = shape;
  if (!Number.isInteger(samplesPerWindow) || samplesPerWindow < minLength) {
    throw new Error(`samplesPerWindow must be an integer of at least ${minLength}, got ${samplesPerWindow}`);
  }
  if (!Number.isInteger(numClasses) || numClasses < 1)
    throw new Error(`numClasses must be a positive integer, got ${numClasses}`);
}

/** Throws unless z is [N, latentDim] float32 and labels is [N] int32. */
export function checkGeneratorInputs(z: tf.Tensor, labels: tf.Tensor, latentDim: number): void {
  if (z.rank !== 2 || z.shape[1] !== latentDim)
    throw new Error(`generator: z must be [N, ${latentDim}], got [${z.shape.join(', ')}]`);
  checkLabels(labels, z.shape[0] ?? 0, 'generator');
}

/** Throws unless x is [N, samplesPerWindow, 1] and labels is [N] int32. */
export function checkDiscriminatorInputs(x: tf.Tensor, labels: tf.Tensor, samplesPerWindow: number): void {
  if (x.rank !== 3 || x.shape[1] !== samplesPerWindow || x.shape[2] !== 1) {
    throw new Error(`discriminator: x must be [N, ${samplesPerWindow}, 1], got [${x.shape.join(', ')}]`);
  }
  checkLabels(labels, x.shape[0] ?? 0, 'discriminator');
}

function checkLabels(labels: tf.Tensor, batch: number, who: string): void {
  if (labels.rank !== 1 || labels.shape[0] !== batch || labels.dtype !== 'int32') {
    throw new Error(`${who}: labels must be int32 [${batch}], got ${labels.dtype} [${labels.shape.join(', ')}]`);
  }
}

/** labels [N] int32 → one-hot float32 [N, numClasses]. */
export function oneHotLabels(labels: tf.Tensor1D, numClasses: number): tf.Tensor2D {
  if (numClasses === 1) return tf.ones([labels.shape[0], 1]); // tf.oneHot needs depth ≥ 2
  return tf.cast(tf.oneHot(labels, numClasses), 'float32') as tf.Tensor2D;
}

/** The smallest multiple of `multiple` that is at least `length`. */
export function roundUpTo(length: number, multiple: number): number {
  return Math.ceil(length / multiple) * multiple;
}

/** x [N, L', C] → its first `length` samples [N, length, C] (a no-op when L' = length). */
export function firstSamples(x: tf.Tensor3D, length: number): tf.Tensor3D {
  const [batch, have, channels] = x.shape;
  if (have === length) return x;
  return tf.slice(x, [0, 0, 0], [batch, length, channels]);
}
