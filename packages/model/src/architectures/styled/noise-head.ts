import * as tf from '@tensorflow/tfjs-core';
import { DenseLayer } from '../../nn/dense-layer.js';
import type { VariableStore } from '../../nn/variable-store.js';
import { leakyRelu } from '../../ops/activations.js';
import { LEAK, LEVEL_UNITS } from './constants.js';

/** Range and start of the log of the shape's white-noise amplitude, relative to its smooth part. */
const LOG_NOISE_RANGE = [-6, 3] as const;
const INITIAL_LOG_NOISE = Math.log(0.2);

/** raw → centre + halfRange·tanh(raw / halfRange): the identity near the centre, bounded far from it. */
function softBound(raw: tf.Tensor, [lo, hi]: readonly [number, number]): tf.Tensor {
  const centre = (lo + hi) / 2;
  const halfRange = (hi - lo) / 2;
  return tf.add(centre, tf.mul(halfRange, tf.tanh(tf.div(raw, halfRange))));
}

/** The raw head output that softBound maps to `value`. */
function softBoundInverse(value: number, [lo, hi]: readonly [number, number]): number {
  const centre = (lo + hi) / 2;
  const halfRange = (hi - lo) / 2;
  return halfRange * Math.atanh((value - centre) / halfRange);
}

/**
 * How much white noise each window's shape gets, its layers in `store`:
 *   [z, condition] [N, latentDim + C] → dense 64, leaky → dense 64, leaky → dense 1
 *   → logNoise [N, 1], softly bounded (tanh) within [-6, 3], starting at log 0.2.
 * The bound keeps an exponential from blowing a few windows up; the start puts the noise
 * near what real windows show, so the head need not drift there first.
 */
export function noiseHead(
  store: VariableStore,
  inUnits: number,
): (input: tf.Tensor2D, training: boolean) => tf.Tensor2D {
  const noise1 = new DenseLayer(store, 'noise1/dense', { inUnits, outUnits: LEVEL_UNITS });
  const noise2 = new DenseLayer(store, 'noise2/dense', { inUnits: LEVEL_UNITS, outUnits: LEVEL_UNITS });
  const noise3 = new DenseLayer(store, 'noise3/dense', {
    inUnits: LEVEL_UNITS,
    outUnits: 1,
    biasInit: () => tf.tensor1d([softBoundInverse(INITIAL_LOG_NOISE, LOG_NOISE_RANGE)]),
  });
  return (input, training) => {
    let h = leakyRelu(noise1.apply(input, training), LEAK); // [N, 64]
    h = leakyRelu(noise2.apply(h, training), LEAK); // [N, 64]
    return softBound(noise3.apply(h, training), LOG_NOISE_RANGE) as tf.Tensor2D; // [N, 1]
  };
}
