import * as tf from '@tensorflow/tfjs-core';
import { DenseLayer } from '../../nn/dense-layer.js';
import type { VariableStore } from '../../nn/variable-store.js';
import { leakyRelu } from '../../ops/activations.js';
import { oneHotLabels } from '../inputs.js';
import { LEAK } from './constants.js';

const FEATURES = 256;

/**
 * The discriminator's joint layer and projection output (Miyato & Koyama 2018), spectrally
 * normalised, in `store`: features [N, inUnits] → dense 256, leaky → h [N, 256];
 * logit = dense(h) + <embed(y), h> (the projection term only when numClasses > 1) → [N, 1].
 */
export function projectionHead(
  store: VariableStore,
  inUnits: number,
  numClasses: number,
): (features: tf.Tensor2D, labels: tf.Tensor1D, training: boolean) => tf.Tensor2D {
  const sn = { spectralNorm: true } as const;
  const joint = new DenseLayer(store, 'joint/dense', { inUnits, outUnits: FEATURES, ...sn });
  const logit = new DenseLayer(store, 'logit/dense', { inUnits: FEATURES, outUnits: 1, ...sn });
  const projection =
    numClasses > 1
      ? new DenseLayer(store, 'class_projection', { inUnits: numClasses, outUnits: FEATURES, bias: false, ...sn })
      : undefined;
  return (features, labels, training) => {
    const h = leakyRelu(joint.apply(features, training), LEAK); // [N, 256]
    const score = logit.apply(h, training); // [N, 1]
    if (!projection) return score;
    const classDirection = projection.apply(oneHotLabels(labels, numClasses), training); // [N, 256]
    return tf.add(score, tf.sum(tf.mul(h, classDirection), 1, true));
  };
}
