import * as tf from '@tensorflow/tfjs-core';
import { BatchNormLayer } from '../nn/batch-norm-layer.js';
import { Conv1dLayer } from '../nn/conv1d-layer.js';
import { Conv1dTransposeLayer } from '../nn/conv1d-transpose-layer.js';
import { DenseLayer } from '../nn/dense-layer.js';
import { VariableStore } from '../nn/variable-store.js';
import { globalAveragePool1d, maxPool1d } from '../ops/pooling.js';
import { leakyRelu } from '../ops/activations.js';
import { ensureTfjsGradients } from '../ops/tfjs-gradients.js';
import type { Architecture, Discriminator, GanShape, Generator } from '../types.js';
import { checkGanShape, oneHotLabels } from './inputs.js';
import { discriminatorNetwork, generatorNetwork } from './networks.js';

const LATENT_DIM = 125;
const LEAK = 0.2;
/** Filters per inception branch; a module outputs 4× this many channels. */
const BRANCH_FILTERS = 16;
const BOTTLENECK = 16;
const KERNEL_SIZES = [9, 19, 39] as const;
const MODULES = 3;

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

/**
 * One InceptionTime module (Ismail Fawaz et al. 2020), x [N, L, Cin] → [N, L, 4·16]:
 * a 1×1 bottleneck to 16 channels (when Cin > 1), parallel convs of kernel 9, 19 and 39
 * (16 filters each), a max-pool(3) + 1×1 conv branch on the module's input, concatenated,
 * batch norm, ReLU. No biases: batch norm follows.
 */
class InceptionModule {
  private readonly bottleneck: Conv1dLayer | undefined;
  private readonly branches: Conv1dLayer[];
  private readonly poolBranch: Conv1dLayer;
  private readonly norm: BatchNormLayer;

  constructor(store: VariableStore, name: string, inChannels: number) {
    this.bottleneck =
      inChannels > 1
        ? new Conv1dLayer(store, `${name}/bottleneck`, {
            kernelSize: 1,
            inChannels,
            outChannels: BOTTLENECK,
            bias: false,
          })
        : undefined;
    const branchIn = this.bottleneck ? BOTTLENECK : inChannels;
    this.branches = KERNEL_SIZES.map(
      (k) =>
        new Conv1dLayer(store, `${name}/conv_k${k}`, {
          kernelSize: k,
          inChannels: branchIn,
          outChannels: BRANCH_FILTERS,
          bias: false,
        }),
    );
    this.poolBranch = new Conv1dLayer(store, `${name}/pool_conv`, {
      kernelSize: 1,
      inChannels,
      outChannels: BRANCH_FILTERS,
      bias: false,
    });
    this.norm = new BatchNormLayer(store, `${name}/bn`, 4 * BRANCH_FILTERS);
  }

  apply(x: tf.Tensor3D, training: boolean): tf.Tensor3D {
    const squeezed = this.bottleneck ? this.bottleneck.apply(x, training) : x; // [N, L, 16]
    const outputs = this.branches.map((conv) => conv.apply(squeezed, training)); // 3 × [N, L, 16]
    outputs.push(this.poolBranch.apply(maxPool1d(x, 3), training)); // [N, L, 16]
    return tf.relu(this.norm.apply(tf.concat(outputs, 2), training)); // [N, L, 64]
  }
}

/**
 * The `seed` discriminator, InceptionTime-style and kept affordable on 2 cores:
 *   x [N, L, 1] (++ one-hot label channels [N, L, C] broadcast over time when C > 1)
 *   → 3 inception modules → [N, L, 64], plus a residual shortcut from the input
 *     (1×1 conv → 64, batch norm), added, ReLU
 *   → global average pooling over time [N, 64] → dense → logit [N, 1].
 */
export function buildSeedDiscriminator(shape: GanShape, seed: number): Discriminator {
  checkGanShape(shape);
  ensureTfjsGradients();
  const { samplesPerWindow: length, numClasses } = shape;
  const conditional = numClasses > 1;
  const inChannels = 1 + (conditional ? numClasses : 0);
  const width = 4 * BRANCH_FILTERS;
  const store = new VariableStore('d', seed);
  const modules = Array.from(
    { length: MODULES },
    (_, i) => new InceptionModule(store, `inception${i}`, i === 0 ? inChannels : width),
  );
  const shortcut = new Conv1dLayer(store, 'shortcut/conv', {
    kernelSize: 1,
    inChannels,
    outChannels: width,
    bias: false,
  });
  const shortcutNorm = new BatchNormLayer(store, 'shortcut/bn', width);
  const logit = new DenseLayer(store, 'logit', { inUnits: width, outUnits: 1 });

  return discriminatorNetwork(store, length, (x, labels, training) => {
    let input: tf.Tensor3D = x;
    if (conditional) {
      const [batch] = x.shape;
      const labelChannels = tf.mul(
        tf.reshape(oneHotLabels(labels, numClasses), [batch, 1, numClasses]),
        tf.ones([1, length, 1]),
      ); // [N, L, C]
      input = tf.concat([x, labelChannels as tf.Tensor3D], 2); // [N, L, 1 + C]
    }
    let h = input;
    for (const module of modules) h = module.apply(h, training); // [N, L, 64]
    h = tf.relu(tf.add(h, shortcutNorm.apply(shortcut.apply(input, training), training))) as tf.Tensor3D;
    return logit.apply(globalAveragePool1d(h), training); // [N, 1]
  });
}

export const seed: Architecture = {
  name: 'seed',
  description:
    'The originating Keras prototype (normalisation fixed): dense + 3 transposed convs with batch norm and tanh output; InceptionTime-style discriminator; cross-entropy loss. A baseline.',
  defaults: {
    batchSize: 64,
    latentDim: LATENT_DIM,
    loss: 'bce',
    learningRateG: 2e-4,
    learningRateD: 2e-4,
    beta1: 0.5,
    beta2: 0.999,
    emaDecay: 0,
    dStepsPerG: 1,
    scale: 'minmax',
    statisticsWeight: 0,
    consistencyWeight: 0,
  },
  buildGenerator: buildSeedGenerator,
  buildDiscriminator: buildSeedDiscriminator,
};
