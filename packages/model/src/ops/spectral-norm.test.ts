import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, expectClose, expectNoLeak, numericalGradient, randomTensor, useBackend } from '../test-helpers.js';
import { spectralNormalise } from './spectral-norm.js';
import { stopGradient } from './stop-gradient.js';

/** The largest singular value of a [rows, columns] matrix, by 500 power iterations in float64. */
function largestSingularValue(values: Float32Array, rows: number, columns: number): number {
  let u = Float64Array.from({ length: columns }, (_, i) => Math.cos(i + 1));
  let sigma = 0;
  for (let iteration = 0; iteration < 500; iteration++) {
    const v = new Float64Array(rows);
    for (let r = 0; r < rows; r++) for (let c = 0; c < columns; c++) v[r]! += values[r * columns + c]! * u[c]!;
    const next = new Float64Array(columns);
    for (let r = 0; r < rows; r++) for (let c = 0; c < columns; c++) next[c]! += values[r * columns + c]! * v[r]!;
    sigma = Math.sqrt(Math.hypot(...next));
    const norm = Math.hypot(...next);
    u = next.map((x) => x / norm);
  }
  return sigma;
}

describe.each(BACKENDS)('spectralNormalise on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it('brings the largest singular value to 1 within a few training calls', () => {
    const w = tf.mul(randomTensor([5, 3, 4], 1), 3) as tf.Tensor3D; // a conv filter, seen as [15, 4]
    const u = tf.variable(tf.div(tf.ones([4]), 2), false) as tf.Variable<tf.Rank.R1>;
    expect(largestSingularValue(w.dataSync() as Float32Array, 15, 4)).toBeGreaterThan(2);
    for (let i = 0; i < 10; i++) tf.tidy(() => spectralNormalise(w, u, true));
    const normalised = spectralNormalise(w, u, false);
    expect(normalised.shape).toEqual([5, 3, 4]);
    expect(largestSingularValue(normalised.dataSync() as Float32Array, 15, 4)).toBeCloseTo(1, 3);
    tf.dispose([w, u, normalised]);
  });

  it('training advances u, inference leaves it', () => {
    const w = randomTensor([6, 3], 2);
    const u = tf.variable(tf.tensor1d([1, 0, 0]), false) as tf.Variable<tf.Rank.R1>;
    tf.dispose(spectralNormalise(w, u, false));
    expect(Array.from(u.dataSync())).toEqual([1, 0, 0]);
    tf.dispose(spectralNormalise(w, u, true));
    expect(Array.from(u.dataSync())).not.toEqual([1, 0, 0]);
    expect(Math.hypot(...u.dataSync())).toBeCloseTo(1, 5);
    tf.dispose([w, u]);
  });

  it('inference gradient is the exact derivative of W / ‖W u‖', () => {
    const w = randomTensor([4, 3], 3);
    const u = tf.variable(tf.tensor1d([0.6, 0.8, 0]), false) as tf.Variable<tf.Rank.R1>;
    const r = randomTensor([4, 3], 4);
    const loss = (a: tf.Tensor) => tf.sum(tf.mul(spectralNormalise(a, u, false), r));
    expectClose(tf.grad(loss)(w).dataSync(), numericalGradient(loss, w, 1e-2), 2e-3, 1e-2);
    tf.dispose([w, u, r]);
  });

  it('training gradient treats u and v as constants (dσ/dW = v uᵀ)', () => {
    const w = randomTensor([4, 3], 5);
    const r = randomTensor([4, 3], 6);
    const start = [0.36, 0.48, 0.8];
    const u = tf.variable(tf.tensor1d(start), false) as tf.Variable<tf.Rank.R1>;
    const ours = tf.grad((a: tf.Tensor) => tf.sum(tf.mul(spectralNormalise(a, u, true), r)))(w);
    // Reference from tf ops: v = normalise(W u0), u1 = normalise(Wᵀ v), σ = vᵀ W u1 with v, u1 constant.
    const reference = tf.grad((a: tf.Tensor) => {
      const u0 = tf.tensor2d(start, [3, 1]);
      const wu = tf.matMul(stopGradient(a), u0);
      const v = tf.div(wu, tf.norm(wu));
      const wtv = tf.matMul(v, stopGradient(a), true);
      const u1 = tf.div(wtv, tf.norm(wtv));
      const sigma = tf.sum(tf.mul(tf.matMul(v, a, true), u1));
      return tf.sum(tf.mul(tf.div(a, sigma), r));
    })(w);
    expectClose(ours.dataSync(), reference.dataSync(), 1e-5, 1e-4);
    expectNoLeak(() => tf.dispose(tf.grad((a: tf.Tensor) => tf.sum(spectralNormalise(a, u, true)))(w)));
    tf.dispose([w, r, u, ours, reference]);
  });
});
