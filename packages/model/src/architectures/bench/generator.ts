import * as tf from '@tensorflow/tfjs-core';
import { Conv1dLayer } from '../../nn/conv1d-layer.js';
import { DenseLayer } from '../../nn/dense-layer.js';
import { torchDefaultUniform, zeros } from '../../nn/initializers.js';
import { VariableStore } from '../../nn/variable-store.js';
import { leakyRelu } from '../../ops/activations.js';
import { ensureTfjsGradients } from '../../ops/tfjs-gradients.js';
import { upsample1d } from '../../ops/upsample.js';
import type { GanShape, Generator } from '../../types.js';
import { checkGanShape, firstSamples, oneHotLabels, roundUpTo } from '../inputs.js';
import { generatorNetwork } from '../networks.js';
import { CHANNELS, LATENT_DIM, LEAK } from './constants.js';

/**
 * The `bench` generator, exactly as in shared/bench/README.md (channels last):
 *   z [N, 64] → dense 64 → L0·64, leaky 0.2 → [N, L0, 64]       (L0 = ceil(L / 8); 16 for L = 125 or 128)
 *   3 × [nearest upsample ×2, conv1d k5 64→64 same, leaky 0.2]  → [N, 8·L0, 64]
 *   conv1d k7 64→1 same, no activation                          → [N, 8·L0, 1] → first L samples.
 * Conditioning (numClasses > 1 only): a class embedding [numClasses, 64], zero at start, is
 * added to z, which is N·64 additions; with one class there is no embedding at all, so the
 * speed comparison with PyTorch stays exact. Initialisation is PyTorch's default, as in the reference.
 */
export function buildBenchGenerator(shape: GanShape, seed: number, latentDim = LATENT_DIM): Generator {
  checkGanShape(shape);
  ensureTfjsGradients();
  const { samplesPerWindow, numClasses } = shape;
  const baseLength = roundUpTo(samplesPerWindow, 8) / 8;
  const store = new VariableStore('g', seed);
  const torchInit = (fanIn: number) => ({
    kernelInit: torchDefaultUniform(fanIn),
    biasInit: torchDefaultUniform(fanIn),
  });
  const embedding =
    numClasses > 1
      ? new DenseLayer(store, 'class_embedding', {
          inUnits: numClasses,
          outUnits: latentDim,
          bias: false,
          kernelInit: zeros,
        })
      : undefined;
  const dense0 = new DenseLayer(store, 'dense0', {
    inUnits: latentDim,
    outUnits: baseLength * CHANNELS,
    ...torchInit(latentDim),
  });
  const convs = [1, 2, 3].map(
    (i) =>
      new Conv1dLayer(store, `conv${i}`, {
        kernelSize: 5,
        inChannels: CHANNELS,
        outChannels: CHANNELS,
        ...torchInit(5 * CHANNELS),
      }),
  );
  const output = new Conv1dLayer(store, 'conv_out', {
    kernelSize: 7,
    inChannels: CHANNELS,
    outChannels: 1,
    ...torchInit(7 * CHANNELS),
  });

  return generatorNetwork(store, latentDim, (z, labels, training) => {
    const conditioned = embedding
      ? (tf.add(z, embedding.apply(oneHotLabels(labels, numClasses), training)) as tf.Tensor2D)
      : z; // [N, Z]
    let h = tf.reshape(leakyRelu(dense0.apply(conditioned, training), LEAK), [-1, baseLength, CHANNELS]) as tf.Tensor3D; // [N, L0, 64]
    for (const conv of convs) h = leakyRelu(conv.apply(upsample1d(h, 2), training), LEAK); // [N, 2L0 | 4L0 | 8L0, 64]
    return firstSamples(output.apply(h, training), samplesPerWindow); // [N, L, 1]
  });
}
