import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, expectClose, expectNoLeak, numericalGradient, randomTensor, useBackend } from '../test-helpers.js';
import { batchNorm } from './batch-norm.js';

describe.each(BACKENDS)('batchNorm on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  function parts(channels: number) {
    return {
      params: {
        gamma: tf.tensor1d(Array.from({ length: channels }, (_, c) => 1 + c)),
        beta: tf.tensor1d(Array.from({ length: channels }, (_, c) => -c)),
      },
      state: {
        movingMean: tf.variable(tf.zeros([channels]), false) as tf.Variable<tf.Rank.R1>,
        movingVariance: tf.variable(tf.ones([channels]), false) as tf.Variable<tf.Rank.R1>,
      },
    };
  }

  it('training normalises with batch statistics and moves the moving statistics', () => {
    const { params, state } = parts(3);
    const x = tf.add(tf.mul(randomTensor([4, 6, 3], 1), 3), tf.tensor1d([10, -5, 2])) as tf.Tensor3D;
    const { mean, variance } = tf.moments(x, [0, 1]);
    const y = batchNorm(x, params, state, true, { momentum: 0.9, epsilon: 1e-3 });
    // Per channel c: mean β_c, standard deviation γ_c (up to epsilon).
    const moments = tf.moments(y, [0, 1]);
    expectClose(moments.mean.dataSync(), [0, -1, -2], 1e-4);
    expectClose(tf.sqrt(moments.variance).dataSync(), [1, 2, 3], 1e-2, 1e-3);
    // moving ← 0.9·moving + 0.1·batch
    expectClose(state.movingMean.dataSync(), tf.mul(mean, 0.1).dataSync(), 1e-5, 1e-5);
    expectClose(state.movingVariance.dataSync(), tf.add(0.9, tf.mul(variance, 0.1)).dataSync(), 1e-5, 1e-5);
    tf.dispose([
      x,
      y,
      mean,
      variance,
      moments.mean,
      moments.variance,
      params.gamma,
      params.beta,
      state.movingMean,
      state.movingVariance,
    ]);
  });

  it('inference uses the moving statistics and changes nothing', () => {
    const { params, state } = parts(2);
    state.movingMean.assign(tf.tensor1d([1, -2]));
    state.movingVariance.assign(tf.tensor1d([4, 0.25]));
    const x = tf.tensor2d([3, 0, -1, -2], [2, 2]);
    const y = batchNorm(x, params, state, false, { epsilon: 0 });
    // (x - mean) / sqrt(var) · γ + β with γ = [1, 2], β = [0, -1]
    expectClose(y.dataSync(), [1, 7, -1, -1], 1e-5);
    expectClose(state.movingMean.dataSync(), [1, -2], 0);
    expectClose(state.movingVariance.dataSync(), [4, 0.25], 0);
    tf.dispose([x, y, params.gamma, params.beta, state.movingMean, state.movingVariance]);
  });

  it('training gradients match numerical ones and nothing leaks', () => {
    const { params, state } = parts(2);
    const x = randomTensor([3, 4, 2], 2);
    const r = randomTensor([3, 4, 2], 3);
    const loss = (a: tf.Tensor) => tf.sum(tf.mul(batchNorm(a as tf.Tensor3D, params, state, true), r));
    expectClose(tf.grad(loss)(x).dataSync(), numericalGradient(loss, x, 1e-2), 5e-3, 1e-2);
    const byGamma = (g: tf.Tensor) =>
      tf.sum(tf.mul(batchNorm(x as tf.Tensor3D, { gamma: g as tf.Tensor1D, beta: params.beta }, state, true), r));
    const byBeta = (b: tf.Tensor) =>
      tf.sum(tf.mul(batchNorm(x as tf.Tensor3D, { gamma: params.gamma, beta: b as tf.Tensor1D }, state, true), r));
    expectClose(tf.grad(byGamma)(params.gamma).dataSync(), numericalGradient(byGamma, params.gamma, 1e-2), 5e-3, 1e-2);
    expectClose(tf.grad(byBeta)(params.beta).dataSync(), numericalGradient(byBeta, params.beta, 1e-2), 5e-3, 1e-2);
    expectNoLeak(() => tf.dispose(tf.grad(loss)(x)));
    tf.dispose([x, r, params.gamma, params.beta, state.movingMean, state.movingVariance]);
  });

  it('normalises [N, C] input, one channel included', () => {
    const { params, state } = parts(1);
    const y = batchNorm(tf.tensor2d([1, 3], [2, 1]), params, state, true, { epsilon: 0 });
    expect(Array.from(y.dataSync())).toEqual([-1, 1]);
    tf.dispose([y, params.gamma, params.beta, state.movingMean, state.movingVariance]);
  });
});
