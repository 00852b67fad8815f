import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, expectClose, useBackend } from '../test-helpers.js';
import { standardiseWindows } from './normalise.js';

describe.each(BACKENDS)('standardiseWindows on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it('splits windows into level, log scale and a zero-mean unit-variance shape that rebuild them', () => {
    const x = tf.tensor3d([1000, 1010, 990, 1000, 1500, 1800, 1200, 1500], [2, 4, 1]);
    const { mean, logStd, shape } = standardiseWindows(x, 1e-9);
    expectClose(mean.dataSync(), [1000, 1500], 1e-3);
    expectClose(logStd.dataSync(), [Math.log(Math.sqrt(50)), Math.log(Math.sqrt(45000))], 1e-4);
    const s = shape.arraySync().map((w) => w.map((v) => v[0]!));
    for (const w of s) {
      expect(Math.abs(w.reduce((a, b) => a + b, 0))).toBeLessThan(1e-4);
      expect(w.reduce((a, b) => a + b * b, 0) / w.length).toBeCloseTo(1, 4);
    }
    const rebuilt = tf.add(tf.expandDims(mean, 2), tf.mul(tf.expandDims(tf.exp(logStd), 2), shape));
    expectClose(rebuilt.dataSync(), x.dataSync(), 1e-2);
    tf.dispose([x, mean, logStd, shape, rebuilt]);
  });

  it('keeps a flat window and its gradient finite', () => {
    const g = tf.grad((x: tf.Tensor) => {
      const { logStd, shape } = standardiseWindows(x as tf.Tensor3D);
      return tf.add(tf.sum(logStd), tf.sum(tf.square(shape)));
    })(tf.ones([1, 8, 1]));
    expect(g.dataSync().every(Number.isFinite)).toBe(true);
    g.dispose();
  });
});
