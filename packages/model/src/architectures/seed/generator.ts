import * as tf from '@tensorflow/tfjs-core';
import { BatchNormLayer } from '../../nn/batch-norm-layer.js';
import { Conv1dTransposeLayer } from '../../nn/conv1d-transpose-layer.js';
import { DenseLayer } from '../../nn/dense-layer.js';
import { VariableStore } from '../../nn/variable-store.js';
import { leakyRelu } from '../../ops/activations.js';
import { ensureTfjsGradients } from '../../ops/tfjs-gradients.js';
import type { GanShape, Generator } from '../../types.js';
import { checkGanShape, oneHotLabels } from '../inputs.js';
import { generatorNetwork } from '../networks.js';

/** The latent's width (z [N, 125], as the prototype had it) unless a run sets `latentDim`. */
export const LATENT_DIM = 125;
const LEAK = 0.2;

/**
 * The `seed` generator: the originating Keras prototype, with its normalisation fixed
 * (no biases in front of batch norm, moving statistics at inference, tanh output matched
 * to 'minmax' data in [-1, 1]). Everything runs at the window's full length L:
 *   z [N, 125] (++ one-hot label [N, C] when C > 1) → dense → L units, batch norm (per unit),
 *     leaky 0.2, reshape                                                 → [N, L, 1]
 *   → transposed conv k5 1→128 (stride 1, same), batch norm, leaky 0.2 → [N, L, 128]
 *   → transposed conv k5 128→64, batch norm, leaky 0.2                  → [N, L, 64]
 *   → transposed conv k5 64→1, tanh                                     → [N, L, 1]
 * Glorot-uniform kernels (the Keras default).
 */
export function buildSeedGenerator(shape: GanShape, seed: number, latentDim = LATENT_DIM): Generator {
  checkGanShape(shape);
  ensureTfjsGradients();
  const { samplesPerWindow: length, numClasses } = shape;
  const conditional = numClasses > 1;
  const store = new VariableStore('g', seed);
  const dense0 = new DenseLayer(store, 'dense0', {
    inUnits: latentDim + (conditional ? numClasses : 0),
    outUnits: length,
    bias: false,
  });
  const norm0 = new BatchNormLayer(store, 'bn0', length);
  const tconv1 = new Conv1dTransposeLayer(store, 'tconv1', {
    kernelSize: 5,
    inChannels: 1,
    outChannels: 128,
    bias: false,
  });
  const norm1 = new BatchNormLayer(store, 'bn1', 128);
  const tconv2 = new Conv1dTransposeLayer(store, 'tconv2', {
    kernelSize: 5,
    inChannels: 128,
    outChannels: 64,
    bias: false,
  });
  const norm2 = new BatchNormLayer(store, 'bn2', 64);
  const tconv3 = new Conv1dTransposeLayer(store, 'tconv3', { kernelSize: 5, inChannels: 64, outChannels: 1 });

  return generatorNetwork(store, latentDim, (z, labels, training) => {
    const input = conditional ? tf.concat([z, oneHotLabels(labels, numClasses)], 1) : z; // [N, Z (+ C)]
    const projected = leakyRelu(norm0.apply(dense0.apply(input, training), training), LEAK); // [N, L]
    let h = tf.reshape(projected, [-1, length, 1]) as tf.Tensor3D; // [N, L, 1]
    h = leakyRelu(norm1.apply(tconv1.apply(h), training), LEAK); // [N, L, 128]
    h = leakyRelu(norm2.apply(tconv2.apply(h), training), LEAK); // [N, L, 64]
    return tf.tanh(tconv3.apply(h)); // [N, L, 1]
  });
}
