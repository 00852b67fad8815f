import * as tf from '@tensorflow/tfjs-core';
import { Conv1dLayer } from '../nn/conv1d-layer.js';
import { DenseLayer } from '../nn/dense-layer.js';
import { torchDefaultUniform, zeros } from '../nn/initializers.js';
import { VariableStore } from '../nn/variable-store.js';
import { leakyRelu } from '../ops/activations.js';
import { ensureTfjsGradients } from '../ops/tfjs-gradients.js';
import { upsample1d } from '../ops/upsample.js';
import type { Architecture, Discriminator, GanShape, Generator } from '../types.js';
import { checkGanShape, firstSamples, oneHotLabels, roundUpTo } from './inputs.js';
import { discriminatorNetwork, generatorNetwork } from './networks.js';

const LATENT_DIM = 64;
const CHANNELS = 64;
const LEAK = 0.2;

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

export const bench: Architecture = {
  name: 'bench',
  description:
    'The fixed speed-comparison GAN of shared/bench (same layers as its PyTorch reference): dense + 3×(upsample, conv k5) generator, 3 strided convs + dense discriminator, hinge loss.',
  defaults: {
    batchSize: 64,
    latentDim: LATENT_DIM,
    loss: 'hinge',
    learningRateG: 2e-4,
    learningRateD: 2e-4,
    beta1: 0.5,
    beta2: 0.999,
    emaDecay: 0,
    dStepsPerG: 1,
    scale: 'zscore',
    statisticsWeight: 0,
    consistencyWeight: 0,
  },
  buildGenerator: buildBenchGenerator,
  buildDiscriminator: buildBenchDiscriminator,
};
