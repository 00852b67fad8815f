import * as tf from '@tensorflow/tfjs-core';
import { BatchNormLayer } from '../../nn/batch-norm-layer.js';
import { Conv1dLayer } from '../../nn/conv1d-layer.js';
import { DenseLayer } from '../../nn/dense-layer.js';
import { VariableStore } from '../../nn/variable-store.js';
import { globalAveragePool1d } from '../../ops/pooling.js';
import { ensureTfjsGradients } from '../../ops/tfjs-gradients.js';
import type { Discriminator, GanShape } from '../../types.js';
import { checkGanShape, oneHotLabels } from '../inputs.js';
import { discriminatorNetwork } from '../networks.js';
import { InceptionModule, MODULE_CHANNELS } from './inception-module.js';

const MODULES = 3;

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
  const width = MODULE_CHANNELS;
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
