import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, expectClose, expectNoLeak, numericalGradient, randomTensor, useBackend } from '../test-helpers.js';
import { leakyRelu } from './activations.js';
import { dense } from './dense.js';
import { matMul } from './matmul.js';
import { pixelNorm } from './normalise.js';
import { globalAveragePool1d, globalMaxPool1d, maxPool1d } from './pooling.js';
import { stopGradient } from './stop-gradient.js';
import { upsample1d } from './upsample.js';

describe.each(BACKENDS)('small ops on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it('matMul and dense match tf.matMul, with the same gradients', () => {
    for (const [m, k, p] of [
      [5, 7, 3],
      [4, 2, 9],
      [6, 9, 1],
    ] as const) {
      const a = randomTensor([m, k], 1) as tf.Tensor2D;
      const b = randomTensor([k, p], 2) as tf.Tensor2D;
      const bias = randomTensor([p], 3) as tf.Tensor1D;
      const r = randomTensor([m, p], 4);
      expectClose(matMul(a, b).dataSync(), tf.matMul(a, b).dataSync(), 1e-5, 1e-5);
      const ours = tf.grads((x: tf.Tensor, y: tf.Tensor, z: tf.Tensor) =>
        tf.sum(tf.mul(dense(x as tf.Tensor2D, y as tf.Tensor2D, z as tf.Tensor1D), r)),
      )([a, b, bias]);
      const theirs = tf.grads((x: tf.Tensor, y: tf.Tensor, z: tf.Tensor) =>
        tf.sum(tf.mul(tf.add(tf.matMul(x, y), z), r)),
      )([a, b, bias]);
      ours.forEach((g, i) => expectClose(g.dataSync(), theirs[i]!.dataSync(), 1e-5, 1e-5));
      tf.dispose([a, b, bias, r, ...ours, ...theirs]);
    }
  });

  it('upsample1d repeats samples and sums their gradients', () => {
    const x = tf.tensor3d([1, 2, 3, 4, 5, 6], [1, 3, 2]);
    expect(Array.from(upsample1d(x, 2).dataSync())).toEqual([1, 2, 1, 2, 3, 4, 3, 4, 5, 6, 5, 6]);
    expect(Array.from(upsample1d(x, 3).dataSync())).toEqual([1, 2, 1, 2, 1, 2, 3, 4, 3, 4, 3, 4, 5, 6, 5, 6, 5, 6]);
    for (const factor of [2, 3, 4]) {
      const input = randomTensor([2, 5, 3], 5);
      const r = randomTensor([2, 5 * factor, 3], 6);
      const loss = (a: tf.Tensor) => tf.sum(tf.mul(upsample1d(a as tf.Tensor3D, factor), r));
      expectClose(tf.grad(loss)(input).dataSync(), numericalGradient(loss, input, 0.1), 1e-3, 1e-3);
      tf.dispose([input, r]);
    }
    x.dispose();
  });

  it('leakyRelu matches tf.leakyRelu, gradient included', () => {
    const x = randomTensor([3, 7, 4], 7);
    expectClose(leakyRelu(x, 0.2).dataSync(), tf.leakyRelu(x, 0.2).dataSync(), 1e-7);
    const r = randomTensor([3, 7, 4], 8);
    const ours = tf.grad((a: tf.Tensor) => tf.sum(tf.mul(leakyRelu(a, 0.3), r)))(x);
    const theirs = tf.grad((a: tf.Tensor) => tf.sum(tf.mul(tf.leakyRelu(a, 0.3), r)))(x);
    expectClose(ours.dataSync(), theirs.dataSync(), 1e-7);
    tf.dispose([x, r, ours, theirs]);
  });

  it('pooling: sliding max, global mean and global max with correct gradients', () => {
    const x = tf.tensor3d([1, -1, 3, 0, 2, 5, -4, 1], [1, 4, 2]);
    expect(Array.from(maxPool1d(x, 3).dataSync())).toEqual([3, 0, 3, 5, 3, 5, 2, 5]);
    expect(Array.from(globalAveragePool1d(x).dataSync())).toEqual([0.5, 1.25]);
    expect(Array.from(globalMaxPool1d(x).dataSync())).toEqual([3, 5]);
    const gMax = tf.grad((a: tf.Tensor) => tf.sum(tf.mul(globalMaxPool1d(a as tf.Tensor3D), tf.tensor1d([2, 3]))))(x);
    expect(Array.from(gMax.dataSync())).toEqual([0, 0, 2, 0, 0, 3, 0, 0]);
    // Overlapping windows route one sample's gradient through several outputs.
    for (const size of [2, 3, 4]) {
      const input = randomTensor([2, 6, 3], 9 + size);
      const loss = (a: tf.Tensor) => tf.sum(tf.square(maxPool1d(a as tf.Tensor3D, size)));
      expectClose(tf.grad(loss)(input).dataSync(), numericalGradient(loss, input, 1e-3), 2e-2, 1e-2);
      const global = (a: tf.Tensor) => tf.sum(tf.square(globalMaxPool1d(a as tf.Tensor3D)));
      expectClose(tf.grad(global)(input).dataSync(), numericalGradient(global, input, 1e-3), 2e-2, 1e-2);
      input.dispose();
    }
    tf.dispose([x, gMax]);
  });

  it('pixelNorm gives each sample unit mean square over channels', () => {
    const x = tf.mul(randomTensor([2, 5, 8], 10), 7);
    const meanSquare = tf.mean(tf.square(pixelNorm(x)), -1);
    expectClose(meanSquare.dataSync(), new Float32Array(10).fill(1), 1e-4);
    tf.dispose([x, meanSquare]);
  });

  it('stopGradient passes values and blocks gradients', () => {
    const x = tf.tensor1d([1, 2, 3]);
    expect(Array.from(stopGradient(x).dataSync())).toEqual([1, 2, 3]);
    // d/dx [x·x + stop(x)·x] = 2x + stop(x) = 3x when the stopped factor is a constant.
    const g = tf.grad((a: tf.Tensor) => tf.sum(tf.add(tf.mul(a, a), tf.mul(stopGradient(a), a))))(x);
    expect(Array.from(g.dataSync())).toEqual([3, 6, 9]);
    expectNoLeak(() => tf.tidy(() => void stopGradient(x)));
    tf.dispose([x, g]);
  });
});
