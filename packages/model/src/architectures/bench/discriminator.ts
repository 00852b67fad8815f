import * as tf from '@tensorflow/tfjs-core';
import { Conv1dLayer } from '../../nn/conv1d-layer.js';
import { DenseLayer } from '../../nn/dense-layer.js';
import { torchDefaultUniform, zeros } from '../../nn/initializers.js';
import { VariableStore } from '../../nn/variable-store.js';
import { leakyRelu } from '../../ops/activations.js';
import { ensureTfjsGradients } from '../../ops/tfjs-gradients.js';
import type { Discriminator, GanShape } from '../../types.js';
import { checkGanShape, oneHotLabels } from '../inputs.js';
import { discriminatorNetwork } from '../networks.js';
import { CHANNELS, LEAK } from './constants.js';

/**
 * The `bench` discriminator, exactly as in shared/bench/README.md:
 *   x [N, L, 1] → conv1d k5 s2 1→64, leaky 0.2 → [N, ceil(L/2), 64]
 *   → conv1d k5 s2 64→128, leaky 0.2 → [N, ceil(L/4), 128] → conv1d k5 s2 128→128, leaky 0.2
 *   → [N, Lf, 128] (Lf = ceil(L/8): 16 for L = 125 or 128) → flatten Lf·128 → dense → logit [N, 1].
 * Conditioning (numClasses > 1 only): a projection term <embed(y), flat> with a zero-initialised
 * embedding [numClasses, Lf·128], N·Lf·128 multiply-adds; absent with one class.
 * 'same' padding puts TensorFlow's odd pad on the right where PyTorch pads 2 | 2: a one-sample
 * shift of the grid, the same work.
 */
export function buildBenchDiscriminator(shape: GanShape, seed: number): Discriminator {
  checkGanShape(shape);
  ensureTfjsGradients();
  const { samplesPerWindow, numClasses } = shape;
  const finalLength = Math.ceil(Math.ceil(Math.ceil(samplesPerWindow / 2) / 2) / 2);
  const flatUnits = finalLength * 2 * CHANNELS;
  const store = new VariableStore('d', seed);
  const torchInit = (fanIn: number) => ({
    kernelInit: torchDefaultUniform(fanIn),
    biasInit: torchDefaultUniform(fanIn),
  });
  const convs = [
    new Conv1dLayer(store, 'conv1', {
      kernelSize: 5,
      inChannels: 1,
      outChannels: CHANNELS,
      stride: 2,
      ...torchInit(5),
    }),
    new Conv1dLayer(store, 'conv2', {
      kernelSize: 5,
      inChannels: CHANNELS,
      outChannels: 2 * CHANNELS,
      stride: 2,
      ...torchInit(5 * CHANNELS),
    }),
    new Conv1dLayer(store, 'conv3', {
      kernelSize: 5,
      inChannels: 2 * CHANNELS,
      outChannels: 2 * CHANNELS,
      stride: 2,
      ...torchInit(10 * CHANNELS),
    }),
  ];
  const logit = new DenseLayer(store, 'logit', { inUnits: flatUnits, outUnits: 1, ...torchInit(flatUnits) });
  const projection =
    numClasses > 1
      ? new DenseLayer(store, 'class_projection', {
          inUnits: numClasses,
          outUnits: flatUnits,
          bias: false,
          kernelInit: zeros,
        })
      : undefined;

  return discriminatorNetwork(store, samplesPerWindow, (x, labels, training) => {
    let h = x;
    for (const conv of convs) h = leakyRelu(conv.apply(h, training), LEAK); // [N, L/2 | L/4 | L/8, 64 | 128 | 128]
    const flat = tf.reshape(h, [-1, flatUnits]) as tf.Tensor2D; // [N, Lf·128]
    const score = logit.apply(flat, training); // [N, 1]
    if (!projection) return score;
    const classDirection = projection.apply(oneHotLabels(labels, numClasses), training); // [N, Lf·128]
    return tf.add(score, tf.sum(tf.mul(flat, classDirection), 1, true));
  });
}
