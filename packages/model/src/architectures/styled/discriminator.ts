import * as tf from '@tensorflow/tfjs-core';
import { DenseLayer } from '../../nn/dense-layer.js';
import { VariableStore } from '../../nn/variable-store.js';
import { leakyRelu } from '../../ops/activations.js';
import { standardiseWindows } from '../../ops/normalise.js';
import { ensureTfjsGradients } from '../../ops/tfjs-gradients.js';
import type { Discriminator, GanShape } from '../../types.js';
import { checkGanShape } from '../inputs.js';
import { discriminatorNetwork } from '../networks.js';
import { LEAK, LEVEL_UNITS } from './constants.js';
import { discriminatorViews } from './discriminator-views.js';
import { projectionHead } from './projection-head.js';

/**
 * The `styled` discriminator: the waveform and spectrum views of the window's shape, told
 * its level and scale explicitly, so that it judges shape, level and scale jointly (a
 * seizure's rhythm at a still wrist's scale is as wrong as a still wrist at a seizure's),
 * and its convolutions always see unit-scale input.
 *   x [N, L, 1] → mean, logStd [N, 1] each; shape = (x - mean) / std [N, L, 1]
 *   shape → views (discriminator-views.ts): time [N, 256], spectrum [N, 128], minibatch spread [N, 1]
 *   [mean, logStd] [N, 2] → dense 64, leaky → [N, 64]
 *   concat [N, 449] → projection head (dense 256, leaky; logit + <embed(y), h>) → [N, 1].
 * Every weight is spectrally normalised (stable hinge training), one power iteration per
 * training call.
 */
export function buildStyledDiscriminator(shape: GanShape, seed: number): Discriminator {
  checkGanShape(shape, 8);
  ensureTfjsGradients();
  const { samplesPerWindow: length, numClasses } = shape;
  const store = new VariableStore('d', seed);
  const views = discriminatorViews(store, length);
  const level = new DenseLayer(store, 'level/dense', { inUnits: 2, outUnits: LEVEL_UNITS, spectralNorm: true });
  const head = projectionHead(store, views.units + LEVEL_UNITS + 1, numClasses);
  return discriminatorNetwork(store, length, (x, labels, training) => {
    const { mean, logStd, shape: windowShape } = standardiseWindows(x);
    const { time, spectrum, spread } = views.apply(windowShape, training);
    const levels = leakyRelu(level.apply(tf.concat([mean, logStd], 1) as tf.Tensor2D, training), LEAK); // [N, 64]
    return head(tf.concat([time, spectrum, levels, spread], 1) as tf.Tensor2D, labels, training);
  });
}
